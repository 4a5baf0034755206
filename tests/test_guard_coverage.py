"""Every Python override of a Qt virtual in ui/ carries @guarded (ui/guard.py), so that the
next view cannot bring back the crash an exception in an override causes.

The scan reads ui/ with `ast`: a class derives from a Qt class when one of its bases is a
name imported from PySide6, or a class of ui/ that does. A method overrides Qt when a Qt base
has an attribute of that name (asked of PySide6 itself). Qt's event handlers (`…Event`,
`event`, `eventFilter`) and the names in guard.FALLBACKS are virtuals and must be guarded;
any other Qt name must be listed in NOT_VIRTUAL below, so that a new override makes someone
decide (a virtual: add it to guard.FALLBACKS with its safe return value).
"""

from __future__ import annotations

import ast
import importlib
from dataclasses import dataclass
from pathlib import Path

import pytest

from ui.guard import FALLBACKS

pytestmark = pytest.mark.gui

UI = Path(__file__).resolve().parents[1] / "ui"

# Qt methods that are not virtual: an override is only called from Python, never from C++.
NOT_VIRTUAL = frozenset({"__init__"})


@dataclass(frozen=True)
class Override:
    where: str
    cls: str
    name: str
    guarded: bool


def is_virtual(name: str) -> bool:
    return name.endswith("Event") or name in FALLBACKS


def _base_name(node: ast.expr) -> str | None:
    if isinstance(node, ast.Attribute):
        return node.attr
    if isinstance(node, ast.Name):
        return node.id
    return None


def _is_guard(decorator: ast.expr) -> bool:
    target = decorator.func if isinstance(decorator, ast.Call) else decorator
    return _base_name(target) == "guarded"


def scan(root: Path = UI) -> list[Override]:
    """Every method of a class in `root` that overrides a method of a Qt class."""
    classes: dict[str, list[tuple[str, ast.ClassDef]]] = {}
    imports: dict[tuple[str, str], str] = {}
    for path in sorted(root.rglob("*.py")):
        module = str(path.relative_to(root.parent))
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module:
                for alias in node.names:
                    imports[(module, alias.asname or alias.name)] = node.module
            elif isinstance(node, ast.Import):
                for alias in node.names:
                    imports[(module, alias.asname or alias.name)] = alias.name
            elif isinstance(node, ast.ClassDef):
                classes.setdefault(node.name, []).append((module, node))

    def qt_bases(module: str, node: ast.ClassDef, seen: frozenset[str]) -> list[type]:
        found: list[type] = []
        for base in node.bases:
            name = _base_name(base)
            if name is None:
                continue
            qualifier = _base_name(base.value) if isinstance(base, ast.Attribute) else None
            if qualifier is None:
                source = imports.get((module, name), "")
            else:  # QtWidgets.QWidget after `from PySide6 import QtWidgets`
                source = imports.get((module, qualifier), "")
                source = f"{source}.{qualifier}" if source == "PySide6" else source
            if source.startswith("PySide6."):
                found.append(getattr(importlib.import_module(source), name))
            elif name in classes and name not in seen:
                for other_module, other in classes[name]:
                    found += qt_bases(other_module, other, seen | {name})
        return found

    overrides: list[Override] = []
    for name, defs in classes.items():
        for module, node in defs:
            bases = qt_bases(module, node, frozenset({name}))
            if not bases:
                continue
            for item in node.body:
                if not isinstance(item, ast.FunctionDef | ast.AsyncFunctionDef):
                    continue
                if any(hasattr(base, item.name) for base in bases):
                    overrides.append(
                        Override(
                            f"{module}:{item.lineno}",
                            name,
                            item.name,
                            any(_is_guard(d) for d in item.decorator_list),
                        )
                    )
    return overrides


@pytest.fixture(scope="module")
def overrides() -> list[Override]:
    return scan()


def test_the_scan_finds_the_overrides_we_know(overrides: list[Override]) -> None:
    # If these vanish from the scan, the scan is broken, not the views fixed.
    found = {(o.cls, o.name) for o in overrides}
    for known in [
        ("RecordTableModel", "data"),
        ("RecordTableModel", "multiData"),
        ("OutlineModel", "parent"),
        ("MarkItem", "paint"),
        ("Pane", "drawForeground"),
        ("BodyPane", "mousePressEvent"),  # through Pane, a class of ours
        ("CardDelegate", "sizeHint"),
        ("MainWindow", "closeEvent"),
        ("_QtCommand", "mergeWith"),
    ]:
        assert known in found
    assert len(overrides) > 80


def test_every_override_of_a_qt_virtual_is_guarded(overrides: list[Override]) -> None:
    missing = [
        f"{o.where} {o.cls}.{o.name}"
        for o in overrides
        if is_virtual(o.name) and not o.guarded
    ]
    assert not missing, "add @guarded() (ui/guard.py) to:\n" + "\n".join(missing)


def test_every_override_of_a_qt_method_is_classified(overrides: list[Override]) -> None:
    unknown = [
        f"{o.where} {o.cls}.{o.name}"
        for o in overrides
        if not is_virtual(o.name) and o.name not in NOT_VIRTUAL
    ]
    assert not unknown, (
        "these override Qt methods this test does not know: a virtual goes into "
        "ui/guard.py FALLBACKS (with what it returns when it fails) and gets @guarded(); "
        "a plain method goes into NOT_VIRTUAL here:\n" + "\n".join(unknown)
    )


def test_the_fallbacks_name_real_qt_methods() -> None:
    # A typo in FALLBACKS would let an override of the real name go unnoticed.
    from PySide6 import QtCore, QtGui, QtWidgets

    qt_names = {
        attr
        for module in (QtCore, QtGui, QtWidgets)
        for cls in vars(module).values()
        if isinstance(cls, type)
        for attr in vars(cls)
    }
    assert set(FALLBACKS) <= qt_names, set(FALLBACKS) - qt_names


def test_an_unguarded_override_is_caught(tmp_path: Path) -> None:
    (tmp_path / "ui").mkdir()
    (tmp_path / "ui" / "base.py").write_text(
        "from PySide6.QtWidgets import QWidget\n"
        "from ui.guard import guarded\n"
        "class Base(QWidget):\n"
        "    @guarded()\n"
        "    def paintEvent(self, event):\n"
        "        pass\n"
    )
    (tmp_path / "ui" / "child.py").write_text(
        "from ui.base import Base\n"
        "class Child(Base):\n"
        "    def resizeEvent(self, event):\n"
        "        pass\n"
        "    def helper(self):\n"
        "        pass\n"
    )
    found = {(o.cls, o.name): o.guarded for o in scan(tmp_path / "ui")}
    assert found == {("Base", "paintEvent"): True, ("Child", "resizeEvent"): False}
