"""Render the application icon's PNG sizes from its SVG with Qt's own SVG renderer.

    QT_QPA_PLATFORM=offscreen .venv/bin/python tools/render_icons.py

Writes resources/icons/rollout-planner-N.png for N in SIZES, beside the SVG. Run it after
changing the SVG and commit the PNGs (freedesktop icon themes, Windows and older desktops
want bitmaps).
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ICONS = Path(__file__).resolve().parents[1] / "resources" / "icons"
SVG = ICONS / "rollout-planner.svg"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def render(size: int, renderer: QSvgRenderer) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    return image


def main() -> int:
    QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(SVG))
    if not renderer.isValid():
        print(f"render_icons: {SVG} is not a valid SVG", file=sys.stderr)
        return 2
    for size in SIZES:
        target = ICONS / f"rollout-planner-{size}.png"
        if not render(size, renderer).save(str(target)):
            print(f"render_icons: could not write {target}", file=sys.stderr)
            return 2
        print(target.relative_to(ICONS.parents[1]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
