from core.hookspecs import hookimpl


@hookimpl
def records_created(env, records):
    if records.model._name == "base.partner":
        for partner in records:
            env.hook.hooks_announcer_partner_welcomed(env=env, partner=partner)
