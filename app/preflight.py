"""Can Qt open a window here? Checked by `make run` before the app starts.

On a fresh Linux machine Qt's platform plugin (xcb for X11, wayland) often lacks system
libraries, and Qt then aborts with "Could not load the Qt platform plugin". This asks `ldd`
which libraries the plugin cannot find, names the packages that hold them and the command
to install them (apt-get on Debian/Ubuntu, dnf on Fedora), and installs them itself when it
runs as root on a Debian-like system, as .ci/run does. Without a display it says so.

    python -m app.preflight [--no-install]

Standard library only: it runs before anything else is known to work, and it must not
import PySide6 (that could be what fails). Exit 0 when Qt can start, 1 when it cannot.
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from planner.i18n import N_, _, set_language

# Shown through _(NO_DISPLAY).
NO_DISPLAY = N_(
    "no display: run it on a desktop, or use `rollout-planner export` for a PDF without one"
)

# soname -> (Debian/Ubuntu package, Fedora package). The libraries Qt's xcb and wayland
# plugins, QtGui and QtWidgets load from the system (the Qt libraries come with PySide6).
PACKAGES: dict[str, tuple[str, str]] = {
    "libxcb-cursor.so.0": ("libxcb-cursor0", "xcb-util-cursor"),
    "libxcb-icccm.so.4": ("libxcb-icccm4", "xcb-util-wm"),
    "libxcb-image.so.0": ("libxcb-image0", "xcb-util-image"),
    "libxcb-keysyms.so.1": ("libxcb-keysyms1", "xcb-util-keysyms"),
    "libxcb-render-util.so.0": ("libxcb-render-util0", "xcb-util-renderutil"),
    "libxcb-util.so.1": ("libxcb-util1", "xcb-util"),
    "libxcb-shape.so.0": ("libxcb-shape0", "libxcb"),
    "libxcb-randr.so.0": ("libxcb-randr0", "libxcb"),
    "libxcb-xinerama.so.0": ("libxcb-xinerama0", "libxcb"),
    "libxcb-xkb.so.1": ("libxcb-xkb1", "libxcb"),
    "libxcb-shm.so.0": ("libxcb-shm0", "libxcb"),
    "libxcb-sync.so.1": ("libxcb-sync1", "libxcb"),
    "libxcb-xfixes.so.0": ("libxcb-xfixes0", "libxcb"),
    "libxcb-render.so.0": ("libxcb-render0", "libxcb"),
    "libxcb-glx.so.0": ("libxcb-glx0", "libxcb"),
    "libxcb.so.1": ("libxcb1", "libxcb"),
    "libxkbcommon.so.0": ("libxkbcommon0", "libxkbcommon"),
    "libxkbcommon-x11.so.0": ("libxkbcommon-x11-0", "libxkbcommon-x11"),
    "libX11-xcb.so.1": ("libx11-xcb1", "libX11-xcb"),
    "libX11.so.6": ("libx11-6", "libX11"),
    "libXau.so.6": ("libxau6", "libXau"),
    "libXdmcp.so.6": ("libxdmcp6", "libXdmcp"),
    "libGL.so.1": ("libgl1", "libglvnd-glx"),
    "libGLX.so.0": ("libglx0", "libglvnd-glx"),
    "libGLdispatch.so.0": ("libglvnd0", "libglvnd"),
    "libOpenGL.so.0": ("libopengl0", "libglvnd-opengl"),
    "libEGL.so.1": ("libegl1", "libglvnd-egl"),
    "libfontconfig.so.1": ("libfontconfig1", "fontconfig"),
    "libfreetype.so.6": ("libfreetype6", "freetype"),
    "libpng16.so.16": ("libpng16-16", "libpng"),
    "libbrotlidec.so.1": ("libbrotli1", "libbrotli"),
    "libdbus-1.so.3": ("libdbus-1-3", "dbus-libs"),
    "libglib-2.0.so.0": ("libglib2.0-0", "glib2"),
    "libgthread-2.0.so.0": ("libglib2.0-0", "glib2"),
    "libexpat.so.1": ("libexpat1", "expat"),
    "libzstd.so.1": ("libzstd1", "libzstd"),
    "libpcre2-8.so.0": ("libpcre2-8-0", "pcre2"),
    "libstdc++.so.6": ("libstdc++6", "libstdc++"),
    "libsystemd.so.0": ("libsystemd0", "systemd-libs"),
    "libwayland-client.so.0": ("libwayland-client0", "libwayland-client"),
    "libwayland-cursor.so.0": ("libwayland-cursor0", "libwayland-cursor"),
    "libwayland-egl.so.1": ("libwayland-egl1", "libwayland-egl"),
}
# Without any font Qt draws no text at all, and writes PDFs without it.
FONT_PACKAGES = ("fonts-dejavu-core", "dejavu-sans-fonts")
FONT_DIRS = ("/usr/share/fonts", "/usr/local/share/fonts", "~/.local/share/fonts", "~/.fonts")
FAMILIES = ("debian", "fedora")


@dataclass
class Findings:
    """What stands between this machine and a Qt window."""

    missing: list[str] = field(default_factory=list)  # sonames ldd could not find
    no_fonts: bool = False
    no_display: bool = False

    @property
    def ok(self) -> bool:
        return not (self.missing or self.no_fonts or self.no_display)


# --- reading the machine -----------------------------------------------------------------


def missing_libraries(ldd_output: str) -> list[str]:
    """Sonames ldd reports as `not found`, in order, each once."""
    found = re.findall(r"^\s*(\S+)\s+=>\s+not found", ldd_output, flags=re.MULTILINE)
    return list(dict.fromkeys(found))


def os_family(os_release: str) -> str | None:
    """'debian' or 'fedora' from /etc/os-release's ID and ID_LIKE, else None."""
    ids: list[str] = []
    for line in os_release.splitlines():
        key, _sep, value = line.partition("=")
        if key.strip() in ("ID", "ID_LIKE"):
            ids += value.strip().strip("\"'").lower().split()
    if any(i in ("debian", "ubuntu") for i in ids):
        return "debian"
    if any(i in ("fedora", "rhel", "centos") for i in ids):
        return "fedora"
    return None


def platform_plugins(env: Mapping[str, str]) -> list[str] | None:
    """The Qt platform plugins Qt would try here, or None when there is no display."""
    chosen = env.get("QT_QPA_PLATFORM", "").split(":")[0].split(";")[0]
    if chosen:
        # offscreen, minimal, vnc… need no display server; xcb and wayland do.
        if chosen == "xcb" and not env.get("DISPLAY"):
            return None
        if chosen == "wayland" and not env.get("WAYLAND_DISPLAY"):
            return None
        return [chosen]
    plugins = []
    if env.get("WAYLAND_DISPLAY"):
        plugins.append("wayland")
    if env.get("DISPLAY"):
        plugins.append("xcb")
    return plugins or None


def has_fonts(dirs: Sequence[str] = FONT_DIRS) -> bool:
    for folder in dirs:
        root = Path(folder).expanduser()
        if root.is_dir() and any(
            p.suffix.lower() in (".ttf", ".otf", ".pfb", ".ttc") for p in root.rglob("*")
        ):
            return True
    return False


def qt_folder() -> Path | None:
    """PySide6's Qt folder, found without importing PySide6."""
    spec = importlib.util.find_spec("PySide6")
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations))) / "Qt"


def ldd(path: Path) -> str:
    result = subprocess.run(["ldd", str(path)], capture_output=True, text=True, check=False)
    return result.stdout + result.stderr


def examine(env: Mapping[str, str], qt: Path | None, fonts: bool) -> Findings:
    findings = Findings(no_fonts=not fonts)
    plugins = platform_plugins(env)
    if plugins is None:
        # Libraries for a display there is not would only confuse; fonts are still needed
        # for the PDF `rollout-planner export` writes.
        findings.no_display = True
        return findings
    if qt is None or shutil.which("ldd") is None:
        return findings
    platforms = qt / "plugins" / "platforms"
    # libqwayland.so, or libqwayland-generic.so in Qt before 6.7.
    libraries = [lib for name in plugins for lib in sorted(platforms.glob(f"libq{name}*.so"))[:1]]
    libraries += sorted(qt.parent.glob("QtWidgets*.so"))
    for library in libraries:
        if library.exists():
            findings.missing += [m for m in missing_libraries(ldd(library))
                                 if m not in findings.missing]
    return findings


# --- what to tell ----------------------------------------------------------------------


def packages_for(sonames: Sequence[str], family: str, no_fonts: bool = False
                 ) -> tuple[list[str], list[str]]:
    """(packages to install, sonames no package is known for) for 'debian' or 'fedora'."""
    column = FAMILIES.index(family)
    packages: list[str] = []
    unknown: list[str] = []
    for soname in sonames:
        if soname in PACKAGES:
            packages.append(PACKAGES[soname][column])
        else:
            unknown.append(soname)
    if no_fonts:
        packages.append(FONT_PACKAGES[column])
    return list(dict.fromkeys(packages)), unknown


def install_command(family: str, packages: Sequence[str], root: bool = False) -> str:
    sudo = "" if root else "sudo "
    if family == "debian":
        return f"{sudo}apt-get install --no-install-recommends {' '.join(packages)}"
    return f"{sudo}dnf install {' '.join(packages)}"


def report(findings: Findings, family: str | None, root: bool = False) -> str:
    """The message for the user; empty when nothing is wrong."""
    lines: list[str] = []
    if findings.missing or findings.no_fonts:
        if findings.missing:
            lines.append(
                _("Qt cannot open a window: these system libraries are missing: {names}.").format(
                    names=", ".join(findings.missing)
                )
            )
        if findings.no_fonts:
            lines.append(_("No fonts are installed: Qt would show and print no text."))
        for fam in (family,) if family else FAMILIES:
            packages, unknown = packages_for(findings.missing, fam, findings.no_fonts)
            where = {
                None: _("Install them with:  {command}"),
                "debian": _("On Debian/Ubuntu install them with:  {command}"),
                "fedora": _("On Fedora install them with:  {command}"),
            }[None if family else fam]
            if packages:
                lines.append(where.format(command=install_command(fam, packages, root)))
            if unknown and fam == (family or "debian"):
                lines.append(
                    _("No package known for {names}; your package manager's file search finds "
                      "it.").format(names=", ".join(unknown))
                )
    if findings.no_display:
        lines.append(_(NO_DISPLAY) + ".")
    return "\n".join(lines)


# --- doing it ------------------------------------------------------------------------------


def apt_install(packages: Sequence[str]) -> bool:
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    command = ["apt-get", "install", "-y", "-qq", "--no-install-recommends", *packages]
    if subprocess.run(command, env=env, check=False).returncode == 0:
        return True
    # A fresh machine may have no package lists yet.
    subprocess.run(["apt-get", "update", "-qq"], env=env, check=False)
    return subprocess.run(command, env=env, check=False).returncode == 0


def qt_starts(env: Mapping[str, str]) -> tuple[bool, str]:
    """Really create a QGuiApplication in a child process: the final word (ldd cannot see a
    display that refuses us, or a plugin that fails for another reason)."""
    probe = "from PySide6.QtGui import QGuiApplication; QGuiApplication([])"
    try:
        result = subprocess.run([sys.executable, "-c", probe], env=dict(env),
                                capture_output=True, text=True, timeout=60, check=False)
    except subprocess.TimeoutExpired:
        return False, _("Qt did not start within a minute")
    return result.returncode == 0, result.stderr.strip()


def read_os_release() -> str:
    for path in ("/etc/os-release", "/usr/lib/os-release"):
        try:
            return Path(path).read_text(encoding="utf-8")
        except OSError:
            continue
    return ""


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if not sys.platform.startswith("linux"):
        return 0  # Windows and macOS ship everything Qt needs
    env = os.environ
    set_language(None)  # the system's language: --lang is not known this early
    family = os_family(read_os_release())
    root = os.geteuid() == 0
    findings = examine(env, qt_folder(), has_fonts())
    installable = findings.missing or findings.no_fonts
    if installable and root and family == "debian" and "--no-install" not in args:
        packages, _unknown = packages_for(findings.missing, family, findings.no_fonts)
        print(_("Installing what Qt needs: {packages}").format(packages=" ".join(packages)),
              file=sys.stderr)
        if apt_install(packages):
            findings = examine(env, qt_folder(), has_fonts())
    message = report(findings, family, root)
    if message:
        print(message, file=sys.stderr)
        return 1
    started, errors = qt_starts(env)
    if not started:
        lines = errors.splitlines()[-6:]
        if "could not connect to display" in errors:
            lines.insert(
                0,
                _("the display {display} does not answer, or refuses us").format(
                    display=env.get("DISPLAY")
                ),
            )
        print(_("Qt could not start:") + "\n  " + "\n  ".join(lines), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
