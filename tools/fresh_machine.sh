#!/usr/bin/env bash
# Simulate `make run`'s preflight on a fresh Debian machine with only Python, without a
# container: in a private mount namespace an overlay hides (whiteouts) every file, in the
# system's library folder, of the packages Qt's xcb plugin and QtWidgets load that a minimal
# Debian (its required and important packages and python3.11, with their dependencies) lacks,
# and an empty folder hides the fonts. Then:
#   1. what Qt itself does there (the abort the issue describes),
#   2. what `python -m app.preflight --no-install` reports,
#   3. the preflight again with exactly the packages it named "installed" (they and their
#      dependencies un-hidden, as apt-get would bring them): it must pass, and that includes
#      really starting Qt on the display.
# Needs root, unshare, overlayfs, an X server in DISPLAY and a built .venv.
#   DISPLAY=:95 tools/fresh_machine.sh
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
LIB=/usr/lib/x86_64-linux-gnu
QT=$($PY -c 'import importlib.util as u; print(list(u.find_spec("PySide6").submodule_search_locations)[0])')
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

closure() {  # the installed packages named on stdin with all their dependencies
    xargs apt-cache depends --recurse --installed --no-recommends --no-suggests \
        --no-conflicts --no-breaks --no-replaces --no-enhances 2>/dev/null | grep -v '^ ' | sort -u
}
dpkg-query -W -f='${Package} ${Priority}\n' | awk '$2=="required"||$2=="important"{print $1}' |
    { cat; echo python3.11; } | closure > "$WORK/base"
ldd "$QT/Qt/plugins/platforms/libqxcb.so" "$QT"/QtWidgets*.so | awk '/=> \//{print $3}' |
    sort -u | while read -r lib; do
        { dpkg -S "$(readlink -f "$lib")" 2>/dev/null || true; } | cut -d: -f1
    done | sort -u | comm -23 - "$WORK/base" > "$WORK/absent"
echo "a fresh machine lacks: $(tr '\n' ' ' < "$WORK/absent")"

in_machine() {  # in_machine(packages absent, fonts yes|no, command...)
    local absent=$1 fonts=$2; shift 2
    rm -rf "$WORK/upper" "$WORK/work"; mkdir -p "$WORK/upper" "$WORK/work" "$WORK/empty"
    while read -r pkg; do dpkg -L "$pkg" | grep "^$LIB/[^/]*$" || true; done < "$absent" |
        while read -r f; do mknod "$WORK/upper/$(basename "$f")" c 0 0; done
    unshare -m bash -c '
        [ "$0" = yes ] || mount --bind "'"$WORK"'/empty" /usr/share/fonts
        mount -t overlay overlay -o "lowerdir='"$LIB"',upperdir='"$WORK"'/upper,workdir='"$WORK"'/work" '"$LIB"'
        exec "$@"' "$fonts" "$@"
}

echo "== 1. Qt on the fresh machine"
in_machine "$WORK/absent" no $PY -c 'from PySide6.QtWidgets import QApplication; QApplication([])' 2>&1 | tail -3 || true
echo "== 2. make run's preflight"
set +e
in_machine "$WORK/absent" no $PY -m app.preflight --no-install 2> "$WORK/report"
echo "exit $?"; cat "$WORK/report"
set -e
named=$(sed -n 's/.*apt-get install --no-install-recommends //p' "$WORK/report")
echo "== 3. after apt-get install $named"
tr ' ' '\n' <<< "$named" | grep -v '^fonts-' | closure > "$WORK/installed"
comm -23 "$WORK/absent" "$WORK/installed" > "$WORK/still-absent"
fonts=no; [[ " $named " == *" fonts-dejavu-core "* ]] && fonts=yes
set +e
in_machine "$WORK/still-absent" "$fonts" $PY -m app.preflight --no-install
echo "exit $? (0: Qt started on $DISPLAY)"
