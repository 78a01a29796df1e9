"""What a new lead gets when it lacks it: a company and currency, a team, a salesperson, a stage.

`fill` prepares the values of a batch of leads before `Lead.create` inserts
them, with a few queries per batch (not per lead):

- the acting user's company (the main company for the system), and that
  company's currency;
- the first team (in team order) its salesperson leads or belongs to;
- for a lead with a team and no salesperson, the team's next member in round
  robin (`Team.next_members`, which locks the team's row);
- the first stage its team uses that is not a won stage.

Data files create records with ``Model.new`` and bypass this: demo leads name
their stage, team and salesperson.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from addons.crm.models.stage import Stage
from core.base.models.company import current_company
from core.orm.environment import Environment


def fill(env: Environment, vals_list: list[dict[str, Any]]) -> None:
    """Complete ``vals_list`` (one dict per new lead) in place."""
    _fill_company(env, vals_list)
    _fill_teams(env, vals_list)
    _assign_round_robin(env, vals_list)
    _fill_stages(env, vals_list)


def default_currency(env: Environment) -> Any:
    """The currency of the acting user's company (`current_company`)."""
    company = current_company(env)
    return company.currency if company is not None else None


def _id(value: Any) -> int | None:
    """The id in a many2one value given as an id or a record."""
    if value is None or value is False:
        return None
    return value if isinstance(value, int) else value.id


def _fill_company(env: Environment, vals_list: list[dict[str, Any]]) -> None:
    """Leads without a company get the user's; without a currency, their company's."""
    if any("company" not in vals for vals in vals_list):
        company = current_company(env)
        for vals in vals_list:
            vals.setdefault("company", company)
    company_model = env.registry["base.company"]
    for vals in vals_list:
        if "currency" not in vals:
            company = vals["company"]
            if isinstance(company, int):
                company = env.session.get(company_model, company)
            vals["currency"] = company.currency if company is not None else None


def _fill_teams(env: Environment, vals_list: list[dict[str, Any]]) -> None:
    """A lead with a salesperson and no team gets the salesperson's first team."""
    lacking = [vals for vals in vals_list if _id(vals.get("user")) and not vals.get("team")]
    if lacking:
        teams = env.registry["crm.team"].teams_of(env, {_id(vals["user"]) for vals in lacking})  # type: ignore[attr-defined]
        for vals in lacking:
            if _id(vals["user"]) in teams:
                vals["team"] = teams[_id(vals["user"])]


def _assign_round_robin(env: Environment, vals_list: list[dict[str, Any]]) -> None:
    """Leads with a team and no salesperson get the team's next members, in order."""
    by_team: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for vals in vals_list:
        team_id = _id(vals.get("team"))
        if team_id is not None and not vals.get("user"):
            by_team[team_id].append(vals)
    if not by_team:
        return
    team_model = env.registry["crm.team"]
    with env.sudo():  # moving the team's pointer is the system's bookkeeping, not a change by the user
        for team_id, lacking in by_team.items():
            chosen = team_model.next_members(env, team_id, len(lacking))  # type: ignore[attr-defined]
            for vals, user_id in zip(lacking, chosen, strict=True):
                vals["user"] = user_id


def _fill_stages(env: Environment, vals_list: list[dict[str, Any]]) -> None:
    """Leads without a stage start in the first (not won) stage their team uses."""
    lacking = [vals for vals in vals_list if not vals.get("stage")]
    if lacking:
        stages = env.registry["crm.stage"].all_stages(env)  # type: ignore[attr-defined]
        for vals in lacking:
            stage = Stage.pick(stages, _id(vals.get("team")))
            if stage is not None:
                vals["stage"] = stage.id
