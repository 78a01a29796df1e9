def test_env_creates_partner(env):
    partner = env["base.partner"].create({"name": "Acme"})
    assert partner.id
    assert env["base.partner"].search_count([("name", "=", "Acme")]) == 1


def test_env_is_rolled_back_between_tests(env):
    assert env["base.partner"].search_count([("name", "=", "Acme")]) == 0
