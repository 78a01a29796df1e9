"""Declared state transitions: from each state, the states a record may become, checked in one place.

A model declares its workflow once, as data; its actions move records
through it, and an undeclared change is refused with a message in the
user's language naming the record and both states::

    class Order(Model, name="sales.order"):
        TRANSITIONS = Transitions(
            {
                "draft": {"sent", "confirmed", "cancelled"},
                "sent": {"confirmed", "cancelled"},
                "confirmed": {"done", "cancelled"},
                "done": set(),
                "cancelled": {"draft"},
            }
        )

        @api_method
        def action_send(self) -> Order:
            self.TRANSITIONS.move([self], "sent")
            return self

The states are values of the model's selection field ``field`` (``state`` by
default), whose labels the messages use. The declaration also tells views
which buttons to show in which state (`Transitions.sources`).
"""

from __future__ import annotations

from collections.abc import Iterable
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from core.errors import ConfigError
from core.errors import ValidationError
from core.i18n import _
from core.i18n import current
from core.orm.records import RecordSet


@dataclass(frozen=True, init=False)
class Transitions:
    """The states each state of ``field`` leads to.

    Args:
        allowed: for every state, the states a record in it may become (an
            empty set for a final state).
        field: the selection field holding the state.

    Raises:
        ConfigError: a target is not itself a declared state.
    """

    allowed: Mapping[str, frozenset[str]]
    field: str

    def __init__(self, allowed: Mapping[str, Iterable[str]], field: str = "state") -> None:
        frozen = {state: frozenset(targets) for state, targets in allowed.items()}
        unknown = sorted(set().union(*frozen.values()) - frozen.keys())
        if unknown:
            raise ConfigError(f"transitions lead to undeclared states: {', '.join(unknown)}")
        object.__setattr__(self, "allowed", frozen)
        object.__setattr__(self, "field", field)

    def sources(self, target: str) -> list[str]:
        """The states that lead to ``target``, in declaration order (where its button shows)."""
        return [state for state, targets in self.allowed.items() if target in targets]

    def check(self, records: Iterable[Any], target: str) -> None:
        """Refuse unless every record of ``records`` may become ``target`` from its current state.

        Raises:
            ValidationError: naming the first record that may not, with a
                message on ``field``.
        """
        for record in records:
            state = getattr(record, self.field)
            if target not in self.allowed.get(state, ()):
                selection = type(record)._fields[self.field]
                raise ValidationError(
                    _(
                        "%(name)s is in the state “%(state)s” and cannot become “%(target)s”.",
                        name=record.display_name,
                        state=current().option_label(selection, state),
                        target=current().option_label(selection, target),
                    ),
                    fields={self.field: _("Not allowed from this state.")},
                )

    def move(self, records: Iterable[Any], target: str) -> None:
        """Move every record of ``records`` to ``target`` and flush, or none if one may not move.

        Raises:
            ValidationError: a record's state does not lead to ``target`` (see `check`).
        """
        batch = list(records)
        self.check(batch, target)
        if batch:
            RecordSet(batch[0].env, type(batch[0]), batch).write({self.field: target})
            batch[0].env.flush()
