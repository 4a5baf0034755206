"""planner/ is the model: it must import without Qt, so it can be scripted and tested
headless."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_planner_imports_no_qt() -> None:
    code = (
        "import pkgutil, importlib, sys, planner\n"
        "for m in pkgutil.walk_packages(planner.__path__, 'planner.'):\n"
        "    if '.migrations' not in m.name:\n"
        "        importlib.import_module(m.name)\n"
        "qt = sorted(n for n in sys.modules if n.startswith('PySide6'))\n"
        "print(len([n for n in sys.modules if n.startswith('planner.')]), qt)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    count, qt = out.stdout.strip().split(" ", 1)
    assert int(count) > 10, "the walk found too few planner modules to mean anything"
    assert qt == "[]", f"planner/ pulled in Qt: {qt}"


def test_planner_source_names_no_qt() -> None:
    offenders = [
        str(p.relative_to(ROOT))
        for p in (ROOT / "planner").rglob("*.py")
        if "PySide6" in p.read_text(encoding="utf-8") or "from ui" in p.read_text(encoding="utf-8")
    ]
    assert offenders == []
