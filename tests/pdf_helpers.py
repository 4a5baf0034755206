"""Reading a produced PDF back, for the plan pack tests."""

from __future__ import annotations

import re
import subprocess
import unicodedata
from pathlib import Path


def text(path: Path, page: int | None = None, *, layout: bool = False) -> str:
    """The PDF's text as pdftotext extracts it (what a reader copies), NFKC-normalised and
    with runs of spaces collapsed unless `layout`."""
    args = ["pdftotext", "-enc", "UTF-8"]
    if layout:
        args.append("-layout")
    if page is not None:
        args += ["-f", str(page), "-l", str(page)]
    out = subprocess.run([*args, str(path), "-"], capture_output=True, check=True, text=True)
    result = unicodedata.normalize("NFKC", out.stdout)
    return result if layout else re.sub(r"\s+", " ", result)


def fonts(path: Path) -> list[tuple[str, bool]]:
    """(font name, embedded) for every font pdffonts lists."""
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, check=True, text=True)
    rows = out.stdout.splitlines()[2:]
    # Columns from the right: emb sub uni object-id generation (the type may hold spaces).
    return [(r.split()[0], r.split()[-5] == "yes") for r in rows if r.strip()]


def words_outside(path: Path, margin_pt: float = 12.0) -> list[str]:
    """Words whose box reaches into the outer `margin_pt` of their page (text that
    overflowed the content area)."""
    out = subprocess.run(["pdftotext", "-bbox", str(path), "-"], capture_output=True,
                         check=True, text=True).stdout
    bad = []
    width = height = 0.0
    for line in out.splitlines():
        page = re.search(r'<page width="([\d.]+)" height="([\d.]+)"', line)
        if page:
            width, height = float(page.group(1)), float(page.group(2))
            continue
        word = re.search(r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">'
                         r"(.*)</word>", line)
        if word:
            x0, y0, x1, y1 = (float(word.group(i)) for i in range(1, 5))
            if x0 < margin_pt or x1 > width - margin_pt or y0 < 0 or y1 > height:
                bad.append(word.group(5))
    return bad


def contents(path: Path, page: int = 2) -> list[tuple[str, int]]:
    """(title, page number) rows of the table of contents."""
    rows = []
    for line in text(path, page, layout=True).splitlines():
        match = re.match(r"^\s*(\S.*?)\s{2,}(\d+)\s*$", line)
        if match:
            rows.append((" ".join(match.group(1).split()), int(match.group(2))))
    return rows
