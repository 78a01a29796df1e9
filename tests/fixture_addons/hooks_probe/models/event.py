from core.orm import fields
from core.orm.model import Model


class Event(Model, name="hooks_probe.event"):
    """One hook call: which hook, on what, with which details."""

    hook = fields.Char(required=True)
    subject = fields.Char()
    details = fields.Json()
