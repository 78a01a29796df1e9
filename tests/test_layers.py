"""The kernel's layers import only downwards: orm → views → loader → web/api → cli.

Addons import the kernel's public modules, never the ORM's internals beyond
what the guide documents.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LAYERS = ["core.orm", "core.views", "core.loader", "core.web", "core.cli"]
# Modules outside the layer packages, with the layer they belong to; the more specific first.
PLACED = {
    # Extraction and templates sit above the views; translating messages sits with the ORM, which uses it.
    "core.i18n.extract": "core.views",
    "core.i18n.declarations": "core.views",
    "core.i18n.jinja": "core.views",
    "core.i18n": "core.orm",
    "core.errors": "core.orm",
    "core.hookspecs": "core.orm",
    "core.plugins": "core.orm",
    "core.database": "core.loader",
    "core.jobs": "core.loader",
    "core.webhooks": "core.loader",
    "core.config": "core.loader",
    "core.base": "core.loader",
    "core.testing": "core.cli",
    "core.api": "core.web",
}
FORBIDDEN_IN_ORM = ("werkzeug", "jinja2", "core.web", "core.views", "core.cli")


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def layer_of(name: str) -> int | None:
    for prefix, layer in PLACED.items():
        if name == prefix or name.startswith(prefix + "."):
            return LAYERS.index(layer)
    for index, layer in enumerate(LAYERS):
        if name == layer or name.startswith(layer + "."):
            return index
    return None


def imports(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append(node.module)
    return found


CORE_FILES = sorted((ROOT / "core").rglob("*.py"))


@pytest.mark.parametrize("path", CORE_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_kernel_modules_import_only_lower_or_equal_layers(path):
    own = layer_of(module_name(path))
    assert own is not None, f"{path} belongs to no layer; add it to LAYERS or PLACED"
    for imported in imports(path):
        other = layer_of(imported)
        if other is not None:
            assert other <= own, f"{module_name(path)} ({LAYERS[own]}) imports {imported} ({LAYERS[other]})"


@pytest.mark.parametrize(
    "path", [p for p in CORE_FILES if layer_of(module_name(p)) == 0], ids=lambda p: str(p.relative_to(ROOT))
)
def test_orm_never_imports_the_web_stack(path):
    for imported in imports(path):
        assert not imported.startswith(FORBIDDEN_IN_ORM), f"{module_name(path)} imports {imported}"
