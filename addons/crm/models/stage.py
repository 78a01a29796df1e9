"""Pipeline stages: the columns opportunities move through, in ``sequence`` order.

A stage gives the probability of the opportunities in it; ``is_won`` marks the
stage `Lead.action_won` moves them to, and ``fold`` folds its kanban column. A
stage with ``teams`` is used by those teams only; without, by every team::

    Stage.pick(stages, team_id)               # the first stage a new lead of that team starts in
    Stage.pick(stages, team_id, won=True)     # where it goes when won
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.orm import selectinload

from core.orm import fields
from core.orm.constraints import Check
from core.orm.environment import Environment
from core.orm.model import Model


class Stage(Model, name="crm.stage"):
    _description = "Pipeline stage"
    _order = "sequence, id"
    _sql_constraints = (
        Check(
            "probability >= 0 AND probability <= 100",
            name="probability_range",
            message="A probability is between 0 and 100 percent.",
        ),
    )

    name = fields.Char(required=True)
    sequence = fields.Integer(default=10, required=True)
    probability = fields.Float(
        default=10.0, required=True, help="In percent; given to the leads in this stage."
    )
    is_won = fields.Boolean("Won stage", help="Opportunities marked won move here.")
    fold = fields.Boolean("Folded in the pipeline")
    teams = fields.Many2many(
        "crm.team",
        relation="crm_stage_team_rel",
        column1="stage_id",
        column2="team_id",
        help="The teams using this stage; empty: every team.",
    )
    requirements = fields.Text(help="What must be true of an opportunity before it enters this stage.")

    @classmethod
    def all_stages(cls, env: Environment) -> list[Stage]:
        """Every stage in order with its teams, in two queries (stages are few)."""
        stmt = cls.select(env).order_by(*cls.default_order()).options(selectinload(cls.teams))  # type: ignore[arg-type]
        return list(env.session.scalars(stmt))

    @staticmethod
    def pick(stages: Sequence[Stage], team_id: int | None, *, won: bool = False) -> Stage | None:
        """The first of ``stages`` (in order) used by the team ``team_id``, won or not won."""
        for stage in stages:
            if stage.is_won != won:
                continue
            if not stage.teams or (team_id is not None and team_id in {team.id for team in stage.teams}):
                return stage
        return None
