"""`make run`'s preflight (app/preflight.py): missing system libraries named with the
packages and the command that installs them, no display said plainly."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from app import preflight

# ldd on Qt's xcb plugin on a Debian 12 machine without libxcb-cursor0 and libxkbcommon-x11-0
# (the shape of the output as glibc's ldd writes it; addresses shortened).
LDD_MISSING = """\
\tlinux-vdso.so.1 (0x00007ffd)
\tlibQt6XcbQpa.so.6 => /venv/PySide6/Qt/plugins/platforms/../../lib/libQt6XcbQpa.so.6 (0x7f93)
\tlibGL.so.1 => /lib/x86_64-linux-gnu/libGL.so.1 (0x00007f93c9808000)
\tlibxkbcommon-x11.so.0 => not found
\tlibxcb-cursor.so.0 => not found
\tlibxcb-icccm.so.4 => /lib/x86_64-linux-gnu/libxcb-icccm.so.4 (0x00007f93c97a7000)
\tlibxcb-cursor.so.0 => not found
\t/lib64/ld-linux-x86-64.so.2 (0x00007f93c9969000)
"""

DEBIAN = 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nID=debian\nVERSION_ID="12"\n'
UBUNTU = "NAME=Ubuntu\nID=ubuntu\nID_LIKE=debian\n"
FEDORA = 'NAME="Fedora Linux"\nID=fedora\nVERSION_ID=40\n'
ALMA = 'ID="almalinux"\nID_LIKE="rhel centos fedora"\n'
ARCH = "NAME=\"Arch Linux\"\nID=arch\n"


def test_missing_libraries_are_read_from_ldd_once_each_in_order() -> None:
    assert preflight.missing_libraries(LDD_MISSING) == [
        "libxkbcommon-x11.so.0",
        "libxcb-cursor.so.0",
    ]
    assert preflight.missing_libraries(LDD_MISSING.replace("not found", "/lib/x.so (0x1)")) == []


@pytest.mark.parametrize(
    ("text", "family"),
    [(DEBIAN, "debian"), (UBUNTU, "debian"), (FEDORA, "fedora"), (ALMA, "fedora"),
     (ARCH, None), ("", None)],
)
def test_os_family_from_os_release(text: str, family: str | None) -> None:
    assert preflight.os_family(text) == family


@pytest.mark.parametrize(
    ("env", "plugins"),
    [
        ({}, None),
        ({"DISPLAY": ":0"}, ["xcb"]),
        ({"WAYLAND_DISPLAY": "wayland-0"}, ["wayland"]),
        ({"WAYLAND_DISPLAY": "wayland-0", "DISPLAY": ":0"}, ["wayland", "xcb"]),
        ({"QT_QPA_PLATFORM": "offscreen"}, ["offscreen"]),
        ({"QT_QPA_PLATFORM": "xcb"}, None),
        ({"QT_QPA_PLATFORM": "xcb", "DISPLAY": ":1"}, ["xcb"]),
        ({"QT_QPA_PLATFORM": "wayland;xcb", "WAYLAND_DISPLAY": "w"}, ["wayland"]),
    ],
)
def test_platform_plugins_follow_the_environment(env: dict, plugins: list | None) -> None:
    assert preflight.platform_plugins(env) == plugins


def test_packages_for_debian_and_fedora() -> None:
    missing = ["libxcb-cursor.so.0", "libxcb-shape.so.0", "libxcb-randr.so.0", "libfoo.so.9"]
    assert preflight.packages_for(missing, "debian") == (
        ["libxcb-cursor0", "libxcb-shape0", "libxcb-randr0"], ["libfoo.so.9"])
    # Fedora keeps the core xcb libraries in one package: named once.
    assert preflight.packages_for(missing, "fedora", no_fonts=True) == (
        ["xcb-util-cursor", "libxcb", "dejavu-sans-fonts"], ["libfoo.so.9"])


def test_every_library_the_issue_names_has_both_packages() -> None:
    debian = {d for d, _ in preflight.PACKAGES.values()}
    named = ("libxcb-cursor0", "libxcb-icccm4", "libxcb-image0", "libxcb-keysyms1",
             "libxcb-render-util0", "libxcb-shape0", "libxkbcommon-x11-0", "libxcb-randr0",
             "libxcb-xinerama0", "libxcb-xkb1", "libgl1", "libegl1", "libfontconfig1",
             "libdbus-1-3")
    for name in named:
        assert name in debian
    assert all(d and f for d, f in preflight.PACKAGES.values())


def test_report_names_the_packages_and_the_command() -> None:
    findings = preflight.Findings(missing=preflight.missing_libraries(LDD_MISSING))
    debian = preflight.report(findings, "debian")
    assert "libxcb-cursor.so.0" in debian
    assert ("sudo apt-get install --no-install-recommends libxkbcommon-x11-0 libxcb-cursor0"
            in debian)
    assert "sudo dnf install libxkbcommon-x11 xcb-util-cursor" in preflight.report(
        findings, "fedora")
    as_root = preflight.report(findings, "debian", root=True)
    assert "sudo" not in as_root and "apt-get install" in as_root
    # Somewhere else: both commands, each said for which system.
    unknown = preflight.report(findings, None)
    assert "On Debian/Ubuntu install" in unknown and "On Fedora install" in unknown


def test_report_without_a_display_says_so_and_offers_the_pdf_export() -> None:
    message = preflight.report(preflight.Findings(no_display=True), "debian")
    assert message == preflight.NO_DISPLAY + "."
    assert "rollout-planner export" in message
    assert preflight.report(preflight.Findings(), "debian") == ""


def test_no_fonts_are_found_in_empty_folders(tmp_path: Path) -> None:
    assert not preflight.has_fonts([str(tmp_path)])
    (tmp_path / "truetype" / "dejavu").mkdir(parents=True)
    assert not preflight.has_fonts([str(tmp_path)])
    (tmp_path / "truetype" / "dejavu" / "DejaVuSans.ttf").write_bytes(b"\0")
    assert preflight.has_fonts([str(tmp_path / "missing"), str(tmp_path)])


@pytest.mark.skipif(shutil.which("ldd") is None, reason="ldd (glibc) is needed to read a plugin")
def test_examine_runs_ldd_on_the_plugin_and_finds_what_it_lacks(tmp_path: Path) -> None:
    # The real xcb plugin, copied away from the Qt libraries it finds through its rpath:
    # ldd then really reports them missing.
    qt = preflight.qt_folder()
    assert qt is not None
    plugin = qt / "plugins" / "platforms" / "libqxcb.so"
    fake_qt = tmp_path / "Qt"
    (fake_qt / "plugins" / "platforms").mkdir(parents=True)
    shutil.copy(plugin, fake_qt / "plugins" / "platforms")
    findings = preflight.examine({"DISPLAY": ":0"}, fake_qt, fonts=True)
    assert "libQt6XcbQpa.so.6" in findings.missing
    assert not findings.no_display
    # Qt's own libraries come with PySide6: no system package is named for them.
    packages, unknown = preflight.packages_for(findings.missing, "debian")
    assert "libQt6XcbQpa.so.6" in unknown
    # The installed plugin finds its Qt libraries.
    assert "libQt6XcbQpa.so.6" not in preflight.examine({"DISPLAY": ":0"}, qt, True).missing


def test_examine_without_a_display_checks_no_libraries(tmp_path: Path) -> None:
    findings = preflight.examine({}, tmp_path / "nowhere", fonts=False)
    assert findings.no_display and findings.no_fonts and findings.missing == []


def _clean_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    return env | extra


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the check is for Linux")
def test_preflight_without_a_display_exits_1_with_the_message() -> None:
    result = subprocess.run([sys.executable, "-m", "app.preflight", "--no-install"],
                            env=_clean_env(), capture_output=True, text=True, check=False)
    assert result.returncode == 1
    assert preflight.NO_DISPLAY in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the check is for Linux")
def test_preflight_passes_where_qt_really_starts() -> None:
    result = subprocess.run([sys.executable, "-m", "app.preflight", "--no-install"],
                            env=_clean_env(QT_QPA_PLATFORM="offscreen"),
                            capture_output=True, text=True, check=False)
    assert (result.returncode, result.stderr) == (0, "")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the check is for Linux")
def test_the_app_without_a_display_says_so_instead_of_aborting() -> None:
    result = subprocess.run([sys.executable, "-m", "app", "--sample"], env=_clean_env(),
                            capture_output=True, text=True, check=False, timeout=60)
    assert result.returncode == 2
    assert result.stderr.strip() == f"rollout-planner: {preflight.NO_DISPLAY}"
