"""The PDF's font where the system has none (ui/pdf/fonts.py): matplotlib's DejaVu Sans."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from ui.pdf.fonts import matplotlib_fonts

ROOT = Path(__file__).resolve().parents[1]

PROBE = """
from PySide6.QtGui import QFontDatabase, QGuiApplication
app = QGuiApplication([])
before = QFontDatabase.hasFamily("DejaVu Sans")
from ui.pdf.fonts import ensure_family
print(before, ensure_family("DejaVu Sans"), ensure_family("DejaVu Sans"))
"""


def test_matplotlib_ships_the_faces() -> None:
    folder = matplotlib_fonts()
    assert folder is not None and (folder / "DejaVuSans-Bold.ttf").is_file()


def test_a_machine_without_fonts_gets_the_font_from_matplotlib(tmp_path: Path) -> None:
    # fontconfig told about no font folder at all: as on a bare server, or the packaged app
    # on a desktop without DejaVu.
    config = tmp_path / "fonts.conf"
    config.write_text(f"<fontconfig><cachedir>{tmp_path / 'cache'}</cachedir></fontconfig>")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", FONTCONFIG_FILE=str(config))
    result = subprocess.run([sys.executable, "-c", PROBE], cwd=ROOT, env=env,
                            capture_output=True, text=True, check=True, timeout=60)
    assert result.stdout.split() == ["False", "True", "True"]
