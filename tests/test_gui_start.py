"""Starting the desktop app: the icon it shows, the Qt-free modules it imports before Qt,
and the launch-to-first-paint hook the frozen-app tests and the start-up benchmark use."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from app import gui

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.gui
def test_the_application_icon_has_every_rendered_size(qapp) -> None:
    icon = gui.application_icon()
    sizes = {(s.width(), s.height()) for s in icon.availableSizes()}
    assert sizes == {(n, n) for n in gui.ICON_SIZES}
    assert not icon.pixmap(48, 48).isNull()


def test_the_domain_modules_import_without_qt() -> None:
    code = ("import sys; from app.gui import import_domain; import_domain(); "
            "print(sorted(m for m in sys.modules if m.startswith('PySide6')))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                         text=True, check=True).stdout
    assert out.strip() == "[]"


@pytest.mark.gui
@pytest.mark.parametrize("args", [("--sample",), ("--workshop", "--sample")])
def test_the_app_quits_after_its_first_paint(args: tuple[str, ...], tmp_path: Path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", ROLLOUT_PLANNER_QUIT_AFTER_MS="0",
               XDG_CONFIG_HOME=str(tmp_path / "config"))
    result = subprocess.run([sys.executable, "-m", "app", *args], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    complaints = [line for line in result.stderr.splitlines()
                  if line.strip() and "propagateSizeHints" not in line]
    assert complaints == []
