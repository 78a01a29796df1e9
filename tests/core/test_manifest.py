"""Reading ``addon.toml``: a valid manifest loads; every wrong one fails with a message naming the file."""

import re

import pytest
from packaging.version import Version

from core.errors import ConfigError
from core.loader.discovery import discover
from core.loader.manifest import ExtraFiles
from core.loader.manifest import read_manifest

VALID = """
[addon]
name = "loyalty"
version = "1.2.0"
summary = "Loyalty points"
depends = ["base", "sales>=1.2"]
extras = ["accounting"]
data = ["data/tiers.toml"]
license = "Apache-2.0"

[extras.accounting]
data = ["data/invoice_tiers.toml"]
demo = ["demo/invoices.toml"]

[loyalty]
points_per_euro = 1
"""

EXTRA_FILES = ("data/invoice_tiers.toml", "demo/invoices.toml")


def write(folder, text, *files):
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "addon.toml").write_text(text)
    for file in files:
        (folder / file).parent.mkdir(parents=True, exist_ok=True)
        (folder / file).write_text("")
    return folder


def manifest_text(**values):
    """An ``[addon]`` table with valid defaults, overridden (None removes a key)."""
    fields = {"name": '"loyalty"', "version": '"1.0.0"', "summary": '"Loyalty points"'} | values
    return "[addon]\n" + "".join(f"{key} = {value}\n" for key, value in fields.items() if value is not None)


def problem(tmp_path, text):
    """The message reading ``text`` as ``loyalty/addon.toml`` fails with; it must name the file."""
    folder = write(tmp_path / "loyalty", text)
    with pytest.raises(ConfigError) as error:
        read_manifest(folder)
    path = str(folder / "addon.toml")
    assert error.value.message.startswith(f"{path}: ")
    return error.value.message.removeprefix(f"{path}: ")


def test_a_valid_manifest_gives_every_value(tmp_path):
    folder = write(tmp_path / "loyalty", VALID, "data/tiers.toml", *EXTRA_FILES)

    manifest = read_manifest(folder)

    assert (manifest.name, manifest.version, manifest.summary) == (
        "loyalty",
        Version("1.2.0"),
        "Loyalty points",
    )
    assert manifest.dependency_names == ("base", "sales")
    assert str(manifest.depends[1].specifier) == ">=1.2"
    assert (manifest.extras, manifest.data, manifest.demo) == (("accounting",), ("data/tiers.toml",), ())
    assert manifest.extra_files == {
        "accounting": ExtraFiles(data=("data/invoice_tiers.toml",), demo=("demo/invoices.toml",))
    }
    assert manifest.license == "Apache-2.0"
    assert manifest.path == folder
    assert manifest.extra == {"loyalty": {"points_per_euro": 1}}


def test_a_missing_manifest(tmp_path):
    (tmp_path / "loyalty").mkdir()

    with pytest.raises(ConfigError, match=re.escape(f"{tmp_path / 'loyalty' / 'addon.toml'}: missing")):
        read_manifest(tmp_path / "loyalty")


def test_invalid_toml(tmp_path):
    assert problem(tmp_path, "[addon\nname = ").startswith("not valid TOML: ")


def test_no_addon_table(tmp_path):
    assert problem(tmp_path, 'name = "loyalty"\n') == "needs an [addon] table"


def test_every_missing_required_key_is_listed(tmp_path):
    message = problem(tmp_path, manifest_text(name=None, version=None, summary=None))

    assert "name: Missing data for required field." in message
    assert "version: Missing data for required field." in message
    assert "summary: Missing data for required field." in message


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ({"version": '"one"'}, "version: 'one' is not a version like 1.0.0"),
        ({"depends": '["sales>>1"]'}, "depends: 'sales>>1' is not a dependency like 'sales' or 'sales>=1.2'"),
        ({"depends": '"base"'}, "depends: Not a valid list."),
        ({"name": '"Loyalty"'}, "name: must be lower_snake_case"),
        ({"extras": '["Sales"]'}, "extras[0]: must be lower_snake_case"),
        ({"summary": '""'}, "summary: Shorter than minimum length 1."),
        ({"application": '"maybe"'}, "application: Not a valid boolean."),
        ({"depend": '["sales"]'}, "depend: Unknown field."),
    ],
)
def test_a_wrong_value_is_named_with_its_key(tmp_path, values, expected):
    assert problem(tmp_path, manifest_text(**values)) == expected


def test_the_name_must_match_the_folder(tmp_path):
    assert (
        problem(tmp_path, manifest_text(name='"points"')) == "name 'points' must match its folder 'loyalty'"
    )


def test_a_listed_data_file_must_exist(tmp_path):
    assert problem(tmp_path, manifest_text(demo='["demo/partners.toml"]')) == (
        "lists 'demo/partners.toml', which does not exist"
    )


def test_extras_listed_alone_carry_no_files(tmp_path):
    folder = write(tmp_path / "loyalty", manifest_text(extras='["accounting"]'))

    assert read_manifest(folder).extra_files == {}


@pytest.mark.parametrize(
    ("tables", "expected"),
    [
        ("[extras.sales]\ndata = []\n", "[extras.sales]: 'sales' is not in the extras of [addon]"),
        ("[extras.accounting]\ndta = []\n", "extras.accounting.dta: Unknown field."),
        ('[extras.accounting]\ndemo = "demo/invoices.toml"\n', "extras.accounting.demo: Not a valid list."),
        (
            '[extras]\naccounting = ["data/invoice_tiers.toml"]\n',
            "extras: give each extra's files as a table [extras.<addon>]",
        ),
        (
            '[extras.accounting]\ndata = ["data/invoice_tiers.toml"]\n',
            "lists 'data/invoice_tiers.toml', which does not exist",
        ),
    ],
)
def test_a_wrong_extras_table_is_named(tmp_path, tables, expected):
    assert problem(tmp_path, manifest_text(extras='["accounting"]') + tables) == expected


def test_discovery_names_the_broken_manifest_on_an_addons_path(tmp_path):
    write(tmp_path / "good", manifest_text(name='"good"'))
    write(tmp_path / "loyalty", manifest_text(version='"one"'))

    with pytest.raises(ConfigError, match=re.escape(f"{tmp_path / 'loyalty' / 'addon.toml'}: version")):
        discover([tmp_path])


def test_discovery_refuses_a_missing_addons_path(tmp_path):
    with pytest.raises(ConfigError, match=re.escape(f"addons path {tmp_path / 'nowhere'} does not exist")):
        discover([tmp_path / "nowhere"])


def test_discovery_refuses_one_addon_in_two_places(tmp_path):
    write(tmp_path / "one" / "loyalty", manifest_text())
    write(tmp_path / "two" / "loyalty", manifest_text())

    with pytest.raises(ConfigError, match="addon loyalty is in two places: "):
        discover([tmp_path / "one", tmp_path / "two"])


def test_discovery_ignores_folders_without_a_manifest(tmp_path):
    write(tmp_path / "loyalty", manifest_text())
    (tmp_path / "notes").mkdir()

    found = discover([tmp_path])

    assert "loyalty" in found and "notes" not in found
    assert found["base"].name == "base"
