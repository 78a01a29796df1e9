"""Automated follow-ups: rules that plan an activity when a lead reaches a stage, or goes quiet.

Two triggers:

- ``stage``: a lead that enters ``stage`` (created in it, or moved to it by
  any path: form, kanban, API, import) gets an activity due ``delay_days``
  later, for its salesperson. This runs in the ``records_created`` and
  ``records_written`` hooks (`addons.crm.hooks`) rather than in ``write``:
  the hooks see every path that changes a stage, including attribute
  assignment and batch updates that never call ``write``, and run in the
  same transaction, so the activity exists exactly when the change does.
- ``idle``: an open lead with no planned activity, no activity done and no
  change for ``idle_days`` gets one, from the hourly ``crm.follow_up`` job
  (`FollowupRule.plan_idle`). A lead with a planned activity is not idle,
  so the job never plans a second one for the same silence.

A rule with a ``team`` applies to that team's leads only.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from sqlalchemy import or_
from sqlalchemy import select

from addons.crm.models.activity import KINDS
from core.errors import ValidationError
from core.i18n import _
from core.orm import fields
from core.orm.constraints import constrains
from core.orm.environment import Environment
from core.orm.model import Model

TRIGGERS = [("stage", "Stage reached"), ("idle", "No activity or change")]


class FollowupRule(Model, name="crm.followup_rule"):
    _description = "Follow-up rule"
    _order = "sequence, id"

    name = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    trigger = fields.Selection(TRIGGERS, default="stage", required=True)
    stage = fields.Many2one("crm.stage", ondelete="cascade", help="For 'Stage reached': the stage entered.")
    idle_days = fields.Integer("Idle days", default=14, help="For 'No activity or change': how long.")
    team = fields.Many2one("crm.team", ondelete="cascade", help="Only leads of this team; empty: all.")
    activity_kind = fields.Selection(KINDS, "Activity type", default="call", required=True)
    summary = fields.Char("Activity summary", required=True)
    delay_days = fields.Integer("Due after (days)", default=0, required=True)
    active = fields.Boolean(default=True)

    @constrains("trigger", "stage", "idle_days", "delay_days")
    def _check_trigger(self) -> None:
        if self.trigger == "stage" and self.stage is None:
            raise ValidationError(fields={"stage": _("Choose the stage that triggers the rule.")})
        if self.trigger == "idle" and (self.idle_days or 0) < 1:
            raise ValidationError(fields={"idle_days": _("A lead is idle after at least one day.")})
        if (self.delay_days or 0) < 0:
            raise ValidationError(fields={"delay_days": _("The delay cannot be negative.")})

    def activity_values(self, lead: Any, day: dt.date) -> dict[str, Any]:
        """The activity this rule plans for ``lead``, due ``delay_days`` after ``day``."""
        assignee = (
            lead.user if lead.user is not None else (lead.team.leader if lead.team is not None else None)
        )
        return {
            "kind": self.activity_kind,
            "summary": self.summary,
            "date_due": day + dt.timedelta(days=self.delay_days or 0),
            "user": assignee if assignee is not None else lead.env.user_id,
            "lead": lead,
            "rule": self,
        }

    @classmethod
    def plan_for_stages(cls, env: Environment, leads: Iterable[Any]) -> None:
        """Add, unflushed, the activities of the stage rules for the stages ``leads`` are now in.

        Called from the records hooks, inside a flush: the activities are only
        added to the session, and the next flush (or the commit) writes them.
        """
        staged = [lead for lead in leads if lead.stage_id is not None and lead.active]
        if not staged:
            return
        stmt = cls.select(
            env, [("trigger", "=", "stage"), ("stage", "in", sorted({lead.stage_id for lead in staged}))]
        )
        rules: dict[int, list[FollowupRule]] = defaultdict(list)
        for rule in env.session.scalars(stmt.order_by(*cls.default_order())):
            rules[rule.stage_id].append(rule)  # type: ignore[attr-defined]
        if not rules:
            return
        activity = env.registry["crm.activity"]
        day = env.today()
        with env.session.no_autoflush:
            for lead in staged:
                for rule in rules.get(lead.stage_id, ()):
                    if rule.team_id is None or rule.team_id == lead.team_id:  # type: ignore[attr-defined]
                        activity.new(env, rule.activity_values(lead, day))

    @classmethod
    def plan_idle(cls, env: Environment, now: dt.datetime | None = None) -> int:
        """Create an activity for each open lead idle as long as an idle rule says; returns how many.

        Idle: not changed, no activity done and none planned since the
        rule's ``idle_days`` before ``now`` (default: the current time).
        """
        now = now or dt.datetime.now(dt.UTC)
        lead_model = env.registry["crm.lead"]
        activity = env.registry["crm.activity"]
        planned: list[dict[str, Any]] = []
        taken: set[int] = set()
        for rule in env["crm.followup_rule"].search([("trigger", "=", "idle")]):
            cutoff = now - dt.timedelta(days=rule.idle_days)  # type: ignore[attr-defined]
            busy = select(activity.lead_id).where(  # type: ignore[attr-defined]
                activity.lead_id.is_not(None),  # type: ignore[attr-defined]
                or_(activity.state == "planned", activity.date_done >= cutoff),  # type: ignore[attr-defined]
            )
            domain: list[Any] = [("state", "=", "open"), ("updated_at", "<", cutoff)]
            if rule.team_id is not None:  # type: ignore[attr-defined]
                domain.append(("team", "=", rule.team_id))  # type: ignore[attr-defined]
            stmt = lead_model.select(env, domain).where(lead_model.id.not_in(busy))
            for lead in env.session.scalars(stmt.order_by(lead_model.id)):
                if lead.id not in taken:  # one activity per lead and run, from the first rule that applies
                    taken.add(lead.id)
                    planned.append(rule.activity_values(lead, now.date()))  # type: ignore[attr-defined]
        if planned:
            env["crm.activity"].create(planned)
        return len(planned)
