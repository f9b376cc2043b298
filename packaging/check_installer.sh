#!/usr/bin/env bash
# Check the installer's logic under Wine, around a stand-in payload (not the real program: the
# Windows runner, .github/workflows/windows.yml, checks that one):
#   compile packaging/installer.nsi for version 1 and version 2 of a small dummy folder,
#   install 1 silently, upgrade to 2 over it, uninstall; after each step check the program
#   files, the shortcuts (.lnk), the uninstall registration, and that a file planted in the data
#   folder (%LOCALAPPDATA%\FrontDesk) survives the upgrade and the uninstall.
#   bash packaging/check_installer.sh          # needs: apt-get install nsis wine wine64
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
for tool in makensis wine wineserver winepath; do
    command -v "$tool" >/dev/null || { echo "missing $tool (apt-get install nsis wine wine64)" >&2; exit 2; }
done

WORK=$(mktemp -d)
cleanup() { WINEPREFIX="$WORK/prefix" wineserver -k 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT
export HOME="$WORK/home" WINEPREFIX="$WORK/prefix" WINEDEBUG=-all WINEARCH=win64
export WINEDLLOVERRIDES="mscoree,mshtml=" DISPLAY=""  # no Mono/Gecko prompts, no window
mkdir -p "$HOME"
fail() { echo "FAIL: $*" >&2; exit 1; }
step() { echo "== $*"; }

step "stand-in payloads and installers (version 1 and 2)"
for v in 1 2; do
    p="$WORK/payload$v"
    mkdir -p "$p/_internal/app"
    printf 'MZ stand-in for FrontDesk.exe, version %s\n' "$v" > "$p/FrontDesk.exe"
    printf 'MZ stand-in for frontdesk-cli.exe, version %s\n' "$v" > "$p/frontdesk-cli.exe"
    echo "$v.0.0" > "$p/_internal/app/version.txt"
done
echo "only in version 1" > "$WORK/payload1/_internal/dropped-in-v2.txt"
for v in 1 2; do
    # 64-bit stubs: Debian's Wine runs 64-bit programs without the i386 architecture (wine32)
    makensis -V2 -DTARGET=amd64-unicode -DAPP_VERSION="$v.0.0" -DSOURCE_DIR="$WORK/payload$v" -DOUT_FILE="$WORK/setup$v.exe" \
        "$HERE/installer.nsi" >/dev/null
done
ls -l "$WORK"/setup*.exe | awk '{print $5, $9}'

step "Wine prefix"
wineboot -i >/dev/null 2>&1 || true
wineserver -w
win_path() { winepath -u "$(wine cmd /c "echo $1" 2>/dev/null | tr -d '\r')" 2>/dev/null; }
LOCAL=$(win_path '%LOCALAPPDATA%')
ROAMING=$(win_path '%APPDATA%')
DESKTOP_DIR=$(win_path '%USERPROFILE%')/Desktop
[ -d "$LOCAL" ] || fail "no %LOCALAPPDATA% in the prefix"
INSTDIR="$LOCAL/Programs/FrontDesk"
DATA="$LOCAL/FrontDesk"
MENU_LNK="$ROAMING/Microsoft/Windows/Start Menu/Programs/FrontDesk 物业客服前台.lnk"
DESK_LNK="$DESKTOP_DIR/FrontDesk 物业客服前台.lnk"
KEY='HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\FrontDesk'

step "plant a database in the data folder"
mkdir -p "$DATA/backups"
echo "the site's records" > "$DATA/frontdesk.db"
echo "a backup" > "$DATA/backups/frontdesk-1.db"

check_installed() {
    local v=$1
    [ -f "$INSTDIR/FrontDesk.exe" ] || fail "FrontDesk.exe not installed"
    grep -q "version $v" "$INSTDIR/FrontDesk.exe" || fail "FrontDesk.exe is not version $v"
    [ "$(cat "$INSTDIR/VERSION")" = "$v.0.0" ] || fail "VERSION is not $v.0.0"
    [ -f "$INSTDIR/uninstall.exe" ] || fail "no uninstaller"
    [ -f "$MENU_LNK" ] || fail "no Start-menu shortcut"
    [ -f "$DESK_LNK" ] || fail "no desktop shortcut"
    wine reg query "$KEY" /v DisplayVersion 2>/dev/null | tr -d '\r' | grep -q "$v.0.0" \
        || fail "uninstall registration does not say $v.0.0"
    [ "$(cat "$DATA/frontdesk.db")" = "the site's records" ] || fail "the planted database changed"
    [ -f "$DATA/backups/frontdesk-1.db" ] || fail "the planted backup is gone"
}

step "install version 1 (silent, per user)"
wine "$WORK/setup1.exe" /S
wineserver -w
check_installed 1
[ -f "$INSTDIR/_internal/dropped-in-v2.txt" ] || fail "version 1 payload incomplete"

step "upgrade to version 2 over version 1"
wine "$WORK/setup2.exe" /S
wineserver -w
check_installed 2
[ ! -e "$INSTDIR/_internal/dropped-in-v2.txt" ] || fail "a file version 2 dropped is still there"

step "uninstall (silent)"
wine "$INSTDIR/uninstall.exe" /S
wineserver -w
for _ in $(seq 1 60); do [ -e "$INSTDIR/uninstall.exe" ] || break; sleep 1; done  # it runs from a copy
wineserver -w
[ ! -e "$INSTDIR" ] || fail "program folder left behind: $(ls -A "$INSTDIR")"
[ ! -e "$MENU_LNK" ] || fail "Start-menu shortcut left behind"
[ ! -e "$DESK_LNK" ] || fail "desktop shortcut left behind"
if wine reg query "$KEY" >/dev/null 2>&1; then fail "uninstall registration left behind"; fi
[ "$(cat "$DATA/frontdesk.db")" = "the site's records" ] || fail "the uninstaller touched the database"
[ -f "$DATA/backups/frontdesk-1.db" ] || fail "the uninstaller removed the backups"

echo "installer checks passed: install, upgrade 1 -> 2, uninstall; data folder kept"
