"""An install hook that always fails, after the schema and a record were written."""

from core.hookspecs import hookimpl
from core.orm.environment import Environment


class InstallFailed(RuntimeError):
    """Raised on purpose by the fixture's install hook."""


@hookimpl
def addon_installed(env: Environment, addon: str) -> None:
    if addon == "life_broken":
        env["life_broken.widget"].create({"name": "half-done"})
        env["base.partner"].create({"name": "Created by the broken install"})
        raise InstallFailed("life_broken refuses to install")
