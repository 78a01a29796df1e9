from core.hookspecs import hookimpl


@hookimpl
def hooks_announcer_partner_welcomed(env, partner):
    partner.ref = f"WELCOME-{partner.id}"
