"""ext_tasks' tasks; ext_board has a tests/test_models.py too: addons may share test file names."""

import pytest

pytestmark = pytest.mark.addons("ext_tasks", "ext_board")


def test_a_task_from_the_extras_data_sits_on_the_stage_it_names(env):
    assert env.ref("ext_tasks.task_triage").stage == env.ref("ext_tasks.stage_review")


def test_a_task_moves_to_another_stage(env):
    task = env["ext_tasks.task"].create({"name": "Call back", "stage": env.ref("ext_board.stage_new").id})

    task.write({"stage": env.ref("ext_board.stage_won").id})

    assert task.stage.name == "Done"
