"""Fuzzing: requests generated from the OpenAPI document never make a real server answer 5xx.

Schemathesis reads ``/api/v1/openapi.json`` from the WSGI application served
on a loopback port, then sends each documented operation a bounded number of
generated requests (valid and invalid bodies, parameters and ids) with an
administrator's API key, and checks that no answer is a server error and that
every status code is one the document lists.
"""

import os
import threading
from collections import Counter

import pytest
import schemathesis
from hypothesis import HealthCheck
from hypothesis import Phase
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.checks import status_code_conformance
from schemathesis.core.result import Err
from werkzeug.serving import WSGIRequestHandler
from werkzeug.serving import make_server

from core.loader.lifecycle import install
from core.web import create_app

SECRET = "f" * 40
# Examples per operation: 15 in the suite, reproducible; TESSERA_FUZZ_EXAMPLES=200 digs deeper, at random.
EXAMPLES = int(os.environ.get("TESSERA_FUZZ_EXAMPLES", "15"))
DERANDOMIZE = "TESSERA_FUZZ_EXAMPLES" not in os.environ
# Records granting the fuzzer its access: PATCH and DELETE on these models get an id that names
# nothing, so their bodies are still checked in full but no group, key or right is destroyed.
PROTECTED = {
    "base.access",
    "base.addon",
    "base.api_key",
    "base.company",
    "base.external_id",
    "base.group",
    "base.rule",
    "base.user",
}
NOBODY = 2**31 - 1


@pytest.fixture(scope="module")
def fuzz_db(tessera_databases):
    db = tessera_databases.create("api_fuzz")
    install(db, ["base", "orm_orders"])
    with db.transaction() as env:
        partner = env["base.partner"].create({"name": "Fuzz Partner"})
        env["orm_orders.order"].create(
            {"name": "SO-FUZZ", "partner": partner.id, "lines": [{"name": "Desk", "quantity": 2}]}
        )
    yield db
    tessera_databases.release(db)


class QuietHandler(WSGIRequestHandler):
    """No access log line per request: thousands of them would drown the test's output."""

    def log_request(self, code="-", size="-"):
        pass


@pytest.fixture(scope="module")
def server(fuzz_db):
    """The real WSGI application on 127.0.0.1, a free port, in a thread; shut down at the end."""
    httpd = make_server("127.0.0.1", 0, create_app(fuzz_db, secret_key=SECRET), request_handler=QuietHandler)
    thread = threading.Thread(target=httpd.serve_forever, name="fuzz-server", daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()
    thread.join(timeout=10)
    httpd.server_close()


def new_key(db):
    """The Authorization header of a new administrator's API key.

    The fuzzer may revoke its own key, archive or demote its own user: a new
    administrator per operation, and after each 401, keeps the rest authenticated.
    """
    with db.transaction() as env:
        groups = [env.ref("base.group_user").id, env.ref("base.group_system").id]
        login = f"fuzzer{env['base.user'].search_count([('active', 'in', [True, False])])}"
        uid = env["base.user"].create({"login": login, "name": login, "groups": groups}).id
    with db.transaction(user_id=uid) as env:
        return {"Authorization": f"Bearer {env.registry['base.api_key'].generate(env, 'fuzz')}"}


@pytest.fixture(scope="module")
def api_schema(server, fuzz_db):
    return schemathesis.openapi.from_url(f"{server}/api/v1/openapi.json", headers=new_key(fuzz_db))


def operations(api_schema):
    """Every operation of the document (a part schemathesis cannot read fails the test)."""
    found = []
    for result in api_schema.get_all_operations():
        if isinstance(result, Err):
            raise result.err()
        found.append(result.ok())
    return found


def fuzz(operation, db, statuses):
    """Send ``operation`` valid and invalid generated requests; raise on the first failed check."""
    fixed = {}
    if operation.method.upper() in ("PATCH", "DELETE") and operation.path.split("/")[3] in PROTECTED:
        fixed["path_parameters"] = {"record_id": NOBODY}
    cases = st.one_of(
        operation.as_strategy(GenerationMode.POSITIVE, **fixed),
        operation.as_strategy(GenerationMode.NEGATIVE, **fixed),
    )
    bearer = new_key(db)

    @given(case=cases)
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
        database=None,
        derandomize=DERANDOMIZE,
        print_blob=False,
    )
    def run(case):
        response = case.call(headers=bearer, timeout=30)
        statuses[response.status_code] += 1
        case.validate_response(response, checks=[not_a_server_error, status_code_conformance], headers=bearer)
        if response.status_code == 401:  # it revoked its key or archived its user
            bearer.update(new_key(db))

    run()


def test_no_operation_answers_a_server_error(api_schema, fuzz_db):
    """Every operation, fuzzed in turn; failures are collected so one run reports them all."""
    found = operations(api_schema)
    assert {"POST /api/v1/orm_orders.order", "PATCH /api/v1/base.partner/{record_id}"} <= {
        operation.label for operation in found
    }
    statuses = Counter()
    failures = {}
    for operation in found:
        try:
            fuzz(operation, fuzz_db, statuses)
        except Exception as error:  # noqa: BLE001 - report every operation's failure at once
            failures[operation.label] = error
    assert not failures, "\n\n".join(f"{label}:\n{error}" for label, error in failures.items())
    # the requests reached the ORM: many succeeded, many were refused, few were unauthenticated
    assert statuses[200] > 50 and statuses[400] > 50 and statuses[401] < 20, statuses
