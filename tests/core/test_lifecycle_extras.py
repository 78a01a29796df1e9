"""Files an addon keeps for an extra: loaded by whichever of the two comes second, reloaded, removed.

``ext_tasks`` lists ``ext_board`` in its extras with a ``[extras.ext_board]``
table: a data file that adds a "Review" stage, renames ext_board's "Won"
stage to "Done" and puts a task on the new stage, and a demo file with a task
on ext_board's "New" stage. Runs on SQLite, or on PostgreSQL with
``TESSERA_TEST_DATABASE_URL``.
"""

import shutil
from pathlib import Path

import pytest
from sqlalchemy import inspect
from sqlalchemy import text

from core.database import Database
from core.errors import ConfigError
from core.loader.lifecycle import install
from core.loader.lifecycle import uninstall
from core.loader.lifecycle import upgrade

FIXTURES = Path(__file__).parents[1] / "fixture_addons"

ORDERS = {
    "board first": [["ext_board"], ["ext_tasks"]],
    "tasks first": [["ext_tasks"], ["ext_board"]],
    "together": [["ext_tasks", "ext_board"]],
}

ALL_STAGES = ["New", "Review", "Done"]
ALL_TASKS = [("Sort the inbox", None), ("Triage the board", "Review")]
DEMO_TASK = ("Show the board to a customer", "New")


def rows(db, sql):
    with db.engine.connect() as connection:
        return [tuple(row) for row in connection.execute(text(sql))]


def stages(db):
    return [name for (name,) in rows(db, "SELECT name FROM ext_board_stage ORDER BY sequence, id")]


def tasks(db):
    """Each task with the name of its stage, or None (also when tasks have no stage column)."""
    if "stage_id" not in {column["name"] for column in inspect(db.engine).get_columns("ext_tasks_task")}:
        return [(name, None) for (name,) in rows(db, "SELECT name FROM ext_tasks_task ORDER BY id")]
    return rows(
        db,
        "SELECT t.name, s.name FROM ext_tasks_task t LEFT JOIN ext_board_stage s ON s.id = t.stage_id "
        "ORDER BY t.id",
    )


def external_ids(db):
    return rows(db, "SELECT addon, name FROM base_external_id WHERE addon LIKE 'ext_%' ORDER BY addon, name")


def copy_fixtures(folder, **changes):
    """ext_board and ext_tasks copied into ``folder``, with ``changes`` ({relative path: text}) applied."""
    for name in ("ext_board", "ext_tasks"):
        shutil.copytree(FIXTURES / name, folder / name, ignore=shutil.ignore_patterns("__pycache__"))
    for path, content in changes.items():
        (folder / path).write_text(content, encoding="utf-8")
    return folder


@pytest.fixture
def both(empty_db):
    """Both addons installed, with demo data."""
    install(empty_db, ["ext_board", "ext_tasks"], demo=True)
    return empty_db


def test_the_files_wait_until_the_extra_is_installed(empty_db):
    install(empty_db, ["ext_tasks"], demo=True)

    assert tasks(empty_db) == [("Sort the inbox", None)]
    assert external_ids(empty_db) == [("ext_tasks", "task_inbox")]


@pytest.mark.parametrize("steps", ORDERS.values(), ids=ORDERS)
def test_the_files_load_once_both_addons_are_installed_in_any_order(empty_db, steps):
    for names in steps:
        install(empty_db, names)

    assert stages(empty_db) == ALL_STAGES
    assert tasks(empty_db) == ALL_TASKS
    assert external_ids(empty_db) == [
        ("ext_board", "stage_new"),
        ("ext_board", "stage_won"),  # renamed by ext_tasks, still ext_board's own
        ("ext_tasks", "stage_review"),
        ("ext_tasks", "task_inbox"),
        ("ext_tasks", "task_triage"),
    ]


def test_installing_the_second_addon_reports_the_records_of_the_extras_files(empty_db):
    install(empty_db, ["ext_tasks"])
    messages = []

    install(empty_db, ["ext_board"], progress=messages.append)

    assert "    3 record(s) from ext_tasks's files for ext_board" in messages


@pytest.mark.parametrize("steps", ORDERS.values(), ids=ORDERS)
def test_the_demo_files_load_when_both_addons_have_demo_data(empty_db, steps):
    for names in steps:
        install(empty_db, names, demo=True)

    assert tasks(empty_db) == [*ALL_TASKS, DEMO_TASK]


def test_the_demo_files_wait_for_both_addons_to_have_demo_data(empty_db):
    install(empty_db, ["ext_tasks"], demo=True)

    install(empty_db, ["ext_board"])

    assert tasks(empty_db) == ALL_TASKS


def test_upgrading_the_addon_reloads_its_files_for_the_extra(tmp_path, both):
    newer = copy_fixtures(
        tmp_path,
        **{
            "ext_tasks/addon.toml": (FIXTURES / "ext_tasks/addon.toml")
            .read_text()
            .replace('version = "1.0.0"', 'version = "1.1.0"'),
            "ext_tasks/data/board.toml": (FIXTURES / "ext_tasks/data/board.toml")
            .read_text()
            .replace('name = "Review"', 'name = "Peer review"')
            + '\n[["ext_tasks.task"]]\nid = "task_archive"\nname = "Archive the board"\n',
        },
    )
    with both.transaction() as env:
        env.ref("ext_tasks.task_triage").write({"name": "Triage it later"})
    db = Database(both.url, [newer], engine=both.engine)

    assert upgrade(db) == ["ext_tasks"]

    assert stages(db) == ["New", "Peer review", "Done"]
    assert tasks(db) == [
        ("Sort the inbox", None),
        ("Triage the board", "Peer review"),
        DEMO_TASK,
        ("Archive the board", None),
    ]


def test_uninstalling_the_extra_removes_the_records_of_the_files_for_it(both):
    uninstall(both, ["ext_board"])

    assert tasks(both) == [("Sort the inbox", None)]
    assert external_ids(both) == [("ext_tasks", "task_inbox")]

    install(both, ["ext_board"], demo=True)

    assert stages(both) == ALL_STAGES
    assert tasks(both) == [*ALL_TASKS, DEMO_TASK]


def test_uninstalling_the_extra_forgets_the_ids_of_its_records_the_files_no_longer_name(tmp_path, both):
    newer = copy_fixtures(
        tmp_path,
        **{
            "ext_tasks/data/board.toml": (FIXTURES / "ext_tasks/data/board.toml")
            .read_text()
            .replace('id = "stage_review"', 'id = "stage_review_v2"')
        },
    )

    uninstall(Database(both.url, [newer], engine=both.engine), ["ext_board"])

    assert external_ids(both) == [("ext_tasks", "task_inbox")]


def test_uninstalling_the_addon_removes_its_records_for_the_extra_and_keeps_its_updates(both):
    uninstall(both, ["ext_tasks"])

    assert stages(both) == ["New", "Done"]
    assert external_ids(both) == [("ext_board", "stage_new"), ("ext_board", "stage_won")]


def test_a_broken_file_for_the_extra_fails_the_install_and_leaves_the_database_as_it_was(tmp_path, empty_db):
    broken = copy_fixtures(
        tmp_path,
        **{
            "ext_tasks/data/board.toml": (FIXTURES / "ext_tasks/data/board.toml")
            .read_text()
            .replace('stage = "stage_review"', 'stage = "stage_nowhere"')
        },
    )
    db = Database(empty_db.url, [broken], engine=empty_db.engine)
    install(db, ["ext_tasks"])
    installed = db.installed()

    with pytest.raises(ConfigError) as caught:
        install(db, ["ext_board"])

    assert caught.value.message == (
        "addon ext_tasks: board.toml: ext_tasks.task 'task_triage': "
        "refers to 'stage_nowhere', which no loaded data file defines"
    )
    assert db.installed() == installed
    assert "ext_board_stage" not in inspect(db.engine).get_table_names()
    assert tasks(db) == [("Sort the inbox", None)]


def test_the_addons_own_files_cannot_update_an_extras_records(tmp_path, empty_db):
    meddling = copy_fixtures(
        tmp_path,
        **{"ext_tasks/data/tasks.toml": '[["ext_board.stage"]]\nid = "ext_board.stage_won"\nname = "Done"\n'},
    )
    db = Database(empty_db.url, [meddling], engine=empty_db.engine)

    with pytest.raises(ConfigError) as caught:
        install(db, ["ext_board", "ext_tasks"])

    assert caught.value.message == (
        "addon ext_tasks: tasks.toml: ext_board.stage 'ext_board.stage_won': ext_board.stage_won belongs "
        "to addon ext_board, which ext_tasks does not depend on: a data file updates only its "
        "dependencies' records (and the files for an extra, the extra's)"
    )
    assert db.installed() == {}
