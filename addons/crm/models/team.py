"""Sales teams: a leader, members, and the round-robin hand-out of new leads among the members.

A lead created with a team and no salesperson goes to the member after the one
who got the previous lead (`Team.next_members`), in member id order, wrapping
around. The pointer (``last_assigned``) is stored on the team.

Concurrency: the team's row is read ``SELECT … FOR UPDATE`` on PostgreSQL and
the pointer written in the creating transaction, so two transactions handing
out leads of one team queue on that row: the second waits until the first
commits and then reads the pointer it left, and no member is skipped or served
twice. The lock is held until the creating transaction ends, so very long
transactions that create leads delay others of the same team. On SQLite every
transaction takes the write lock when it begins (docs/decisions.md), which
serialises them the same way.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from core.orm import fields
from core.orm.environment import Environment
from core.orm.model import Model


class Team(Model, name="crm.team"):
    _description = "Sales team"
    _order = "sequence, name"

    name = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    leader = fields.Many2one("base.user", "Team leader")
    members = fields.Many2many(
        "base.user", relation="crm_team_member_rel", column1="team_id", column2="user_id"
    )
    company = fields.Many2one("base.company")
    last_assigned = fields.Many2one(
        "base.user",
        "Last lead went to",
        readonly=True,
        copy=False,
        help=(
            "The member who got the last lead handed out in round robin; the next lead goes to the one after."
        ),
    )
    active = fields.Boolean(default=True)

    @classmethod
    def next_members(cls, env: Environment, team_id: int, count: int) -> list[int | None]:
        """The salespeople for ``count`` new leads of the team, in round robin; moves the pointer.

        Locks the team's row until the transaction ends (see the module's
        docstring). Members whose user is archived are skipped; a team
        without active members gives None for each lead.
        """
        stmt = select(cls).where(cls.id == team_id).options(selectinload(cls.members))  # type: ignore[arg-type]
        if env.session.get_bind().dialect.name == "postgresql":
            stmt = stmt.with_for_update(of=cls)
        stmt = stmt.execution_options(populate_existing=True)
        team = env.session.scalars(stmt).first()
        if team is None:
            return [None] * count
        members = sorted((user for user in team.members if user.active), key=lambda user: user.id)  # type: ignore[attr-defined]
        if not members:
            return [None] * count
        last = team.last_assigned_id  # type: ignore[attr-defined]
        start = next((i for i, user in enumerate(members) if last is None or user.id > last), 0)
        chosen = [members[(start + offset) % len(members)] for offset in range(count)]
        team.last_assigned = chosen[-1]  # type: ignore[attr-defined]
        return [user.id for user in chosen]

    @classmethod
    def teams_of(cls, env: Environment, user_ids: Iterable[int]) -> dict[int, int]:
        """The first team (in team order) each of ``user_ids`` leads or belongs to, by user id."""
        wanted = set(user_ids)
        if not wanted:
            return {}
        stmt = cls.select(env).order_by(*cls.default_order()).options(selectinload(cls.members))  # type: ignore[arg-type]
        found: dict[int, int] = {}
        for team in env.session.scalars(stmt):
            for user_id in [team.leader_id, *(user.id for user in team.members)]:  # type: ignore[attr-defined]
                if user_id in wanted and user_id not in found:
                    found[user_id] = team.id
        return found
