"""The public contact form: visitors leave their details and the sales team gets a lead.

``GET /crm/contact`` shows the form, in the visitor's language (``?lang=``,
else their browser's), carrying the session's CSRF token: the kernel exempts
no route from the token, so the form can only be posted from a page it served.
``POST /crm/contact`` (the kernel has checked the token before the endpoint
runs) validates the fields and creates the lead as the system, with the
source "Website" and the medium "Web form", then redirects to
``/crm/contact?sent=1`` so a reload does not post twice. Duplicate detection,
follow-up rules and (for leads given a team later) round robin apply as for
any lead. A hidden honeypot field silently drops what simple bots post; rate
limiting is the reverse proxy's job.
"""

from __future__ import annotations

from typing import Any

from werkzeug.routing import Rule
from werkzeug.utils import redirect
from werkzeug.wrappers import Response

from core.base.models.partner import EMAIL
from core.errors import MissingError
from core.i18n import _
from core.i18n import translator
from core.i18n import using
from core.orm.environment import Environment
from core.web import Request
from core.web import public

PATH = "/crm/contact"
TEMPLATE = "crm/web_form.html"
HONEYPOT = "website"
# Field → most characters kept: a public form must not store whatever anyone sends.
LIMITS = {"contact_name": 120, "partner_name": 160, "email": 200, "phone": 40, "description": 4000}


def rules() -> list[Rule]:
    """The form's URL rules, for the ``register_routes`` hook."""
    return [Rule(PATH, endpoint=contact, methods=["GET", "POST"])]


@public
def contact(request: Request, **values: Any) -> Response:
    """Show the form (GET) or take a submission (POST)."""
    if request.args.get("lang"):  # a link may choose the language; else the visitor's browser does
        request.translator = translator(request.env.registry, request.args["lang"])
    fmt = request.translator
    form: dict[str, str] = {}
    errors: dict[str, str] = {}
    with using(fmt):
        if request.method == "POST":
            form = {name: request.form.get(name, "").strip()[:limit] for name, limit in LIMITS.items()}
            if request.form.get(HONEYPOT):
                return redirect(f"{PATH}?sent=1&lang={fmt.lang}", 303)
            errors = validate(form)
            if not errors:
                with request.env.sudo() as env:
                    create_lead(env, form)
                return redirect(f"{PATH}?sent=1&lang={fmt.lang}", 303)
        return request.app.render(
            request,
            TEMPLATE,
            400 if errors else 200,
            csrf_token=request.csrf_token,
            form=form,
            errors=errors,
            sent=request.args.get("sent") == "1",
            action=f"{PATH}?lang={fmt.lang}",
        )


def validate(form: dict[str, str]) -> dict[str, str]:
    """Messages for the fields ``form`` gets wrong, by field name (empty when it is right)."""
    errors: dict[str, str] = {}
    if not form["contact_name"]:
        errors["contact_name"] = _("Tell us your name.")
    if not form["email"] and not form["phone"]:
        errors["email"] = _("Leave an email address or a phone number so we can answer.")
    elif form["email"] and not EMAIL.match(form["email"]):
        errors["email"] = _("This is not an email address.")
    return errors


def create_lead(env: Environment, form: dict[str, str]) -> Any:
    """A lead from a validated submission, from the source "Website" and the medium "Web form"."""
    try:
        source = env.ref("crm.source_website")
    except MissingError:
        source = None
    subject = (
        f"{form['partner_name']} — {form['contact_name']}" if form["partner_name"] else form["contact_name"]
    )
    return env["crm.lead"].create(
        {
            "name": subject,
            "contact_name": form["contact_name"],
            "partner_name": form["partner_name"] or None,
            "email": form["email"] or None,
            "phone": form["phone"] or None,
            "description": form["description"] or None,
            "source": source.id if source is not None else None,
            "medium": "web_form",
        }
    )
