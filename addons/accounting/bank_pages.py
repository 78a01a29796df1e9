"""The bank pages: importing a statement's CSV file, and reconciling its transactions.

::

    GET  /accounting/bank_statements/import          the upload form: journal, file, decimal separator
    POST /accounting/bank_statements/import          import it, then go to its reconciliation page
    GET  /accounting/bank_statements/<id>/reconcile  each transaction with its suggestions (``skipped``:
                                                     how many of the file's were imported before)
    POST /accounting/bank_statement_lines/<id>/accept   pay the checked invoices (``invoice``, repeatable)
    POST /accounting/bank_statement_lines/<id>/book     book it to ``account`` (``label`` optional)

Every page acts as the logged-in user (bookkeepers; others get 403 from
the models' rights) and every POST carries the session's CSRF token, as
every form does. Each POST is one transaction: a file with a bad row
answers 400 naming the row and the column and imports nothing; a refused
payment leaves the line to match.
"""

from __future__ import annotations

from typing import Any

from werkzeug.exceptions import BadRequest
from werkzeug.routing import Rule
from werkzeug.utils import redirect
from werkzeug.wrappers import Response

from addons.accounting import bank_import
from addons.accounting import bank_matching
from addons.commerce.printing import readable
from core.errors import ValidationError
from core.i18n import _
from core.orm.records import RecordSet
from core.web import Request

IMPORT = "/accounting/bank_statements/import"
MAX_BYTES = 5 * 1024 * 1024
UPLOAD_TEMPLATE = "accounting/bank_import.html"
RECONCILE_TEMPLATE = "accounting/bank_reconcile.html"


def rules() -> list[Rule]:
    """The URL rules, for the ``register_routes`` hook."""
    return [
        Rule(IMPORT, endpoint=upload, methods=["GET", "POST"]),
        Rule("/accounting/bank_statements/<int:record_id>/reconcile", endpoint=reconcile, methods=["GET"]),
        Rule("/accounting/bank_statement_lines/<int:record_id>/accept", endpoint=accept, methods=["POST"]),
        Rule("/accounting/bank_statement_lines/<int:record_id>/book", endpoint=book, methods=["POST"]),
    ]


def reconcile_url(statement_id: int) -> str:
    return f"/accounting/bank_statements/{statement_id}/reconcile"


def upload(request: Request, **values: Any) -> Response:
    """The upload form (GET); the import (POST), then the statement's reconciliation page.

    Raises:
        ValidationError: no journal or file, or the file cannot be read (400, rolled back).
    """
    env = request.env
    env.access.check(env.registry["accounting.bank_statement"], "create")
    journals = env["accounting.journal"].search([("type", "in", ["bank", "cash"])])
    message = ""
    if request.method == "POST":
        journal = next((j for j in journals if str(j.id) == request.form.get("journal", "")), None)
        if journal is None:
            raise ValidationError(fields={"journal": _("Choose a bank or cash journal.")})
        sent = request.files.get("file")
        data = sent.read(MAX_BYTES + 1) if sent is not None else b""
        if not data:
            raise ValidationError(fields={"file": _("Choose the bank's CSV file.")})
        if len(data) > MAX_BYTES:
            raise ValidationError(fields={"file": _("The file is larger than 5 MB.")})
        separator = request.form.get("decimal_separator") or None
        if separator not in (None, ",", "."):
            raise BadRequest(_("decimal_separator: expected , or ."))
        result = bank_import.import_csv(
            env,
            journal,
            data,
            reference=request.form.get("reference", "").strip() or None,
            decimal_separator=separator,
        )
        if result.statement is not None:
            skipped = f"?skipped={result.skipped}" if result.skipped else ""
            return redirect(reconcile_url(result.statement.id) + skipped, 303)
        message = _(
            "Nothing new: the %(count)s transactions of this file were imported before.", count=result.skipped
        )
    return request.app.render(
        request, UPLOAD_TEMPLATE, title=_("Import a bank statement"), journals=journals, message=message
    )


def reconcile(request: Request, record_id: int, **values: Any) -> Response:
    """The statement's transactions, each still to match with its suggestions and the booking form."""
    env = request.env
    statement = readable(env["accounting.bank_statement"], record_id)
    lines = list(statement.lines)
    if lines:  # what the matched lines show, loaded for all of them at once
        RecordSet(env, type(lines[0]), lines).prefetch(["payment", "move", "account"])
    accounts = env["accounting.account"].search(
        [("company", "=", statement.company.id), ("deprecated", "=", False), ("reconcile", "=", False)]
    )
    currency = statement.currency
    skipped = request.args.get("skipped", "")
    message = ""
    if skipped.isascii() and skipped.isdigit():
        message = _("%(count)s transactions of the file were imported before and skipped.", count=skipped)
    return request.app.render(
        request,
        RECONCILE_TEMPLATE,
        title=statement.name,
        statement=statement,
        lines=lines,
        suggestions=bank_matching.suggestions(env, lines),
        accounts=[account for account in accounts if account != statement.journal.default_account],
        currency=currency.code,
        places=currency.decimal_places,
        message=message,
    )


def accept(request: Request, record_id: int, **values: Any) -> Response:
    """Pay the checked invoices with the transaction, then back to the statement."""
    line = readable(request.env["accounting.bank_statement_line"], record_id)
    ids = request.form.getlist("invoice")
    if not all(value.isascii() and value.isdigit() for value in ids):
        raise BadRequest(_("invoice: expected whole numbers."))
    line.action_accept([int(value) for value in ids])
    return redirect(reconcile_url(line.statement.id), 303)


def book(request: Request, record_id: int, **values: Any) -> Response:
    """Book the transaction to the chosen account, then back to the statement."""
    line = readable(request.env["accounting.bank_statement_line"], record_id)
    account = request.form.get("account", "")
    if not (account.isascii() and account.isdigit()):
        raise ValidationError(fields={"account": _("Choose the account to book it to.")})
    line.action_book(int(account), request.form.get("label", "").strip() or None)
    return redirect(reconcile_url(line.statement.id), 303)
