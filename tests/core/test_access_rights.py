"""Access rights: for each kernel group (and a user in none), each model of base and each
operation, the ORM allows exactly what the `base.access` records in the database grant.

Expectations are read from the database, not listed here: change a right in
``core/base/security/access.toml`` and these tests follow it.
"""

import pytest

from core.errors import AccessError
from core.testing import as_user
from core.testing import make_user

OPERATIONS = ("read", "create", "write", "delete")
VERBS = {"read": "read", "create": "create", "write": "change", "delete": "delete"}
# Models whose records only the system changes or deletes, whatever the rights (an audit trail).
APPEND_ONLY = frozenset({"base.message"})
# Models whose rights need a scenario of their own, and where it is.
COVERED_ELSEWHERE = {
    "base.api_key": "tests/api/test_keys.py: made only by ApiKey.generate, bound to their owner by a rule",
    "base.webhook_delivery": "tests/api/test_webhooks.py: queued by the kernel, administrators only",
}
PROFILES = {
    "internal user": ("base.group_user",),
    "administrator": ("base.group_system",),
    "no group": (),
}


# Values to create two records of each model of base (n = 0, 1) and to change one: test data, not
# expectations. A model of base missing here fails `test_every_model_of_base_is_covered`.
def samples(env):
    currency = env.ref("base.main_company").currency.id
    category = env["base.uom_category"].search([], limit=1).ids[0]

    def sequence():
        return env["base.sequence"].create({"code": "matrix.seq", "name": "Matrix sequence"}).id

    return {
        "base.partner": (lambda n: {"name": f"Matrix {n}"}, {"city": "Changed"}),
        "base.company": (lambda n: {"name": f"Matrix Co {n}", "currency": currency}, {"vat": "Changed"}),
        "base.country": (lambda n: {"name": f"Matrixland {n}", "code": f"Q{n}"}, {"name": "Changed"}),
        "base.currency": (lambda n: {"name": f"Matrix {n}", "code": f"QX{n}"}, {"name": "Changed"}),
        "base.currency_rate": (
            lambda n: {"currency": currency, "date": f"1999-01-0{n + 1}", "rate": "1.5"},
            {"rate": "2.5"},
        ),
        "base.uom_category": (lambda n: {"name": f"Matrix {n}"}, {"name": "Changed"}),
        "base.uom": (lambda n: {"name": f"Matrix {n}", "category": category}, {"name": "Changed"}),
        "base.user": (lambda n: {"login": f"matrix{n}", "name": f"Matrix {n}"}, {"email": "c@example.com"}),
        "base.group": (lambda n: {"name": f"Matrix {n}"}, {"comment": "Changed"}),
        "base.access": (lambda n: {"model": "base.partner"}, {"model": "base.country"}),
        "base.rule": (
            lambda n: {"name": f"Matrix {n}", "model": "base.country", "domain": []},
            {"name": "Changed"},
        ),
        "base.addon": (lambda n: {"name": f"matrix_{n}", "version": "1.0.0"}, {"version": "2.0.0"}),
        "base.external_id": (
            lambda n: {"addon": "matrix", "name": f"x{n}", "model": "base.partner", "res_id": 1},
            {"res_id": 2},
        ),
        "base.job": (lambda n: {"name": f"matrix.job{n}"}, {"last_error": "Changed"}),
        "base.sequence": (lambda n: {"code": f"matrix.{n}", "name": f"Matrix {n}"}, {"name": "Changed"}),
        "base.sequence_number": (
            lambda n: {"sequence": sequence(), "year": 2000 + n} if n == 0 else {"year": 2000 + n},
            {"next_number": 7},
        ),
        "base.login_attempt": (lambda n: {"login": f"matrix{n}"}, {"failures": 3}),
        "base.config_parameter": (lambda n: {"key": f"matrix.{n}", "value": "v"}, {"value": "Changed"}),
        "base.webhook": (
            lambda n: {"name": f"Matrix {n}", "url": "https://example.com/hook", "event": "matrix.event"},
            {"name": "Changed"},
        ),
        "base.message": (
            lambda n: {"model": "base.partner", "res_id": 1, "body": f"Matrix note {n}"},
            {"body": "Changed"},
        ),
    }


MODELS = (
    "base.partner",
    "base.company",
    "base.country",
    "base.currency",
    "base.currency_rate",
    "base.uom_category",
    "base.uom",
    "base.user",
    "base.group",
    "base.access",
    "base.rule",
    "base.addon",
    "base.external_id",
    "base.job",
    "base.sequence",
    "base.sequence_number",
    "base.login_attempt",
    "base.message",
    "base.config_parameter",
    "base.webhook",
)


def sample_vals(env, model, n):
    make, _ = samples(env)[model]
    vals = make(n)
    if model == "base.sequence_number" and n:
        vals["sequence"] = env["base.sequence"].search([("code", "=", "matrix.seq")]).ids[0]
    return vals


def granted(env, group_names):
    """Operations per model the `base.access` records grant to members of ``group_names``."""
    groups = {env.ref(name).id for name in group_names}
    stack = list(groups)
    while stack:
        for implied in env["base.group"].browse([stack.pop()])[0].implied:
            if implied.id not in groups:
                groups.add(implied.id)
                stack.append(implied.id)
    if env.ref("base.group_system").id in groups:
        return {model: set(OPERATIONS) for model in env.registry.models}
    rights: dict[str, set[str]] = {}
    for access in env["base.access"].search([]):
        if access.group is None or access.group.id in groups:
            ops = {op for op in OPERATIONS if getattr(access, f"can_{op}")}
            rights.setdefault(access.model, set()).update(ops)
    return rights


def assert_refused(caught, model, operation, vals=()):
    message = caught.value.message
    if model not in APPEND_ONLY:
        assert model in message, message
        assert VERBS[operation] in message, message
    for value in vals:
        assert str(value) not in message, message


def test_every_model_of_base_is_covered(env):
    """Reads are checked on every model below; creating, changing and deleting need sample values."""
    missing = sorted(set(env.registry.models) - set(MODELS) - set(COVERED_ELSEWHERE))
    assert not missing, f"add sample values for {missing} to samples() in this file"


def test_base_grants_internal_users_reading_master_data_and_partners(env):
    """A sanity check that the matrix below tests something: rights differ by group."""
    internal = granted(env, ["base.group_user"])
    assert internal["base.partner"] == {"read", "create", "write"}
    assert "base.access" not in internal
    assert granted(env, []) == {}


@pytest.mark.parametrize("profile", PROFILES)
def test_read(env, profile):
    """Every installed model, whether or not it has samples: reading needs no values."""
    rights = granted(env, PROFILES[profile])
    user = make_user(env, "matrix_user", PROFILES[profile])
    some_id = {model: env[model].search([], limit=1).ids for model in env.registry.models}
    paths = {
        "search": lambda m: m.search([("id", "!=", 0)], order="id desc", limit=5),
        "search_count": lambda m: m.search_count([]),
        "search_read": lambda m: m.search_read([], ["id"]),
        "search_read all fields": lambda m: m.search_read([("id", "in", some_id[m.name])]),
        "read_group": lambda m: m.read_group([], []),
        "read_group by many2one": lambda m: m.read_group([], ["created_by"]),
        "browse": lambda m: m.browse(some_id[m.name]),
        "select": lambda m: m.env.session.scalars(m.select([])).all(),
    }
    for model in env.registry.models:
        allowed = "read" in rights.get(model, set())
        for path, call in paths.items():
            with as_user(env, user) as user_env:
                if not allowed:
                    with pytest.raises(AccessError) as caught:
                        call(user_env[model])
                    assert_refused(caught, model, "read")
                elif path == "browse":
                    visible = user_env[model].search([("id", "in", some_id[model])]).ids
                    assert user_env[model].browse(visible).ids == visible
                elif path != "read_group by many2one" or "read" in rights.get("base.user", set()):
                    call(user_env[model])


@pytest.mark.parametrize("model", MODELS)
@pytest.mark.parametrize("profile", PROFILES)
def test_create(env, profile, model):
    allowed = "create" in granted(env, PROFILES[profile]).get(model, set())
    user = make_user(env, "matrix_user", PROFILES[profile])
    one, two = sample_vals(env, model, 0), sample_vals(env, model, 1)
    before = env[model].search_count([])
    for batch in ([one], [one, two]):
        with as_user(env, user) as user_env:
            if allowed:
                assert len(user_env[model].create(batch)) == len(batch)
            else:
                with pytest.raises(AccessError) as caught:
                    user_env[model].create(batch)
                assert_refused(caught, model, "create", [v for v in one.values() if isinstance(v, str)])
        if not allowed:
            assert env[model].search_count([]) == before


def loaded_as_system(user_env, model, ids):
    """Records fetched into the user's session as the system (as code calling ``sudo()`` would):
    changing or deleting them as the user still needs the right."""
    with user_env.sudo():
        return user_env[model].browse(ids)


@pytest.mark.parametrize("model", MODELS)
@pytest.mark.parametrize("profile", PROFILES)
def test_write(env, profile, model):
    allowed = "write" in granted(env, PROFILES[profile]).get(model, set()) and model not in APPEND_ONLY
    records = env[model].create([sample_vals(env, model, 0), sample_vals(env, model, 1)])
    user = make_user(env, "matrix_user", PROFILES[profile])
    _, change = samples(env)[model]
    for ids in (records.ids[:1], records.ids):
        with as_user(env, user) as user_env:
            targets = loaded_as_system(user_env, model, ids)
            if allowed:
                targets.write(change)
                user_env.flush()
            else:
                with pytest.raises(AccessError) as caught:
                    targets.write(change)
                    user_env.flush()
                assert_refused(caught, model, "write", [v for v in change.values() if isinstance(v, str)])


@pytest.mark.parametrize("model", MODELS)
@pytest.mark.parametrize("profile", PROFILES)
def test_delete(env, profile, model):
    allowed = "delete" in granted(env, PROFILES[profile]).get(model, set()) and model not in APPEND_ONLY
    records = env[model].create([sample_vals(env, model, 0), sample_vals(env, model, 1)])
    user = make_user(env, "matrix_user", PROFILES[profile])
    for ids in (records.ids[:1], records.ids):
        with as_user(env, user) as user_env:
            targets = loaded_as_system(user_env, model, ids)
            if allowed:
                targets.unlink()
                user_env.flush()
            else:
                with pytest.raises(AccessError) as caught:
                    targets.unlink()
                    user_env.flush()
                assert_refused(caught, model, "delete")
        assert env[model].search_count([("id", "in", list(ids))]) == len(ids)


def test_a_right_without_a_group_applies_to_every_user(env):
    user = make_user(env, "nobody", ())
    env["base.access"].create({"model": "base.country", "can_read": True})
    with as_user(env, user) as user_env:
        assert user_env["base.country"].search_count([]) == env["base.country"].search_count([])
        with pytest.raises(AccessError):
            user_env["base.currency"].search([])


def test_a_right_of_an_implied_group_applies_to_members_of_the_implying_group(env):
    manager = env["base.group"].create({"name": "Matrix manager", "implied": [env.ref("base.group_user").id]})
    user = env["base.user"].create(
        {
            "login": "manager",
            "name": "Manager",
            "company": env.ref("base.main_company").id,
            "companies": [env.ref("base.main_company").id],
            "groups": [manager.id],
        }
    )
    with as_user(env, user) as user_env:
        assert user_env["base.partner"].search_count([]) > 0
        with pytest.raises(AccessError):
            user_env["base.access"].search([])
