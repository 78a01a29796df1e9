"""ext_board's stages; ext_tasks has a tests/test_models.py too: addons may share test file names."""

import pytest

pytestmark = pytest.mark.addons("ext_board")


def test_stages_come_in_sequence(env):
    env["ext_board.stage"].create({"name": "Lost", "sequence": 50})

    assert [stage.name for stage in env["ext_board.stage"].search([])] == ["New", "Lost", "Won"]
