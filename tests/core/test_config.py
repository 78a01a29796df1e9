"""Settings from addons.toml and TESSERA_* variables: defaults, relative paths, one-line errors."""

import os
from pathlib import Path

import pytest

from core.config import load_settings
from core.errors import ConfigError


def write(folder: Path, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "addons.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_without_a_file_every_default_applies_from_the_current_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    settings = load_settings(environ={})
    assert settings.config_path is None
    assert settings.database_url == f"sqlite:///{tmp_path.resolve() / 'var' / 'tessera.db'}"
    assert settings.addons == ()
    assert settings.addons_paths == ()
    assert (settings.host, settings.port, settings.workers) == ("127.0.0.1", 8000, 1)


def test_relative_paths_are_read_from_the_config_files_folder(tmp_path, monkeypatch):
    (tmp_path / "deploy" / "custom").mkdir(parents=True)
    config = write(
        tmp_path / "deploy",
        """
        [database]
        url = "sqlite:///data/acme.db"
        [addons]
        enabled = ["crm", "sales", "crm"]
        paths = ["custom"]
        [server]
        host = "0.0.0.0"
        port = 9000
        workers = 3
        """.replace("        ", ""),
    )
    monkeypatch.chdir(tmp_path)
    settings = load_settings(config, environ={})
    assert settings.config_path == config.resolve()
    assert settings.database_url == f"sqlite:///{tmp_path.resolve() / 'deploy' / 'data' / 'acme.db'}"
    assert settings.addons == ("crm", "sales")
    assert settings.addons_paths == ((tmp_path / "deploy" / "custom").resolve(),)
    assert (settings.host, settings.port, settings.workers) == ("0.0.0.0", 9000, 3)


def test_the_database_folder_is_created_on_demand(tmp_path):
    settings = load_settings(write(tmp_path, ""), environ={})
    assert not (tmp_path / "var").exists()
    settings.ensure_database_folder()
    assert (tmp_path / "var").is_dir()


def test_server_urls_and_absolute_paths_are_kept(tmp_path):
    url = "postgresql://tessera:secret@db.example:5432/acme"
    assert load_settings(write(tmp_path, f'[database]\nurl = "{url}"\n'), environ={}).database_url == url
    absolute = f"sqlite:///{tmp_path / 'elsewhere.db'}"
    assert (
        load_settings(write(tmp_path, f'[database]\nurl = "{absolute}"\n'), environ={}).database_url
        == absolute
    )


def test_tessera_config_names_the_file(tmp_path):
    config = write(tmp_path, "[server]\nport = 8123\n")
    assert load_settings(environ={"TESSERA_CONFIG": str(config)}).port == 8123


def test_a_file_named_explicitly_must_exist(tmp_path):
    with pytest.raises(ConfigError, match=r"nowhere\.toml: the configuration file does not exist"):
        load_settings(tmp_path / "nowhere.toml", environ={})
    with pytest.raises(ConfigError, match="does not exist"):
        load_settings(environ={"TESSERA_CONFIG": str(tmp_path / "nowhere.toml")})


def test_environment_variables_override_the_file(tmp_path, monkeypatch):
    (tmp_path / "one").mkdir()
    (tmp_path / "two").mkdir()
    config = write(tmp_path / "conf", '[addons]\nenabled = ["crm"]\n[server]\nport = 9000\n')
    monkeypatch.chdir(tmp_path)
    settings = load_settings(
        config,
        environ={
            "TESSERA_DATABASE_URL": "sqlite:///local.db",
            "TESSERA_ADDONS": "sales, stock,,",
            "TESSERA_ADDONS_PATHS": os.pathsep.join(["one", "two"]),
            "TESSERA_HOST": "0.0.0.0",
            "TESSERA_PORT": "9100",
        },
    )
    # Values from the environment are relative to the current folder, not the file's.
    assert settings.database_url == f"sqlite:///{tmp_path.resolve() / 'local.db'}"
    assert settings.addons == ("sales", "stock")
    assert settings.addons_paths == ((tmp_path / "one").resolve(), (tmp_path / "two").resolve())
    assert (settings.host, settings.port) == ("0.0.0.0", 9100)


def test_empty_variables_do_not_override(tmp_path):
    config = write(tmp_path, "[server]\nport = 9000\n")
    assert load_settings(config, environ={"TESSERA_PORT": ""}).port == 9000


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[server]\nport = "eighty"\n', r"addons\.toml: \[server\] port: Not a valid integer\."),
        ("[server]\nport = 70000\n", r"addons\.toml: \[server\] port: Must be greater"),
        ("[server]\nworkers = 0\n", r"\[server\] workers: Must be greater than or equal to 1"),
        ('[server]\nhots = "x"\n', r"addons\.toml: \[server\] hots: unknown key"),
        ('[addons]\nenabled = ["Sales"]\n', r"\[addons\] enabled: item 0: must be lower_snake_case"),
        ('[addons]\nenabled = "crm"\n', r"\[addons\] enabled: Not a valid list\."),
        ('[addons]\npaths = ["missing"]\n', r"\[addons\] paths: the folder .*missing does not exist"),
        ('[database]\nurl = "not a url"\n', r"\[database\] url: 'not a url' is not a database URL"),
        ('[datbase]\nurl = "sqlite://"\n', r"unknown section \[datbase\]"),
        ('database = "sqlite://"\n', r"database must be a \[database\] table"),
        ("[server\n", r"addons\.toml: not valid TOML"),
    ],
)
def test_errors_are_one_line_naming_the_file_and_key(tmp_path, text, message):
    with pytest.raises(ConfigError, match=message) as raised:
        load_settings(write(tmp_path, text), environ={})
    assert "\n" not in raised.value.message
    assert str(tmp_path) in raised.value.message


def test_errors_in_overrides_name_the_variable(tmp_path):
    config = write(tmp_path, "")
    with pytest.raises(ConfigError, match=r"^environment variable TESSERA_PORT: Not a valid integer\.$"):
        load_settings(config, environ={"TESSERA_PORT": "http"})
    with pytest.raises(
        ConfigError, match=r"^environment variable TESSERA_ADDONS: item 1: must be lower_snake"
    ):
        load_settings(config, environ={"TESSERA_ADDONS": "crm,Bad-Name"})
    with pytest.raises(ConfigError, match=r"^environment variable TESSERA_ADDONS_PATHS: the folder"):
        load_settings(config, environ={"TESSERA_ADDONS_PATHS": str(tmp_path / "gone")})
