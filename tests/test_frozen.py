"""The packaged app (dist/rollout-planner, from `make package`) behaves as the source app.

Each test runs the frozen executable from a temporary folder with a clean environment: no
virtual environment, no PYTHONPATH, a fresh home, and fontconfig told about no fonts at all,
so that everything the app needs must come from the bundle. Marked `frozen`; without a
bundle the tests are skipped, except in CI (CI=true), where .ci/run builds the bundle first
and a missing one is a failure.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from planner.fileformat import SCHEMA_VERSION
from tests.pdf_helpers import fonts, text

pytestmark = pytest.mark.frozen

ROOT = Path(__file__).resolve().parents[1]
BUNDLE = ROOT / "dist" / "rollout-planner"
EXE = BUNDLE / ("rollout-planner.exe" if sys.platform == "win32" else "rollout-planner")
FIXTURE_V1 = ROOT / "tests" / "fixtures" / "plan-v1.rollout"
# The offscreen platform says this whenever a window is shown (see pyproject.toml).
HARMLESS = ("This plugin does not support propagateSizeHints",)


@pytest.fixture(scope="module")
def exe() -> Path:
    if not EXE.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"no bundle at {EXE.relative_to(ROOT)}: CI runs `make package` first")
        pytest.skip("no bundle in dist/rollout-planner: `make package` builds it")
    return EXE


@pytest.fixture
def home(tmp_path: Path) -> Path:
    folder = tmp_path / "home"
    folder.mkdir()
    return folder


def clean_env(home: Path) -> dict[str, str]:
    """What a desktop session gives a program, minus everything of this checkout; and a
    fontconfig that knows no fonts, so the PDF's font must come from the bundle."""
    fontconfig = home / "fonts.conf"
    fontconfig.write_text(f"<fontconfig><cachedir>{home / 'fc-cache'}</cachedir></fontconfig>")
    return {
        "PATH": "/usr/bin:/bin",
        "HOME": str(home),
        "LANG": "C.UTF-8",
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_RUNTIME_DIR": str(home),
        "FONTCONFIG_FILE": str(fontconfig),
    }


def frozen(exe: Path, home: Path, *args: str, env: dict[str, str] | None = None
           ) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(exe), *args], cwd=home, env=env or clean_env(home),
                          capture_output=True, text=True, timeout=120, check=False)


def complaints(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines()
            if line.strip() and not any(h in line for h in HARMLESS)]


def test_new_info_check_from_the_crm_template(exe: Path, home: Path) -> None:
    created = frozen(exe, home, "new", "plan.rollout", "--template", "crm")
    assert (created.returncode, complaints(created.stderr)) == (0, [])
    assert (home / "plan.rollout").exists()

    info = frozen(exe, home, "info", "plan.rollout", "--json")
    assert info.returncode == 0, info.stderr
    data = json.loads(info.stdout)
    assert "Fjordlys" in json.dumps(data)
    assert len(data["phases"]) == 7

    check = frozen(exe, home, "check", "plan.rollout")
    # 1: the sample plan has open problems on purpose (it shows what the warnings do).
    assert check.returncode in (0, 1), check.stderr
    assert "Traceback" not in check.stderr and check.stdout.strip()


def test_export_pdf_embeds_its_fonts_and_its_text_can_be_read(exe: Path, home: Path) -> None:
    assert frozen(exe, home, "new", "plan.rollout", "--template", "crm").returncode == 0
    exported = frozen(exe, home, "export", "plan.rollout", "--pdf", "pack.pdf")
    assert exported.returncode == 0, exported.stderr
    assert complaints(exported.stderr) == []
    pdf = home / "pack.pdf"
    used = fonts(pdf)
    assert used and all(embedded for _name, embedded in used), used
    assert any("DejaVuSans" in name for name, _ in used), used
    content = text(pdf)
    assert "Fjordlys" in content and "Phase" in content


def test_an_old_plan_is_upgraded_by_the_bundled_migrations(exe: Path, home: Path) -> None:
    plan = home / "old.rollout"
    plan.write_bytes(FIXTURE_V1.read_bytes())
    # Read-only commands upgrade a copy in memory (Alembic runs, the file stays as it was).
    info = frozen(exe, home, "info", "old.rollout", "--json")
    assert info.returncode == 0, info.stderr
    assert "Kundeløft 2025" in json.loads(info.stdout)["plan"]["title"]
    assert plan.read_bytes() == FIXTURE_V1.read_bytes()
    # The app opening it for editing upgrades the file, with a backup of the original.
    env = clean_env(home) | {"ROLLOUT_PLANNER_QUIT_AFTER_MS": "0"}
    opened = frozen(exe, home, "old.rollout", env=env)
    assert (opened.returncode, complaints(opened.stderr)) == (0, [])
    with sqlite3.connect(plan) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert (home / "old.format1-backup.rollout").read_bytes() == FIXTURE_V1.read_bytes()


@pytest.mark.parametrize("mode", [(), ("--workshop",)], ids=["main window", "workshop"])
def test_the_window_opens_offscreen_without_errors(exe: Path, home: Path, mode: tuple) -> None:
    assert frozen(exe, home, "new", "plan.rollout", "--template", "crm").returncode == 0
    env = clean_env(home) | {"ROLLOUT_PLANNER_QUIT_AFTER_MS": "1000"}
    opened = frozen(exe, home, *mode, "plan.rollout", env=env)
    assert (opened.returncode, complaints(opened.stderr)) == (0, [])


def test_the_bundle_carries_what_it_needs_and_not_the_rest(exe: Path) -> None:
    internal = exe.parent / "_internal"
    for needed in ("planner/migrations/env.py", "planner/migrations/script.py.mako",
                   "planner/migrations/versions/0001_initial.py",
                   "resources/templates/crm_nordic.toml", "resources/icons/rollout-planner.svg",
                   "resources/icons/rollout-planner-512.png",
                   "matplotlib/mpl-data/fonts/ttf/DejaVuSans.ttf"):
        assert (internal / needed).is_file(), needed
    for unwanted in ("tests", "benchmarks", "pytest", "hypothesis", "tkinter",
                     "PySide6/QtNetwork.abi3.so", "PySide6/Qt/plugins/platformthemes/libqgtk3.so"):
        assert not (internal / unwanted).exists(), unwanted
    assert (exe.parent / "desktop" / "rollout-planner.desktop").is_file()
    assert (exe.parent / "INSTALL.txt").is_file()


def test_the_bundle_registers_itself_with_the_desktop(exe: Path, tmp_path: Path) -> None:
    data = tmp_path / "share"
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "XDG_DATA_HOME": str(data)}
    script = exe.parent / "desktop" / "install-desktop.sh"
    installed = subprocess.run(["sh", str(script), "install"], env=env, capture_output=True,
                               text=True, check=False)
    assert installed.returncode == 0, installed.stderr
    entry = (data / "applications" / "rollout-planner.desktop").read_text()
    assert f'Exec="{exe}" %f' in entry
    assert (data / "icons" / "hicolor" / "256x256" / "apps" / "rollout-planner.png").is_file()
    removed = subprocess.run(["sh", str(script), "uninstall"], env=env, capture_output=True,
                             text=True, check=False)
    assert removed.returncode == 0 and not (data / "applications" / "rollout-planner.desktop"
                                            ).exists()
