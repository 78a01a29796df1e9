"""Where a deal came from."""

from __future__ import annotations

from core.orm import fields
from core.orm.model import Extension

SOURCES = [("web", "Website"), ("referral", "Referral"), ("event", "Trade fair")]


class Deal(Extension, extends="ui_showcase.deal"):
    source = fields.Selection(SOURCES, default="web")
