"""`Selection`: one value out of a fixed list, which extensions can grow.

::

    state = fields.Selection([("draft", "Draft"), ("done", "Done")], default="draft")

    # in an extension: adds a state after "draft"
    state = fields.Selection(selection_add=[("approval", "To approve")], after="draft")
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import String
from sqlalchemy.types import TypeEngine

from core.errors import ConfigError
from core.i18n import _
from core.orm.environment import Environment
from core.orm.fields.base import Field


class Selection(Field[str | None]):
    """A value from ``selection``, a list of ``(value, label)`` pairs."""

    type_name = "selection"

    def __init__(
        self,
        selection: list[tuple[str, str]] | None = None,
        label: str | None = None,
        *,
        selection_add: list[tuple[str, str]] | None = None,
        after: str | None = None,
        **options: Any,
    ) -> None:
        super().__init__(label, **options)
        self.selection = list(selection or [])
        self.selection_add = list(selection_add or [])
        self.after = after
        if selection is not None:
            self._explicit = (self._explicit - {"label"}) | {"selection"} | ({"label"} if label else set())

    def extend(self, refinement: Field[Any]) -> Field[Any]:
        merged = super().extend(refinement)
        assert isinstance(merged, Selection) and isinstance(refinement, Selection)
        options = list(merged.selection)
        known = {value for value, _ in options}
        added = [pair for pair in refinement.selection_add if pair[0] not in known]
        position = len(options)
        if refinement.after is not None:
            if refinement.after not in known:
                raise ConfigError(
                    f"{self.name}: selection_add goes after {refinement.after!r}, "
                    f"which is not one of its values ({', '.join(value for value, _ in options)})"
                )
            position = next(i + 1 for i, (value, _) in enumerate(options) if value == refinement.after)
        merged.selection = options[:position] + added + options[position:]
        merged.selection_add, merged.after = [], None
        return merged

    def sql_type(self) -> TypeEngine[Any]:
        return String(64)

    @property
    def values(self) -> list[str]:
        return [value for value, _ in self.selection]

    def label_of(self, value: str | None) -> str:
        """The label users see for ``value``."""
        return dict(self.selection).get(value or "", value or "")

    def convert(self, value: Any, env: Environment) -> str | None:
        if value is None or value == "" or value is False:
            return None
        if value not in self.values:
            raise ValueError(_("Choose one of: %(options)s.", options=", ".join(self.values)))
        return str(value)

    def describe(self) -> dict[str, Any]:
        return {**super().describe(), "selection": [list(pair) for pair in self.selection]}
