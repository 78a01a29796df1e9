"""Fixtures of the flow tests: every business addon installed, the company charted, one API key per role."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from flow_client import Caller
from werkzeug.test import Client

from addons.accounting.charts import load_chart
from core.testing import cheap_hashing
from core.testing import make_user
from core.web import create_app

ADDONS = ["crm", "sales", "stock", "purchase", "accounting"]


@pytest.fixture(scope="module")
def flow_db(tessera_databases: Any) -> Iterator[Any]:
    with tessera_databases.installed("lead_to_cash", ADDONS) as db:
        yield db


@pytest.fixture(scope="module")
def people(flow_db: Any) -> dict[str, Any]:
    """The company charted with the Tek Düzen, KDV 20% both ways, and one API key per person."""
    roles = {
        "seller": ["crm.group_user", "sales.group_user"],
        "buyer": ["purchase.group_manager"],
        "warehouse": ["stock.group_user"],
        "bookkeeper": ["accounting.group_user"],
    }
    with cheap_hashing(), flow_db.transaction() as env:
        company = env.ref("base.main_company")
        load_chart(env, company, "tr_tdhp")
        accounts = {account.code: account.id for account in env["accounting.account"].search([])}
        taxes = {
            scope: env["commerce.tax"]
            .create(
                {
                    "name": f"KDV %20 ({scope})",
                    "scope": scope,
                    "amount": "20",
                    "account": accounts[code],
                }
            )
            .id
            for scope, code in (("sale", "391"), ("purchase", "191"))
        }
        users = {role: make_user(env, f"flow_{role}", groups=groups).id for role, groups in roles.items()}
    client = Client(create_app(flow_db, secret_key="f" * 32))
    callers = {}
    for role, uid in users.items():
        with flow_db.transaction(user_id=uid) as env:
            callers[role] = Caller(client, env.registry["base.api_key"].generate(env, "lead to cash"))
    return {"callers": callers, "taxes": taxes, "accounts": accounts}
