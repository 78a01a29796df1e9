"""server.py commands, run in-process: what they print, what they change, how they fail."""

import io
import json
import os
import re
import subprocess
import sys
import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import create_engine
from sqlalchemy import text
from sqlalchemy.engine import make_url

from core.base.models.user import HASHER
from core.cli import main
from core.cli.context import Context
from core.config import OVERRIDES
from core.orm.engine import normalize_url
from core.testing.plugin import server_url
from core.web.app import TesseraApp

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixture_addons"
TIMED = re.compile(r" in \d+\.\d\d s$", re.MULTILINE)


@dataclass
class Result:
    code: int
    out: str
    err: str


@pytest.fixture
def config(tmp_path, empty_db, monkeypatch):
    """An addons.toml on the test's empty database, with the fixture addons and life_points enabled."""
    for variable in [*OVERRIDES, "TESSERA_CONFIG"]:
        monkeypatch.delenv(variable, raising=False)
    path = tmp_path / "addons.toml"
    path.write_text(
        f"[database]\nurl = {json.dumps(empty_db.url)}\n"
        f'[addons]\nenabled = ["life_points"]\npaths = [{json.dumps(str(FIXTURES))}]\n',
        encoding="utf-8",
    )
    return path


@pytest.fixture
def run(config, capsys):
    def run(*args):
        code = main(["--config", str(config), *args])
        out, err = capsys.readouterr()
        return Result(code, out, err)

    return run


def test_init_installs_base_and_the_enabled_addons(run, empty_db):
    result = run("init")
    assert result.code == 0, result.err
    assert "[1/2] installing base 1.0.0" in result.err
    assert "[2/2] installing life_points 1.0.0" in result.err
    assert re.search(r"^initialised .* with 2 addons \(base, life_points\) in \d+\.\d\d s$", result.err, re.M)
    assert list(empty_db.installed()) == ["base", "life_points"]


def test_init_without_a_password_prints_a_generated_one_that_logs_in(run, empty_db):
    result = run("init")
    printed = re.fullmatch(
        r"user 'admin' can log in with the password (\S+) \(shown only now\)\n", result.out
    )
    assert printed, result.out
    with empty_db.transaction() as env:
        admin = env["base.user"].model.authenticate(env, "admin", printed.group(1))
        assert admin.has_group("base.group_system")


def test_init_takes_addons_and_demo_data_from_the_command_line(run, empty_db):
    assert run("init", "life_notes", "--demo").code == 0
    assert list(empty_db.installed()) == ["base", "life_points", "life_notes"]
    with empty_db.engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM base_addon WHERE demo")).scalar() == 3


def test_init_refuses_a_database_that_has_addons(run):
    run("init")
    result = run("init")
    assert result.code == 1
    assert result.err.count("\n") == 1
    assert result.err.startswith("error: ")
    assert "is already initialised (2 addons installed); use `server.py install`" in result.err


def test_init_can_create_the_superuser(run, empty_db):
    assert run("init", "--superuser-password", "correct horse").code == 0
    with empty_db.transaction() as env:
        admin = env["base.user"].search([("login", "=", "admin")]).ensure_one()
        assert admin.name == "Administrator"
        assert HASHER.verify(admin.password_hash, "correct horse")


def test_a_short_superuser_password_is_refused_before_anything_is_installed(run, empty_db):
    result = run("init", "--superuser-password", "short")
    assert (result.code, result.err) == (1, "error: the superuser's password needs at least 8 characters\n")
    assert empty_db.installed() == {}


def test_init_without_a_terminal_cannot_ask_for_the_password(run):
    result = run("init", "--superuser-password")
    assert (result.code, result.err) == (
        1,
        "error: no terminal to ask for the superuser's password; pass --superuser-password PASSWORD\n",
    )


def test_list_shows_every_addon_with_its_state(run, empty_db):
    run("init")
    with empty_db.engine.begin() as connection:
        connection.execute(text("UPDATE base_addon SET version = '0.9' WHERE name = 'life_points'"))
    result = run("list")
    assert result.code == 0
    lines = result.out.splitlines()
    assert lines[0].split() == ["NAME", "VERSION", "INSTALLED", "STATE", "SUMMARY"]
    rows = {line.split()[0]: line.split()[1:4] for line in lines[1:]}
    assert rows["base"] == ["1.0.0", "1.0.0", "installed"]
    assert rows["life_points"] == ["1.0.0", "0.9", "upgradable"]
    assert rows["life_notes"] == ["1.0.0", "-", "available"]
    summary_column = lines[0].index("SUMMARY")
    base = next(line for line in lines[1:] if line.split()[0] == "base")  # by name: accounting is first
    assert base[summary_column:].startswith("The kernel's own models")


def test_install_and_uninstall_report_progress_with_timings(run, empty_db):
    run("init")
    result = run("uninstall", "life_points", "--yes")
    assert result.code == 0, result.err
    assert "uninstalling life_points" in result.err
    assert result.err.splitlines()[-1].startswith("uninstalled 1 addon (life_points) in ")
    assert TIMED.search(result.err)
    assert list(empty_db.installed()) == ["base"]

    result = run("install", "life_points")
    assert result.code == 0, result.err
    assert "[1/1] installing life_points 1.0.0" in result.err
    assert result.err.splitlines()[-1].startswith("installed 1 addon (life_points) in ")
    assert TIMED.search(result.err)
    assert list(empty_db.installed()) == ["base", "life_points"]


def test_installing_what_is_installed_changes_nothing(run):
    run("init")
    result = run("install", "life_points")
    assert (result.code, result.err) == (0, "nothing to install\n")


def test_a_missing_addon_is_one_line_and_exit_1(run, empty_db):
    result = run("install", "nowhere")
    assert (result.code, result.out, result.err) == (
        1,
        "",
        "error: addon nowhere is not on the addons paths\n",
    )
    assert empty_db.installed() == {}


def test_a_dependency_cycle_is_one_line(run):
    result = run("install", "life_cycle_a")
    assert result.code == 1
    assert result.err.count("\n") == 1
    assert result.err.startswith("error: addons depend on each other in a cycle: life_cycle_")


def test_uninstall_refuses_while_installed_addons_depend_on_it(run, empty_db):
    run("init", "life_notes")
    result = run("uninstall", "life_points", "--yes")
    assert result.code == 1
    assert (
        result.err == "error: cannot uninstall life_points: life_notes depend(s) on it; uninstall them too\n"
    )
    assert "life_points" in empty_db.installed()


def test_uninstall_needs_yes_without_a_terminal(run, empty_db):
    run("init")
    result = run("uninstall", "life_points")
    assert result.code == 1
    assert (
        result.err == "error: uninstall deletes data; confirm with --yes when there is no terminal to ask\n"
    )
    assert "life_points" in empty_db.installed()


@pytest.mark.parametrize(("answer", "code", "left"), [("n\n", 1, True), ("", 1, True), ("y\n", 0, False)])
def test_uninstall_asks_on_a_terminal(run, empty_db, monkeypatch, answer, code, left):
    run("init")
    monkeypatch.setattr(Context, "interactive", staticmethod(lambda: True))
    monkeypatch.setattr(sys, "stdin", io.StringIO(answer))
    result = run("uninstall", "life_points")
    assert result.code == code
    assert "Uninstall life_points and delete their tables and records from " in result.err
    assert ("life_points" in empty_db.installed()) is left


def test_upgrade_says_when_everything_is_up_to_date(run):
    run("init")
    result = run("upgrade")
    assert (result.code, result.err.splitlines()[-1]) == (0, "every addon is up to date")


def test_commands_that_need_addons_say_to_run_init(run):
    for command in (["upgrade"], ["uninstall", "life_points", "--yes"], ["shell", "-c", "pass"]):
        result = run(*command)
        assert result.code == 1
        assert result.err.endswith("has no addons installed; run `server.py init` first\n")


def test_shell_runs_code_with_env_db_and_registry(run, empty_db):
    run("init")
    result = run("shell", "-c", "print(env['base.partner'].search_count([]), db.dialect, registry.addons)")
    assert result.code == 0, result.err
    count, dialect, addons = result.out.split(" ", 2)
    assert int(count) >= 1
    assert dialect == empty_db.dialect
    assert addons.strip() == "['base', 'life_points']"


def test_serve_on_an_empty_database_installs_the_enabled_addons_with_demo_data(run, empty_db, monkeypatch):
    calls = []
    monkeypatch.setattr("core.cli.serve.run_simple", lambda *args, **options: calls.append((args, options)))
    result = run("serve", "--port", "8123")
    assert result.code == 0, result.err
    assert "is empty: installing base, life_points with demo data" in result.err
    assert "serving " in result.err and "at http://127.0.0.1:8123/" in result.err
    (host, port, app), options = calls[0]
    assert (host, port, isinstance(app, TesseraApp)) == ("127.0.0.1", 8123, True)
    assert options["use_reloader"] is False
    assert list(empty_db.installed()) == ["base", "life_points"]

    calls.clear()
    result = run("serve", "--host", "0.0.0.0")
    assert "is empty" not in result.err
    assert calls[0][0][:2] == ("0.0.0.0", 8000)


def test_scaffold_writes_an_addon_and_refuses_to_overwrite(run, tmp_path):
    result = run("scaffold", "shelf_cli", "--path", str(tmp_path / "custom"))
    assert result.code == 0, result.err
    assert result.out == f"created {(tmp_path / 'custom' / 'shelf_cli').resolve()}\n"
    assert "to [addons] paths in your addons.toml" in result.err
    assert "python server.py install shelf_cli" in result.err
    assert (tmp_path / "custom" / "shelf_cli" / "models" / "item.py").is_file()

    again = run("scaffold", "shelf_cli", "--path", str(tmp_path / "custom"))
    assert again.code == 1
    target = (tmp_path / "custom" / "shelf_cli").resolve()
    assert again.err == f"error: {target} already exists; choose another name or folder\n"
    taken = run("scaffold", "life_points", "--path", str(tmp_path))
    assert taken.err.startswith("error: an addon named life_points already exists: ")


def test_a_wrong_config_is_one_line(tmp_path, capsys):
    assert main(["--config", str(tmp_path / "missing.toml"), "list"]) == 1
    assert (
        capsys.readouterr().err
        == f"error: {tmp_path / 'missing.toml'}: the configuration file does not exist\n"
    )
    bad = tmp_path / "addons.toml"
    bad.write_text("[server]\nport = 0\n")
    assert main(["--config", str(bad), "list"]) == 1
    assert capsys.readouterr().err.startswith(f"error: {bad}: [server] port: Must be greater")


def test_database_option_overrides_the_config(run, tmp_path, empty_db):
    other = tmp_path / "other.db"
    result = run("--database", f"sqlite:///{other}", "init")
    assert result.code == 0, result.err
    assert other.is_file()
    assert empty_db.installed() == {}


@pytest.mark.requires_postgresql
def test_init_creates_a_missing_postgresql_database(config, capsys):
    name = f"tessera_cli_{uuid.uuid4().hex[:8]}"
    url = make_url(normalize_url(server_url())).set(database=name)
    try:
        assert (
            main(["--config", str(config), "--database", url.render_as_string(hide_password=False), "init"])
            == 0
        )
        err = capsys.readouterr().err
        assert err.startswith(f"created the database {name}\n")
        assert "initialised " in err
    finally:
        admin = create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def test_an_unexpected_error_is_one_line_with_a_hint(run, monkeypatch):
    def broken(*args, **options):
        raise RuntimeError("disk on fire\nsecond line")

    monkeypatch.setattr("core.cli.addons.install", broken)
    result = run("install", "life_points")
    assert (result.code, result.err) == (
        1,
        "error: RuntimeError: disk on fire second line (run again with --traceback for details)\n",
    )
    result = run("--traceback", "install", "life_points")
    assert result.code == 1
    assert "Traceback (most recent call last)" in result.err
    assert result.err.endswith("error: RuntimeError: disk on fire second line\n")


def test_usage_errors_return_argparses_code(run):
    assert run("install").code == 2
    assert run("frobnicate").code == 2
    assert run("--help").code == 0


def test_server_py_runs_the_command_line(config, empty_db):
    result = subprocess.run(
        [sys.executable, "server.py", "list"],
        cwd=ROOT,
        env={**os.environ, "TESSERA_CONFIG": str(config)},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[:5] == ["NAME", "VERSION", "INSTALLED", "STATE", "SUMMARY"]
    assert "life_points" in result.stdout


def test_jobs_runs_the_due_jobs_and_fails_when_one_failed(run, empty_db):
    from core.loader.lifecycle import install

    install(empty_db, ["hooks_probe"])
    result = run("jobs")
    assert result.code == 1
    assert "hooks_probe.count: ok" in result.err
    assert "hooks_probe.fail: failed: RuntimeError: the job failed on purpose" in result.err
