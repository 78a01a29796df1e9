"""A scaffolded addon is valid, installs, and its generated tests pass as written."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from core.database import Database
from core.errors import ConfigError
from core.loader.lifecycle import install
from core.loader.manifest import read_manifest
from core.loader.scaffold import scaffold

ROOT = Path(__file__).resolve().parents[2]


def test_scaffold_writes_an_addon_of_the_usual_shape(tmp_path):
    folder = scaffold("shelf_shape", tmp_path / "custom")
    assert folder == (tmp_path / "custom" / "shelf_shape").resolve()
    files = sorted(str(path.relative_to(folder)) for path in folder.rglob("*") if path.is_file())
    assert files == [
        "__init__.py",
        "addon.toml",
        "models/__init__.py",
        "models/item.py",
        "tests/test_shelf_shape.py",
        "views.py",
    ]
    manifest = read_manifest(folder)
    assert (manifest.name, str(manifest.version), manifest.dependency_names) == (
        "shelf_shape",
        "1.0.0",
        ("base",),
    )
    assert 'class Item(Model, name="shelf_shape.item")' in (folder / "models" / "item.py").read_text()
    assert 'pytest.mark.addons("shelf_shape")' in (folder / "tests" / "test_shelf_shape.py").read_text()


@pytest.mark.parametrize("name", ["Shelf", "2shelf", "shelf-room", "", "class", "base"])
def test_invalid_names_are_refused(tmp_path, name):
    with pytest.raises(ConfigError):
        scaffold(name, tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_an_existing_folder_is_never_overwritten(tmp_path):
    (tmp_path / "shelf_taken").mkdir()
    with pytest.raises(ConfigError, match="shelf_taken already exists"):
        scaffold("shelf_taken", tmp_path)


def test_the_scaffolded_addon_installs_and_its_own_tests_pass(tmp_path, empty_db):
    folder = scaffold("shelf_works", tmp_path)
    db = Database(empty_db.url, [tmp_path], engine=empty_db.engine)
    assert install(db, ["shelf_works"]) == ["base", "shelf_works"]
    assert "shelf_works.item" in db.registry
    assert [f.name for f in db.registry.ui.views["shelf_works.item.list"].fields] == ["name", "state"]
    with db.transaction() as env:
        item = env["shelf_works.item"].create({"name": "Atlas"})
        item.mark_done()
    with db.transaction() as env:
        assert env["shelf_works.item"].search([])[0].state == "done"

    result = subprocess.run(
        [sys.executable, "-m", "pytest", str(folder / "tests"), "-q", "-p", "no:cacheprovider"]
        + ["-o", f"tessera_addons_paths={tmp_path}"],
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "4 passed" in result.stdout
