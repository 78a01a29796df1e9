"""``server.py i18n extract|update``: messages from code, templates and declarations; translations kept."""

import json
import re
import shutil
import sys
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po

import addons as addons_package
from core.cli import main
from core.config import OVERRIDES
from core.i18n import LANGUAGES
from core.i18n.extract import kernel_catalog
from core.i18n.extract import update_catalogs

PLACEHOLDER = re.compile(r"%\(\w+\)s|\{\w+\}")
FIXTURES = Path(__file__).resolve().parents[1] / "fixture_addons"
PROBE = "addons.i18n_probe"


@pytest.fixture
def probe(tmp_path, monkeypatch):
    """A copy of the i18n_probe addon to write catalogs into; its imported package is restored afterwards."""
    for variable in [*OVERRIDES, "TESSERA_CONFIG"]:
        monkeypatch.delenv(variable, raising=False)
    folder = tmp_path / "addons"
    shutil.copytree(FIXTURES / "i18n_probe", folder / "i18n_probe")
    monkeypatch.setattr(addons_package, "__path__", list(addons_package.__path__))
    monkeypatch.setattr(
        addons_package, "i18n_probe", getattr(addons_package, "i18n_probe", None), raising=False
    )
    saved = {
        key: module for key, module in sys.modules.items() if key == PROBE or key.startswith(PROBE + ".")
    }
    yield folder / "i18n_probe"
    for key in [key for key in sys.modules if key == PROBE or key.startswith(PROBE + ".")]:
        del sys.modules[key]
    sys.modules.update(saved)


@pytest.fixture
def run(probe, tmp_path, capsys):
    config = tmp_path / "addons.toml"
    config.write_text(f"[addons]\npaths = [{json.dumps(str(probe.parent))}]\n", encoding="utf-8")

    def run(*args):
        code = main(["--config", str(config), "i18n", *args])
        out, err = capsys.readouterr()
        return code, out, err

    return run


def wrap(text: str | tuple[str, ...]) -> tuple[str, ...]:
    return (text,) if isinstance(text, str) else text


def messages(path: Path) -> dict:
    with path.open("rb") as file:
        return {message.id: message for message in read_po(file) if message.id}


def test_extract_collects_labels_options_views_python_and_templates(run, probe):
    code, out, err = run("extract", "i18n_probe")
    assert code == 0, err
    template = probe / "i18n" / "messages.pot"
    assert out == f"wrote {template} (13 messages)\n"
    found = messages(template)
    assert found["Subject"].auto_comments == ["i18n_probe.ticket.name: label"]
    assert found["Subject"].locations == [("models/ticket.py", 10)]
    assert found["One line saying what is wrong."].auto_comments == ["i18n_probe.ticket.name: help"]
    assert found["Waiting for an answer"].auto_comments == ["i18n_probe.ticket.state: option open"]
    assert found["What went wrong"].auto_comments == ["FormView i18n_probe.ticket.form: label"]
    assert "Helpdesk" in found and "Tickets" in found and "Support ticket" in found
    assert found["Hours spent cannot be negative."].locations == [("models/ticket.py", 22)]
    assert found["Open ticket"].locations == [("templates/ticket_card.html", 2)]
    assert found["Opened by %(name)s"].python_format


def test_update_keeps_translations_and_creates_the_missing_languages(run, probe):
    run("extract", "i18n_probe")
    code, out, err = run("update", "i18n_probe")
    assert code == 0, err
    folder = probe / "i18n"
    assert out.splitlines() == [
        f"updated {folder / 'tr.po'}",
        f"created {folder / 'hu.po'}",
        f"created {folder / 'fa.po'}",
    ]
    turkish = messages(folder / "tr.po")
    assert turkish["Subject"].string == "Konu"
    assert turkish["Hours spent"].string == ""
    hungarian = messages(folder / "hu.po")
    assert set(hungarian) == set(messages(folder / "messages.pot"))
    assert not any(message.string for message in hungarian.values())


def test_a_message_that_comes_back_keeps_its_translation(tmp_path):
    (tmp_path / "tr.po").write_text('msgid "Hours spent"\nmsgstr "Harcanan süre"\n', encoding="utf-8")
    template = Catalog(domain="i18n_probe")
    update_catalogs(template, tmp_path, ["tr"])
    assert '#~ msgid "Hours spent"' in (tmp_path / "tr.po").read_text(encoding="utf-8")
    template.add("Hours spent")
    update_catalogs(template, tmp_path, ["tr"])
    assert messages(tmp_path / "tr.po")["Hours spent"].string == "Harcanan süre"


def test_update_without_a_template_says_to_extract_first(run, probe):
    code, out, err = run("update", "i18n_probe")
    assert code == 1
    template = probe / "i18n" / "messages.pot"
    assert err == f"error: {template} does not exist; run `server.py i18n extract i18n_probe` first\n"


def test_an_unknown_addon_is_one_line_and_a_non_zero_exit(run):
    for action in ("extract", "update"):
        code, out, err = run(action, "nowhere")
        assert (code, out, err) == (1, "", "error: addon nowhere is not on the addons paths\n")


def test_the_kernel_catalog_has_the_orms_and_the_formats_messages_and_the_audit_labels():
    catalog = kernel_catalog()
    assert catalog.domain == "kernel"
    assert "Enter a number." in catalog and "Created by" in catalog and "This field is required." in catalog
    files = {file for file, _ in catalog["Enter a number."].locations}
    assert {"core/i18n/formats.py", "core/orm/fields/numeric.py"} <= files


def test_the_shipped_catalogs_translate_everything_they_extract_keeping_placeholders():
    root = Path(__file__).resolve().parents[2]
    endonyms = set(LANGUAGES.values())  # language names stay in their own language
    addons = sorted((root / "addons").glob("*/i18n"))
    for folder in (root / "core" / "base" / "i18n", root / "core" / "i18n" / "po", *addons):
        template = set(messages(folder / "messages.pot"))
        for lang in ("tr", "hu", "fa"):
            catalog = messages(folder / f"{lang}.po")
            untranslated = {
                msgid for msgid in template if not catalog.get(msgid) or not any(wrap(catalog[msgid].string))
            }
            assert untranslated <= endonyms, f"{folder}/{lang}.po lacks {sorted(untranslated - endonyms)}"
            for message in catalog.values():
                assert not message.fuzzy, (lang, message.id)
                source, translated = (" ".join(wrap(text)) for text in (message.id, message.string))
                if translated:
                    assert sorted(PLACEHOLDER.findall(translated)) == sorted(set(PLACEHOLDER.findall(source)))
