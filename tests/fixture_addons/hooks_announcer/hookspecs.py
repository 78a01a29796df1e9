"""Hooks this addon offers to the addons that depend on it."""

from core.hookspecs import hookspec


@hookspec
def hooks_announcer_partner_welcomed(env, partner) -> None:
    """A partner was created and welcomed; fires inside the creating transaction.

    Implementations may change ``partner``; raising rolls the creation back.
    """
