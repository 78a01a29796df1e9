"""docs/addons.md is true: its files, written out as they stand in the guide, install and pass their test."""

import os
import re
import subprocess
import sys
from pathlib import Path

from core.database import Database
from core.loader.lifecycle import install
from core.loader.lifecycle import uninstall

ROOT = Path(__file__).resolve().parents[2]
GUIDE = ROOT / "docs" / "addons.md"
SECTION = re.compile(r"^## \d+\. [^\n]*`(loyalty/[^`]+)`\n(.*?)```\w*\n(.*?)```", re.M | re.S)


def write_guide_addon(folder: Path) -> dict[str, str]:
    files = {path: code for path, _, code in SECTION.findall(GUIDE.read_text(encoding="utf-8"))}
    for path, code in files.items():
        target = folder / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(code, encoding="utf-8")
    return files


def test_the_guide_shows_every_file_of_the_addon(tmp_path):
    files = write_guide_addon(tmp_path)
    assert sorted(files) == [
        "loyalty/__init__.py",
        "loyalty/addon.toml",
        "loyalty/data/tiers.toml",
        "loyalty/models/partner.py",
        "loyalty/models/tier.py",
        "loyalty/tests/test_loyalty.py",
        "loyalty/views.py",
    ]


def test_the_guide_addon_installs_on_a_database_with_partners_and_works(tmp_path, empty_db):
    write_guide_addon(tmp_path)
    install(empty_db, ["base"])
    with empty_db.transaction() as env:
        env["base.partner"].create([{"name": f"Müşteri {i}"} for i in range(20)])
    db = Database(empty_db.url, [tmp_path], engine=empty_db.engine)
    assert install(db, ["loyalty"]) == ["loyalty"]
    with db.transaction() as env:
        assert env["base.partner"].search_count([("points", "=", 0), ("name", "like", "Müşteri")]) == 20
        assert env.ref("loyalty.tier_gold").min_points == 1000
        partner = env["base.partner"].create({"name": "Ayşe", "points": 1200})
        assert partner.level == "gold"
    form = db.registry.ui.views["base.partner.form"]
    contact = [field.name for field in form.groups[1].fields]
    assert contact[:3] == ["email", "points", "level"]
    assert db.registry.ui.actions["loyalty.tiers"].model == "loyalty.tier"
    uninstall(db, ["loyalty"])
    assert "loyalty.tier" not in db.registry


def test_the_guide_addon_test_passes(tmp_path):
    write_guide_addon(tmp_path)
    result = subprocess.run(
        [sys.executable, "-m", "pytest", str(tmp_path / "loyalty" / "tests"), "-q", "-p", "no:cacheprovider"]
        + ["-o", f"tessera_addons_paths={tmp_path}"],
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 passed" in result.stdout
