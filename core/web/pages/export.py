"""``GET /web/<model>/export.csv`` and ``.xlsx``: the list's columns for its records, as a file.

The same query parameters as the list select the records (search, filters,
order), or ``ids`` the selected ones among them; the columns are the list
view's that the user may see, headed by their translated labels. Rows are
read through the ORM as the user, so access rights and rules apply exactly
as on the page::

    GET /web/base.partner/export.csv?filter=companies&order=name
    GET /web/base.partner/export.xlsx?ids=4,7,9

At most `MAX_ROWS` records export at once; more is a 400 asking to narrow
the search. CSV is UTF-8 with a byte order mark (spreadsheets then read it as UTF-8),
numbers with a dot and ISO dates. Text that a spreadsheet would run as a
formula (``=``, ``+``, ``-``, ``@``) is prefixed with an apostrophe. XLSX
(XlsxWriter) keeps numbers and dates typed, and writes text as text.
"""

from __future__ import annotations

import csv
import datetime as dt
import decimal
import io
import json
import re
import zoneinfo
from collections.abc import Sequence
from typing import TYPE_CHECKING
from typing import Any

import xlsxwriter
from werkzeug.exceptions import BadRequest
from werkzeug.exceptions import NotFound
from werkzeug.wrappers import Response

from core.i18n import Translator
from core.i18n import _
from core.orm.fields.selection import Selection
from core.web.pages.batch import selected_ids
from core.web.pages.rows import Column
from core.web.pages.rows import read_rows
from core.web.pages.rows import view_columns
from core.web.pages.search import list_view
from core.web.pages.search import orm_order
from core.web.pages.search import parse_query
from core.web.pages.search import search_domain

if TYPE_CHECKING:
    from core.web.app import Request

FORMATS = ("csv", "xlsx")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_WIDTH = 60
MAX_ROWS = 100_000  # a bigger export is refused: it would hold a worker and its memory for minutes
SHEET_NAME_REFUSED = re.compile(r"[\[\]:*?/\\]")

Cell = str | int | float | decimal.Decimal | dt.date | dt.datetime | None


def cell(column: Column, row: dict[str, Any], fmt: Translator, tz: str) -> Cell:
    """The value of one column of ``row`` for a spreadsheet: typed numbers and dates, names, labels."""
    value = row.get(column.path)
    field = column.field
    kind = field.type_name
    if kind == "boolean":
        return fmt.gettext("Yes") if value else fmt.gettext("No")
    if value is None or value == "":
        return None
    if kind == "integer":
        return int(value)
    if kind == "float":
        return float(value)
    if kind in ("decimal", "monetary"):
        return decimal.Decimal(str(value))
    if kind == "date":
        return dt.date.fromisoformat(str(value))
    if kind == "datetime":
        moment = dt.datetime.fromisoformat(str(value))
        return moment.astimezone(zoneinfo.ZoneInfo(tz)).replace(tzinfo=None) if moment.tzinfo else moment
    if isinstance(field, Selection):
        return fmt.option_label(field, str(value))
    if kind == "many2one":
        return str(value.get("display_name") or "")
    if kind == "many2many":
        return ", ".join(str(item.get("display_name", item)) for item in value if isinstance(item, dict))
    if kind == "one2many":
        return len(value)
    if kind == "json":
        return json.dumps(value, ensure_ascii=False, default=str)
    return str(value)


def csv_text(value: Cell) -> str:
    """A cell as CSV text; text a spreadsheet would take for a formula is quoted with an apostrophe."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ", timespec="seconds")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return str(value)


def to_csv(headers: Sequence[str], rows: Sequence[Sequence[Cell]]) -> bytes:
    """The table as UTF-8 CSV with a byte order mark."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(headers)
    writer.writerows([csv_text(value) for value in row] for row in rows)
    return out.getvalue().encode("utf-8-sig")


def to_xlsx(
    title: str, headers: Sequence[str], rows: Sequence[Sequence[Cell]], columns: Sequence[Column]
) -> bytes:
    """The table as an XLSX workbook of one sheet: bold frozen header, filters, typed cells."""
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True})
    sheet = book.add_worksheet(SHEET_NAME_REFUSED.sub(" ", title)[:31].strip() or "Export")
    bold = book.add_format({"bold": True})
    day = book.add_format({"num_format": "yyyy-mm-dd"})
    moment = book.add_format({"num_format": "yyyy-mm-dd hh:mm"})
    numbers = [
        book.add_format({"num_format": "#,##0." + "0" * digits[1] if digits[1] else "#,##0"})
        if (digits := getattr(column.field, "digits", None))
        else None
        for column in columns
    ]
    for position, header in enumerate(headers):
        sheet.write_string(0, position, header, bold)
    widths = [len(header) for header in headers]
    for line, row in enumerate(rows, start=1):
        for position, value in enumerate(row):
            if value is None:
                continue
            if isinstance(value, dt.datetime):
                sheet.write_datetime(line, position, value, moment)
            elif isinstance(value, dt.date):
                sheet.write_datetime(line, position, dt.datetime.combine(value, dt.time()), day)
            elif isinstance(value, int | float | decimal.Decimal):
                sheet.write_number(line, position, float(value), numbers[position])
            else:
                sheet.write_string(line, position, value)
            widths[position] = max(widths[position], len(str(value)))
    for position, width in enumerate(widths):
        sheet.set_column(position, position, min(width + 2, MAX_WIDTH))
    sheet.freeze_panes(1, 0)
    if headers:
        sheet.autofilter(0, 0, len(rows), len(headers) - 1)
    book.close()
    return out.getvalue()


def export(request: Request, model: str, kind: str) -> Response:
    """The list of ``model`` as ``kind`` (``csv`` or ``xlsx``), downloaded as ``<model>.<kind>``.

    Raises:
        NotFound: ``kind`` is not a format offered.
        BadRequest: a query parameter or an id is invalid (see `parse_query`).
        AccessError: the user may not read the model (403).
    """
    if kind not in FORMATS:
        raise NotFound(_("Lists export as CSV or XLSX."))
    env, fmt = request.env, request.translator
    ui = env.registry.ui
    query = parse_query(env, ui, model, request.args)
    env.access.check(env.registry[model], "read")
    view = list_view(ui, model)
    columns = view_columns(env, fmt, model, view.columns)
    domain = search_domain(env, ui, query)
    ids = selected_ids(request.args.getlist("ids"))
    if ids:
        domain = [*domain, ("id", "in", ids)]
    matching = env[model].search_count(domain)
    if matching > MAX_ROWS:
        raise BadRequest(
            _(
                "%(count)s records match: an export holds at most %(limit)s. Narrow the search.",
                count=fmt.number(matching),
                limit=fmt.number(MAX_ROWS),
            )
        )
    found = read_rows(env, model, domain, columns, order=orm_order(env, query) or view.order)
    headers = [column.label for column in columns]
    rows = [[cell(column, row, fmt, request.tz) for column in columns] for row in found]
    filename = f"{model}.{kind}"
    if kind == "csv":
        body, mimetype = to_csv(headers, rows), "text/csv"
    else:
        title = fmt.gettext(query.action.label) if query.action else fmt.model_label(env.registry[model])
        body, mimetype = to_xlsx(title, headers, rows, columns), XLSX_TYPE
    response = Response(body, mimetype=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
