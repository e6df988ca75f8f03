#!/usr/bin/env bash
# Smoke-test a PyInstaller build of Spacebank (made by `pyinstaller build.spec`; this
# script never builds). Runs the bundled `spacebank` with a private HOME and XDG folders
# and a throwaway database, prints each check, and exits non-zero if any fails.
#
# Usage: tools/smoke_bundle.sh [DIST]
#   DIST: the app folder (holding the `spacebank` executable) or the dist folder above it;
#         default: dist/spacebank in the repository.
# Environment: SMOKE_GUI_SECONDS (default 15) - how long the window must stay up.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DIST="${1:-$ROOT/dist/spacebank}"
[[ -f "$DIST/spacebank" ]] || DIST="$DIST/spacebank"
APP="$DIST/spacebank"
INTERNAL="$DIST/_internal"
GUI_SECONDS="${SMOKE_GUI_SECONDS:-15}"

if [[ ! -f "$APP" || ! -x "$APP" ]]; then
    echo "smoke: no spacebank executable in ${1:-$ROOT/dist/spacebank}" >&2
    exit 2
fi

WORK="$(mktemp -d "${TMPDIR:-/tmp}/spacebank-smoke.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
# Nothing touches the real home: user data, config, cache and logs all go under $WORK.
export HOME="$WORK/home" XDG_DATA_HOME="$WORK/home/data" XDG_CONFIG_HOME="$WORK/home/config"
export XDG_CACHE_HOME="$WORK/home/cache" XDG_STATE_HOME="$WORK/home/state"
export XDG_RUNTIME_DIR="$WORK/home/runtime"
mkdir -p "$HOME" "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
unset SPACEBANK_DB DISPLAY WAYLAND_DISPLAY QT_QPA_PLATFORM
# No system zoneinfo: Europe/London must come from the bundled tzdata package.
export PYTHONTZPATH=""
DB="$WORK/smoke.sqlite"
LOG_FILE="$XDG_DATA_HOME/Spacebank/logs/spacebank.log"

failures=0
pass() { printf 'PASS  %s\n' "$1"; }
fail() { printf 'FAIL  %s\n' "$1"; [[ -n "${2:-}" ]] && sed 's/^/      | /' "$2" | tail -20; failures=$((failures + 1)); }
skip() { printf 'SKIP  %s\n' "$1"; }

echo "Smoke-testing $DIST ($(du -sh "$DIST" | cut -f1))"

# 1. The executable starts and knows its version.
if "$APP" --version >"$WORK/out" 2>&1 && grep -Eq '^spacebank [0-9]' "$WORK/out"; then
    pass "--version: $(cat "$WORK/out")"
else
    fail "--version" "$WORK/out"
fi

# 2. Files loaded from disk at run time are in the bundle.
need_file() {  # label, path under _internal (glob allowed)
    local matches=("$INTERNAL"/$2)
    if [[ -e "${matches[0]}" ]]; then pass "bundled: $1"; else fail "bundled: $1 ($2 missing)"; fi
}
need_file "Alembic env.py" "spacebank/storage/migrations/env.py"
need_file "Alembic script.py.mako" "spacebank/storage/migrations/script.py.mako"
need_file "Alembic revisions" "spacebank/storage/migrations/versions/*.py"
need_file "tzdata Europe/London" "tzdata/zoneinfo/Europe/London"
need_file "holidays package" "holidays/*"
need_file "ReportLab fonts" "reportlab/fonts/Vera.ttf"
need_file "Qt xcb platform plugin" "PySide6/Qt/plugins/platforms/libqxcb.so"
need_file "Qt offscreen platform plugin" "PySide6/Qt/plugins/platforms/libqoffscreen.so"
for module in QtWidgets QtPdf QtPdfWidgets QtPrintSupport QtCharts; do
    need_file "PySide6.$module" "PySide6/$module.*"
done
if [[ -d "$ROOT/resources" ]]; then
    need_file "resources/ (for ui.resources.resource_path)" "resources"
else
    skip "resources/: the source tree has none yet"
fi

# 3. A fresh database gets the schema (migrations found) and demo data (bank holidays,
#    time zones); `info` reads it back.
if "$APP" demo --db "$DB" --years 1 --scale 0.05 >"$WORK/out" 2>&1; then
    pass "demo on a fresh database: $(grep -m1 'rows written' "$WORK/out" || echo done)"
else
    fail "demo --db $DB --years 1 --scale 0.05" "$WORK/out"
fi
if "$APP" info --db "$DB" >"$WORK/out" 2>&1 \
    && grep -Eq '^Schema: +[0-9a-z_]+ \(up to date\)' "$WORK/out" \
    && grep -Eq '^Venues: +[1-9]' "$WORK/out" && grep -Eq '^Bookings: +[1-9]' "$WORK/out"; then
    pass "info: $(grep -E '^(Schema|Bookings):' "$WORK/out" | tr -s ' ' | paste -sd ';' -)"
else
    fail "info --db $DB (schema up to date, venues and bookings present)" "$WORK/out"
fi

# 4. The PostgreSQL driver (psycopg with its bundled libpq) loads: a server that is not
#    there gives a clean connection error, not a missing module.
"$APP" info --db "postgresql://smoke@127.0.0.1:1/smoke" >"$WORK/out" 2>&1 || true
if grep -q '^spacebank: .*connect' "$WORK/out" && ! grep -Eq 'Traceback|No module' "$WORK/out"; then
    pass "PostgreSQL driver loads: $(head -c 90 "$WORK/out")"
else
    fail "PostgreSQL driver (info --db postgresql://…@127.0.0.1:1)" "$WORK/out"
fi

# 5. The window starts and keeps running (timeout's 124) without errors in the log.
gui_start() {  # label, command...
    local label="$1"; shift
    local status=0
    rm -f "$LOG_FILE"
    "$@" >"$WORK/gui.out" 2>&1 || status=$?
    [[ -f "$LOG_FILE" ]] && cat "$LOG_FILE" >>"$WORK/gui.out"
    if [[ $status -ne 124 ]]; then
        fail "$label: exited with $status within ${GUI_SECONDS}s (expected to keep running)" \
            "$WORK/gui.out"
    elif grep -Eq 'Traceback|Unhandled error| ERROR |Fatal|Aborted|Could not (load|find) the Qt' \
        "$WORK/gui.out"; then
        fail "$label: kept running but reported errors" "$WORK/gui.out"
    elif [[ ! -f "$LOG_FILE" ]]; then
        fail "$label: no log written (did it reach the main window?)" "$WORK/gui.out"
    else
        pass "$label: ran ${GUI_SECONDS}s, no errors"
    fi
}
gui_start "window, offscreen" \
    env QT_QPA_PLATFORM=offscreen timeout -k 5 "$GUI_SECONDS" "$APP" --db "$DB"
if command -v xvfb-run >/dev/null; then
    # timeout inside xvfb-run, so its 124 is what xvfb-run returns.
    gui_start "window, xcb under Xvfb" \
        env QT_QPA_PLATFORM=xcb xvfb-run -a -s "-screen 0 1280x1024x24" \
        timeout -k 5 "$GUI_SECONDS" "$APP" --db "$DB"
else
    skip "window, xcb under Xvfb (xvfb-run is not installed)"
fi

# 6. Running left the bundle alone (user data lives in the user-data folder).
if find "$DIST" \( -name '*.sqlite*' -o -name '*.log' -o -name __pycache__ \) \
    -print | grep -q .; then
    fail "bundle untouched: files were written inside $DIST"
else
    pass "bundle untouched: no database, log or bytecode written inside it"
fi

if [[ $failures -gt 0 ]]; then
    echo "$failures check(s) failed."
    exit 1
fi
echo "All checks passed."
