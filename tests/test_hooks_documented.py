"""Every kernel hook has a section in docs/hooks.md with its signature and a test named after it."""

import inspect
import re
from pathlib import Path

import pytest

from core import hookspecs

ROOT = Path(__file__).resolve().parent.parent
SPECS = [
    name
    for name, value in vars(hookspecs).items()
    if inspect.isfunction(value) and hasattr(value, f"{hookspecs.PROJECT}_spec")
]


def signature(name: str) -> str:
    parameters = inspect.signature(getattr(hookspecs, name)).parameters
    return f"{name}({', '.join(parameters)})"


def test_the_kernel_declares_hooks():
    assert "records_created" in SPECS and "addon_installed" in SPECS


@pytest.mark.parametrize("name", SPECS)
def test_hook_is_documented_with_its_signature(name):
    docs = (ROOT / "docs" / "hooks.md").read_text(encoding="utf-8")
    assert f"### `{signature(name)}`" in docs, f"docs/hooks.md needs a section '### `{signature(name)}`'"


@pytest.mark.parametrize("name", SPECS)
def test_hook_has_a_test_named_after_it(name):
    pattern = re.compile(rf"def test_hook_{name}\b")
    sources = (path.read_text(encoding="utf-8") for path in (ROOT / "tests").rglob("test_*.py"))
    assert any(pattern.search(source) for source in sources), f"no test named test_hook_{name}"


@pytest.mark.parametrize("name", SPECS)
def test_hook_docstring_says_when_it_fires(name):
    doc = inspect.getdoc(getattr(hookspecs, name)) or ""
    assert len(doc.split()) >= 15, f"{name}'s docstring is too short to say when it fires and what it gets"
