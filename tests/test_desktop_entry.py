"""The desktop entry, the *.rollout file type and the icon: installed for the user by
packaging/desktop/install-desktop.sh (`make install-desktop`), removed by its uninstall."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DESKTOP = ROOT / "packaging" / "desktop"
SCRIPT = DESKTOP / "install-desktop.sh"
ICONS = ROOT / "resources" / "icons"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="freedesktop is for Linux/BSD")


def tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.skip(f"{name} is not installed (.ci/run installs it)")
    return path


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return tmp_path / "share"


def script(data: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, XDG_DATA_HOME=str(data))
    return subprocess.run(["sh", str(SCRIPT), *args], env=env, capture_output=True,
                          text=True, check=False, timeout=60)


def test_the_icon_is_an_svg_and_a_png_per_size() -> None:
    from PySide6.QtGui import QImage

    assert (ICONS / "rollout-planner.svg").read_text().lstrip().startswith("<?xml")
    for size in SIZES:
        image = QImage(str(ICONS / f"rollout-planner-{size}.png"))
        assert (image.width(), image.height()) == (size, size)
        assert image.hasAlphaChannel()


def test_the_desktop_entry_is_valid() -> None:
    validate = tool("desktop-file-validate")
    result = subprocess.run([validate, str(DESKTOP / "rollout-planner.desktop")],
                            capture_output=True, text=True, check=False)
    assert (result.returncode, result.stdout + result.stderr) == (0, "")


def test_install_then_uninstall_for_the_user(data: Path, tmp_path: Path) -> None:
    exe = tmp_path / "bin" / "rollout planner"  # a space: Exec must quote it
    exe.parent.mkdir()
    exe.write_text("#!/bin/sh\n")
    exe.chmod(0o755)
    installed = script(data, "install", str(exe), str(ICONS))
    assert installed.returncode == 0, installed.stderr
    entry = (data / "applications" / "rollout-planner.desktop").read_text()
    assert f'Exec="{exe}" %f' in entry
    assert "MimeType=application/x-rollout-plan;" in entry
    assert (data / "mime" / "packages" / "rollout-planner.xml").is_file()
    assert (data / "icons" / "hicolor" / "scalable" / "apps" / "rollout-planner.svg").is_file()
    for size in SIZES:
        assert (data / "icons" / "hicolor" / f"{size}x{size}" / "apps"
                / "rollout-planner.png").is_file()

    removed = script(data, "uninstall")
    assert removed.returncode == 0, removed.stderr
    left = [p for p in data.rglob("*rollout*") if p.is_file()]
    assert left == []


def test_refuses_a_missing_executable(data: Path, tmp_path: Path) -> None:
    result = script(data, "install", str(tmp_path / "nothing"), str(ICONS))
    assert result.returncode == 2 and "no executable" in result.stderr
    assert not data.exists()


def test_plans_are_recognised_by_name_and_by_content(data: Path, tmp_path: Path,
                                                     sample_file: Path) -> None:
    gio = tool("gio")
    tool("update-mime-database")
    tool("update-desktop-database")
    assert script(data, "install", sys.executable, str(ICONS)).returncode == 0
    renamed = tmp_path / "plan-without-its-extension"
    renamed.write_bytes(sample_file.read_bytes())
    other = tmp_path / "other.sqlite"
    import sqlite3

    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE t (x)")
    env = dict(os.environ, XDG_DATA_HOME=str(data), XDG_DATA_DIRS=f"{data}:/usr/share")

    def content_type(path: Path) -> str:
        out = subprocess.run([gio, "info", "-a", "standard::content-type", str(path)],
                             env=env, capture_output=True, text=True, check=True).stdout
        return out.strip().rsplit(" ", 1)[-1]

    assert content_type(sample_file) == "application/x-rollout-plan"
    assert content_type(renamed) == "application/x-rollout-plan"  # the magic: application_id
    assert content_type(other) != "application/x-rollout-plan"
    cache = (data / "applications" / "mimeinfo.cache").read_text()
    assert "application/x-rollout-plan=rollout-planner.desktop;" in cache
