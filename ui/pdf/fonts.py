"""The pack's font wherever the app runs. DejaVu Sans comes from the system where fontconfig
has it (Debian's fonts-dejavu-core); elsewhere (Windows, macOS, a machine without fonts, the
packaged app) from the copy matplotlib ships in its data folder, which the app carries for its
charts anyway. Registered with Qt once, before the first pack is painted, so that every PDF
embeds the same font and its text can be searched and copied."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from PySide6.QtGui import QFontDatabase

_FACES = ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf",
          "DejaVuSans-BoldOblique.ttf")
_registered = False


def matplotlib_fonts() -> Path | None:
    """matplotlib's TrueType folder, found without importing matplotlib (0.3 s)."""
    spec = importlib.util.find_spec("matplotlib")
    if spec is None or not spec.submodule_search_locations:
        return None
    folder = Path(next(iter(spec.submodule_search_locations))) / "mpl-data" / "fonts" / "ttf"
    return folder if folder.is_dir() else None


def ensure_family(family: str) -> bool:
    """True when `family` can be drawn: installed, or registered now from matplotlib's copy."""
    global _registered
    if QFontDatabase.hasFamily(family) or _registered:
        return QFontDatabase.hasFamily(family)
    _registered = True
    folder = matplotlib_fonts()
    if folder is not None:
        for face in _FACES:
            if (folder / face).is_file():
                QFontDatabase.addApplicationFont(str(folder / face))
    return QFontDatabase.hasFamily(family)
