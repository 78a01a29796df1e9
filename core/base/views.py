"""The base addon's screens: Contacts for everyone, Settings for administrators.

Other addons extend these by name, e.g. crm adds an "Opportunities" page to
``base.partner.form``.
"""

from core.views import Action
from core.views import Field
from core.views import Filter
from core.views import FormView
from core.views import Group
from core.views import GroupBy
from core.views import ListView
from core.views import Menu
from core.views import Page
from core.views import SearchView

ADMIN = ("base.group_system",)

partner_list = ListView(
    "base.partner",
    columns=["name", "function", "parent", Field("email", widget="email"), "phone", "city", "country"],
)
partner_form = FormView(
    "base.partner",
    groups=[
        Group(
            "identity", ["name", "is_company", Field("parent", label="Works for"), "function", "ref", "vat"]
        ),
        Group(
            "contact",
            [Field("email", widget="email"), Field("phone", widget="phone"), "lang", "company"],
        ),
        Group("address", ["street", "street2", "zip", "city", "country"], label="Address"),
    ],
    pages=[
        Page(
            "contacts",
            "Contacts",
            [Field("contacts", columns=["name", "function", "email", "phone"])],
        ),
        Page("notes", "Notes", [Field("notes", widget="text")]),
    ],
)
partner_search = SearchView(
    "base.partner",
    fields=["name", "email", "phone", "ref", "vat"],
    filters=[
        Filter("companies", "Companies", [("is_company", "=", True)]),
        Filter("people", "People", [("is_company", "=", False)]),
        Filter("archived", "Archived", [("active", "=", False)]),
    ],
    group_by=[
        GroupBy("country", "Country", "country"),
        GroupBy("company_of", "Company", "parent"),
        GroupBy("created", "Created", "created_at:month"),
    ],
)

user_list = ListView(
    "base.user", columns=["name", "login", Field("email", widget="email"), "company", "lang"]
)
user_form = FormView(
    "base.user",
    groups=[
        Group("identity", ["name", "login", Field("email", widget="email"), "partner"]),
        Group("preferences", ["lang", "tz", "company", "active"], label="Preferences"),
    ],
    pages=[
        Page("access", "Access rights", [Field("groups", widget="tags")]),
        Page("companies", "Companies", [Field("companies", widget="tags")]),
    ],
)
user_search = SearchView(
    "base.user",
    fields=["name", "login", "email"],
    filters=[Filter("archived", "Archived", [("active", "=", False)])],
    group_by=[GroupBy("company", "Company", "company")],
)
company_list = ListView("base.company", columns=["name", "partner", "country", "currency"])
currency_list = ListView("base.currency", columns=["code", "name", "symbol", "decimal_places"])
country_list = ListView("base.country", columns=["code", "name", "phone_code", "currency"])

actions = [
    Action("base.contacts", "Contacts", "base.partner", views=["list", "form"]),
    Action("base.users", "Users", "base.user"),
    Action("base.groups", "Groups", "base.group"),
    Action("base.companies", "Companies", "base.company"),
    Action("base.currencies", "Currencies", "base.currency"),
    Action("base.countries", "Countries", "base.country"),
    Action("base.units", "Units of measure", "base.uom"),
    Action("base.sequences", "Sequences", "base.sequence"),
    Action("base.api_keys", "API keys", "base.api_key"),
    Action("base.webhooks", "Webhooks", "base.webhook"),
    Action("base.jobs", "Scheduled jobs", "base.job"),
    Action("base.rights", "Access rights", "base.access"),
    Action("base.rules", "Record rules", "base.rule"),
]

menus = [
    Menu("base.contacts", "Contacts", sequence=10),
    Menu("base.contacts.all", "Contacts", parent="base.contacts", action="base.contacts"),
    Menu("base.settings", "Settings", sequence=900, groups=ADMIN),
    Menu("base.settings.users", "Users & companies", parent="base.settings", sequence=10),
    Menu("base.settings.users.users", "Users", parent="base.settings.users", action="base.users"),
    Menu("base.settings.users.groups", "Groups", parent="base.settings.users", action="base.groups"),
    Menu("base.settings.users.companies", "Companies", parent="base.settings.users", action="base.companies"),
    Menu("base.settings.data", "Master data", parent="base.settings", sequence=20),
    Menu(
        "base.settings.data.currencies", "Currencies", parent="base.settings.data", action="base.currencies"
    ),
    Menu("base.settings.data.countries", "Countries", parent="base.settings.data", action="base.countries"),
    Menu("base.settings.data.units", "Units of measure", parent="base.settings.data", action="base.units"),
    Menu("base.settings.technical", "Technical", parent="base.settings", sequence=90),
    Menu(
        "base.settings.technical.rights",
        "Access rights",
        parent="base.settings.technical",
        action="base.rights",
    ),
    Menu(
        "base.settings.technical.rules", "Record rules", parent="base.settings.technical", action="base.rules"
    ),
    Menu(
        "base.settings.technical.sequences",
        "Sequences",
        parent="base.settings.technical",
        action="base.sequences",
    ),
    Menu(
        "base.settings.technical.api_keys",
        "API keys",
        parent="base.settings.technical",
        action="base.api_keys",
    ),
    Menu(
        "base.settings.technical.webhooks",
        "Webhooks",
        parent="base.settings.technical",
        action="base.webhooks",
    ),
    Menu(
        "base.settings.technical.jobs", "Scheduled jobs", parent="base.settings.technical", action="base.jobs"
    ),
]

declarations = [
    partner_list,
    partner_form,
    partner_search,
    user_list,
    user_form,
    user_search,
    company_list,
    currency_list,
    country_list,
    *actions,
    *menus,
]
