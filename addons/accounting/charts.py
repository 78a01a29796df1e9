"""Chart templates: charts of accounts shipped as TOML, loaded into a company on demand.

A template is one file in ``addons/accounting/charts/``, named after its code
(``tr_tdhp.toml`` is ``"tr_tdhp"``). It lists the accounts (code, name,
type), the journals (code, name, type, default account) and the accounts a
company uses by default (receivable, payable, income, expense, retained
earnings)::

    [chart]
    name = "Tek Düzen Hesap Planı (Türkiye)"
    country = "TR"          # optional: the country it is made for
    currency = "TRY"        # optional: the currency it is made for

    [defaults]
    receivable = "120"
    payable = "320"
    income = "600"
    expense = "770"
    retained_earnings = "590"
    sale_tax = "391"        # optional: taxes without an account of the company post here
    purchase_tax = "191"
    exchange_gain = "646"   # optional: realised exchange differences
    exchange_loss = "656"

    [[journals]]
    code = "SAT"
    name = "Satış Faturaları"
    type = "sale"
    default_account = "600"

    [[accounts]]
    code = "100"
    name = "Kasa"
    type = "cash"

    [[taxes]]               # optional: the accounts and grids of taxes shipped as data
    tax = "commerce.demo_tax_kdv20"     # its external id; skipped when no such tax exists
    account = "391"
    refund_account = "191"
    base_grid = "TR-M20"    # tax grid codes (`data/tax_grids.toml`)
    tax_grid = "TR-HK"

What a chart keeps for another addon goes in a table named after it, used
only where that addon is installed: its journals (a ``role`` names the
company field ``<role>_journal`` that points at one) and its default
accounts (role ``x`` fills the company field ``default_x_account``, which
that addon declares)::

    [extras.stock.defaults]
    stock_valuation = "153"

    [[extras.stock.journals]]
    code = "STJ"
    name = "Stok Hareketleri"
    type = "general"
    role = "stock"

Templates are read and validated once per process (a marshmallow schema, and
every code they refer to must be one of their accounts), so a wrong template
fails with its file and the key at fault before anything is written.
Loading copies the template into the company's own records, which the
company then edits freely; the template is not consulted again, except by
`load_chart_extra` when an addon the template has a table for is installed
after the chart was loaded. The taxes it maps get their grids, and their
accounts when they have none yet (a tax shared by companies keeps the first
company's; the others use their default tax accounts,
`addons.accounting.models.tax.tax_account`)::

    load_chart(env, company, "tr_tdhp")
    load_chart_extra(env, company, "stock")   # stock installed later: its journal and defaults
"""

from __future__ import annotations

import dataclasses
import functools
import tomllib
from pathlib import Path
from typing import Any

from marshmallow import RAISE
from marshmallow import Schema
from marshmallow import ValidationError as SchemaError
from marshmallow import fields
from marshmallow import validate

from addons.accounting.account_types import ACCOUNT_TYPES
from addons.accounting.models.journal import JOURNAL_TYPES
from core.errors import ConfigError
from core.errors import UserError
from core.i18n import _
from core.orm.data import find_external_id
from core.orm.environment import Environment

FOLDER = Path(__file__).resolve().parent / "charts"
DEFAULT_ROLES = (
    "receivable",
    "payable",
    "income",
    "expense",
    "retained_earnings",
    "sale_tax",
    "purchase_tax",
    "exchange_gain",
    "exchange_loss",
)
TAX_ACCOUNTS = ("account", "refund_account")
TAX_GRIDS = ("base_grid", "tax_grid", "refund_base_grid", "refund_tax_grid")
# The company field each default fills (`addons.accounting.models.company.Company`).
DEFAULT_FIELDS = {role: f"default_{role}_account" for role in DEFAULT_ROLES}
ROLE = r"^[a-z][a-z0-9_]*$"


class _StrictSchema(Schema):
    """A template table: a key the schema does not know is an error, not ignored."""

    class Meta:
        unknown = RAISE


class _ChartSchema(_StrictSchema):
    name = fields.String(required=True, validate=validate.Length(min=1))
    country = fields.String(load_default=None, validate=validate.Length(equal=2))
    currency = fields.String(load_default=None, validate=validate.Length(equal=3))


class _DefaultsSchema(_StrictSchema):
    receivable = fields.String(required=True)
    payable = fields.String(required=True)
    income = fields.String(required=True)
    expense = fields.String(required=True)
    retained_earnings = fields.String(required=True)
    sale_tax = fields.String(load_default=None)
    purchase_tax = fields.String(load_default=None)
    exchange_gain = fields.String(load_default=None)
    exchange_loss = fields.String(load_default=None)


class _AccountSchema(_StrictSchema):
    code = fields.String(required=True, validate=validate.Length(min=1, max=64))
    name = fields.String(required=True, validate=validate.Length(min=1))
    type = fields.String(required=True, validate=validate.OneOf(list(ACCOUNT_TYPES)))
    reconcile = fields.Boolean(load_default=None)


class _JournalSchema(_StrictSchema):
    code = fields.String(required=True, validate=validate.Length(min=1, max=8))
    name = fields.String(required=True, validate=validate.Length(min=1))
    type = fields.String(required=True, validate=validate.OneOf([value for value, _ in JOURNAL_TYPES]))
    default_account = fields.String(load_default=None)


class _ExtraJournalSchema(_JournalSchema):
    role = fields.String(load_default=None, validate=validate.Regexp(ROLE))


class _ExtraSchema(_StrictSchema):
    defaults = fields.Dict(
        keys=fields.String(validate=validate.Regexp(ROLE)), values=fields.String(), load_default=dict
    )
    journals = fields.List(fields.Nested(_ExtraJournalSchema), load_default=list)


class _TaxSchema(_StrictSchema):
    tax = fields.String(required=True, validate=validate.Length(min=3))
    account = fields.String(load_default=None)
    refund_account = fields.String(load_default=None)
    base_grid = fields.String(load_default=None)
    tax_grid = fields.String(load_default=None)
    refund_base_grid = fields.String(load_default=None)
    refund_tax_grid = fields.String(load_default=None)


class _TemplateSchema(_StrictSchema):
    chart = fields.Nested(_ChartSchema, required=True)
    defaults = fields.Nested(_DefaultsSchema, required=True)
    journals = fields.List(fields.Nested(_JournalSchema), required=True, validate=validate.Length(min=1))
    accounts = fields.List(fields.Nested(_AccountSchema), required=True, validate=validate.Length(min=1))
    taxes = fields.List(fields.Nested(_TaxSchema), load_default=list)
    extras = fields.Dict(
        keys=fields.String(validate=validate.Regexp(ROLE)),
        values=fields.Nested(_ExtraSchema),
        load_default=dict,
    )


@dataclasses.dataclass(frozen=True)
class ChartExtra:
    """What a template keeps for one other addon: default accounts by role, and journals."""

    defaults: dict[str, str]
    journals: tuple[dict[str, Any], ...]


@dataclasses.dataclass(frozen=True)
class ChartTemplate:
    """A validated chart template: what `load_chart` copies into a company."""

    code: str
    name: str
    country: str | None
    currency: str | None
    defaults: dict[str, str]
    journals: tuple[dict[str, Any], ...]
    accounts: tuple[dict[str, Any], ...]
    taxes: tuple[dict[str, Any], ...]
    extras: dict[str, ChartExtra] = dataclasses.field(default_factory=dict)


def read_template(path: Path) -> ChartTemplate:
    """The template in ``path``, validated.

    Raises:
        ConfigError: the file is not TOML, a key is missing or wrong, two
            accounts share a code, or a default or journal names no account
            of the template; the message names the file.
    """
    try:
        document = tomllib.loads(path.read_text(encoding="utf-8"))
        values = _TemplateSchema().load(document)
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise ConfigError(f"chart template {path.name}: {error}") from None
    except SchemaError as error:
        raise ConfigError(f"chart template {path.name}: {error.normalized_messages()}") from None
    codes = [account["code"] for account in values["accounts"]]
    duplicates = sorted({code for code in codes if codes.count(code) > 1})
    if duplicates:
        raise ConfigError(f"chart template {path.name}: accounts {', '.join(duplicates)} appear twice")
    wanted = [(f"defaults.{role}", code) for role, code in values["defaults"].items() if code]
    journals = list(values["journals"])
    for addon, extra in values["extras"].items():
        wanted += [(f"extras.{addon}.defaults.{role}", code) for role, code in extra["defaults"].items()]
        journals += extra["journals"]
    wanted += [(f"journal {j['code']}", j["default_account"]) for j in journals if j["default_account"]]
    wanted += [(f"tax {t['tax']}", t[key]) for t in values["taxes"] for key in TAX_ACCOUNTS if t[key]]
    for where, code in wanted:
        if code not in codes:
            raise ConfigError(f"chart template {path.name}: {where} names account {code!r}, which it lacks")
    journal_codes = [journal["code"] for journal in journals]
    if len(set(journal_codes)) != len(journal_codes):
        raise ConfigError(f"chart template {path.name}: two journals share a code")
    return ChartTemplate(
        code=path.stem,
        name=values["chart"]["name"],
        country=values["chart"]["country"],
        currency=values["chart"]["currency"],
        defaults={role: code for role, code in values["defaults"].items() if code},
        journals=tuple(values["journals"]),
        accounts=tuple(values["accounts"]),
        taxes=tuple(values["taxes"]),
        extras={
            addon: ChartExtra(dict(extra["defaults"]), tuple(extra["journals"]))
            for addon, extra in values["extras"].items()
        },
    )


@functools.cache
def chart_templates() -> dict[str, ChartTemplate]:
    """Every template shipped in ``charts/``, by code, read once per process."""
    return {path.stem: read_template(path) for path in sorted(FOLDER.glob("*.toml"))}


def load_chart(env: Environment, company: Any, template: str) -> None:
    """Give ``company`` the accounts, journals and default accounts of the chart ``template``.

    Runs as the calling user: creating accounts and journals needs the
    rights of an accounting adviser. Everything is created in the caller's
    transaction, so a refusal leaves nothing behind. The template's tables
    for installed addons are loaded too (`load_chart_extra`).

    Raises:
        UserError: no template has this code, or the company already has accounts.
        ConfigError: the template names a tax grid code that no grid has.
    """
    chart = chart_templates().get(template)
    if chart is None:
        raise UserError(_("There is no chart of accounts named %(name)s.", name=template))
    if env["accounting.account"].search_count([("company", "=", company.id)]):
        raise UserError(_("%(company)s already has a chart of accounts.", company=company.name))
    accounts = env["accounting.account"].create(
        [_account_values(account, company) for account in chart.accounts]
    )
    by_code = {account.code: account.id for account in accounts}
    env["accounting.journal"].create(
        [_journal_values(journal, company, by_code) for journal in chart.journals]
    )
    with env.sudo():
        target = env["base.company"].get(company.id)
        target.write(
            {
                "chart_template": chart.code,
                **{DEFAULT_FIELDS[role]: by_code[code] for role, code in chart.defaults.items()},
            }
        )
        _map_taxes(env, chart, company, by_code)
    for addon in chart.extras:
        if addon in env.registry.addons:
            load_chart_extra(env, target, addon)


def _account_values(account: dict[str, Any], company: Any) -> dict[str, Any]:
    """The values creating a template's account in ``company``."""
    return {key: value for key, value in {**account, "company": company.id}.items() if value is not None}


def _journal_values(journal: dict[str, Any], company: Any, accounts: dict[str, int]) -> dict[str, Any]:
    """The values creating a template's journal in ``company``, whose account ids are ``accounts`` by code."""
    return {
        "code": journal["code"],
        "name": journal["name"],
        "type": journal["type"],
        "company": company.id,
        "default_account": accounts.get(journal["default_account"] or ""),
    }


def load_chart_extra(env: Environment, company: Any, addon: str) -> None:
    """Give ``company`` what its chart template keeps for ``addon``: journals and default accounts.

    For an addon installed after the chart was loaded (its ``addon_installed``
    hook calls this), and by `load_chart`. It only adds: journals whose code
    the company has are kept, defaults already set stay, and the accounts
    the defaults name are created from the template where the company lacks
    them. A company without a chart template, or whose template has no table
    for ``addon``, is left alone.

    Raises:
        ConfigError: the template names a default or a journal role for which
            the company has no field (``addon`` does not declare it).
    """
    chart = chart_templates().get(company.chart_template or "")
    extra = chart.extras.get(addon) if chart is not None else None
    if extra is None:
        return
    accounts = {a.code: a.id for a in env["accounting.account"].search([("company", "=", company.id)])}
    wanted = {
        *extra.defaults.values(),
        *(j["default_account"] for j in extra.journals if j["default_account"]),
    }
    missing = [a for a in chart.accounts if a["code"] in wanted and a["code"] not in accounts]
    if missing:
        created = env["accounting.account"].create([_account_values(account, company) for account in missing])
        accounts.update({account.code: account.id for account in created})
    journals = {j.code: j.id for j in env["accounting.journal"].search([("company", "=", company.id)])}
    new = [journal for journal in extra.journals if journal["code"] not in journals]
    if new:
        made = env["accounting.journal"].create([_journal_values(j, company, accounts) for j in new])
        journals.update({journal.code: journal.id for journal in made})
    links = {f"default_{role}_account": accounts[code] for role, code in extra.defaults.items()}
    links |= {f"{j['role']}_journal": journals[j["code"]] for j in extra.journals if j["role"]}
    with env.sudo():
        target = env["base.company"].get(company.id)
        unknown = sorted(name for name in links if name not in type(target)._fields)
        if unknown:
            raise ConfigError(
                f"chart template {chart.code}.toml: [extras.{addon}] fills {', '.join(unknown)}, "
                f"which {addon} does not add to companies"
            )
        target.write({name: value for name, value in links.items() if getattr(target, name) is None})


def _map_taxes(env: Environment, chart: ChartTemplate, company: Any, by_code: dict[str, int]) -> None:
    """Give the taxes ``chart`` maps (those that exist, of the company or shared) their grids and accounts.

    Runs as the system, inside `load_chart`.
    """
    grids = {grid.code: grid.id for grid in env["accounting.tax_grid"].search([])}
    for mapping in chart.taxes:
        tax = find_external_id(env, mapping["tax"])
        if tax is None or tax.company not in (None, company):
            continue
        values: dict[str, Any] = {}
        for key in TAX_GRIDS:
            code = mapping[key]
            if code is None:
                continue
            if code not in grids:
                raise ConfigError(f"chart template {chart.code}: tax {mapping['tax']} names no grid {code!r}")
            values[key] = grids[code]
        if tax.account is None:
            values.update({key: by_code[mapping[key]] for key in TAX_ACCOUNTS if mapping[key]})
        tax.write(values)
