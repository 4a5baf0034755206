#!/bin/sh
# Register Rollout Planner with the desktop for the current user: the menu entry, the
# *.rollout file type (double-click opens a plan) and the icon, under ~/.local/share.
#
#   install-desktop.sh install [EXECUTABLE [ICON_FOLDER]]
#   install-desktop.sh uninstall
#
# Defaults fit the unpacked bundle: ../rollout-planner and ../_internal/resources/icons.
# `make install-desktop` / `make uninstall-desktop` call it for a source checkout.
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
DATA=${XDG_DATA_HOME:-$HOME/.local/share}
SIZES="16 24 32 48 64 128 256 512"

refresh() {  # the caches desktops read; absent tools are fine (the desktop rebuilds them)
    if command -v update-mime-database >/dev/null 2>&1; then
        update-mime-database "$DATA/mime"
    fi
    if command -v update-desktop-database >/dev/null 2>&1; then
        update-desktop-database "$DATA/applications"
    fi
    if command -v gtk-update-icon-cache >/dev/null 2>&1 && [ -f "$DATA/icons/hicolor/index.theme" ]; then
        gtk-update-icon-cache -q -t "$DATA/icons/hicolor" || true
    fi
}

case "${1:-}" in
install)
    EXE=${2:-$HERE/../rollout-planner}
    ICONS=${3:-$HERE/../_internal/resources/icons}
    [ -x "$EXE" ] || { echo "install-desktop: no executable at $EXE" >&2; exit 2; }
    [ -f "$ICONS/rollout-planner.svg" ] || { echo "install-desktop: no icons in $ICONS" >&2; exit 2; }
    EXE=$(cd "$(dirname "$EXE")" && pwd)/$(basename "$EXE")
    mkdir -p "$DATA/applications" "$DATA/mime/packages" "$DATA/icons/hicolor/scalable/apps"
    # Exec with the absolute path, quoted as the Desktop Entry spec wants.
    sed "s|^Exec=.*|Exec=\"$EXE\" %f|" "$HERE/rollout-planner.desktop" \
        > "$DATA/applications/rollout-planner.desktop"
    cp "$HERE/rollout-planner.xml" "$DATA/mime/packages/rollout-planner.xml"
    cp "$ICONS/rollout-planner.svg" "$DATA/icons/hicolor/scalable/apps/rollout-planner.svg"
    for size in $SIZES; do
        mkdir -p "$DATA/icons/hicolor/${size}x${size}/apps"
        cp "$ICONS/rollout-planner-$size.png" "$DATA/icons/hicolor/${size}x${size}/apps/rollout-planner.png"
    done
    refresh
    echo "Installed the Rollout Planner menu entry and the *.rollout file type under $DATA"
    ;;
uninstall)
    rm -f "$DATA/applications/rollout-planner.desktop" "$DATA/mime/packages/rollout-planner.xml" \
        "$DATA/icons/hicolor/scalable/apps/rollout-planner.svg"
    for size in $SIZES; do
        rm -f "$DATA/icons/hicolor/${size}x${size}/apps/rollout-planner.png"
    done
    [ -d "$DATA/mime" ] && [ -d "$DATA/applications" ] && refresh
    echo "Removed the Rollout Planner menu entry and the *.rollout file type from $DATA"
    ;;
*)
    echo "usage: $0 install [EXECUTABLE [ICON_FOLDER]] | uninstall" >&2
    exit 2
    ;;
esac
