"""Write a new, working addon from the templates in ``templates/scaffold/``.

The addon has the shape every addon has: a manifest, ``register()``, one model
(``<name>.item`` with a name, notes and a state), a list and a form view, and
tests that pass as generated::

    scaffold("library", Path("custom_addons"))    # → custom_addons/library/

Template files end in ``.tmpl``; ``$name`` and ``$title`` are replaced in
their paths and contents (`string.Template`).
"""

from __future__ import annotations

import keyword
import re
from pathlib import Path
from string import Template

from core.errors import ConfigError
from core.loader.graph import KERNEL_ADDON

TEMPLATES = Path(__file__).resolve().parent / "templates" / "scaffold"
SUFFIX = ".tmpl"
ADDON_NAME = re.compile(r"^[a-z][a-z0-9_]*$")


def scaffold(name: str, path: Path | str) -> Path:
    """Create the addon ``name`` in the folder ``path`` (created if needed); returns its folder.

    Raises:
        ConfigError: ``name`` is not a lower_snake_case identifier, is a Python
            keyword or the kernel's ``base``, or ``path/name`` already exists.
    """
    if not ADDON_NAME.match(name) or keyword.iskeyword(name):
        raise ConfigError(f"{name!r} is not a valid addon name: use lower_snake_case, like 'library'")
    if name == KERNEL_ADDON:
        raise ConfigError("'base' is the kernel's addon; choose another name")
    target = Path(path).expanduser().resolve() / name
    if target.exists():
        raise ConfigError(f"{target} already exists; choose another name or folder")
    values = {"name": name, "title": name.replace("_", " ").capitalize()}
    for template in sorted(TEMPLATES.rglob(f"*{SUFFIX}")):
        relative = Template(str(template.relative_to(TEMPLATES))[: -len(SUFFIX)]).substitute(values)
        destination = target / relative
        destination.parent.mkdir(parents=True, exist_ok=True)
        content = Template(template.read_text(encoding="utf-8")).substitute(values)
        destination.write_text(content, encoding="utf-8")
    return target
