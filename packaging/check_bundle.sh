#!/usr/bin/env bash
# Build the Linux bundle and check it as a receptionist would use it, offscreen:
# version, self-test (or init + print a form + check the PDF's font), the login window, then
# size and start-up time against a bare PySide6 window frozen the same way.
#   bash packaging/check_bundle.sh [--no-build] [--runs N]
set -euo pipefail
cd "$(dirname "$0")/.."
PY="${PYTHON:-python3}"
BUILD=1
RUNS=9
while [ $# -gt 0 ]; do
    case "$1" in
        --no-build) BUILD=0 ;;
        --runs) RUNS="$2"; shift ;;
        *) echo "unknown option $1" >&2; exit 2 ;;
    esac
    shift
done
export QT_QPA_PLATFORM=offscreen
unset FRONTDESK_HOME FRONTDESK_DB_URL PYTHONPATH

if [ "$BUILD" = 1 ]; then
    bash packaging/build_bundle.sh
    "$PY" -m PyInstaller packaging/bare_window.spec --noconfirm --distpath dist \
        --workpath build/pyinstaller --log-level WARN
fi
APP="$PWD/dist/FrontDesk/frontdesk"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
cd "$WORK"  # not the checkout: the bundle must find everything in itself

echo "== version"
"$APP" --version

if "$APP" --help | grep -q "self-test"; then
    echo "== self-test"
    "$APP" --home "$WORK/home" self-test
else
    echo "== init, print KF-01, check"
    echo "secret-123" | "$APP" --home "$WORK/home" init --site-code SG01 --site-name 阳光花园服务中心 \
        --company 阳光物业 --admin admin --password-stdin
    "$APP" --home "$WORK/home" print contact-log --date 2026-11-20 --out "$WORK/kf01.pdf"
    "$APP" --home "$WORK/home" check
    "$PY" - "$WORK/kf01.pdf" <<'PYEOF'
import sys
from pypdf import PdfReader
reader = PdfReader(sys.argv[1])
text = "".join(p.extract_text() for p in reader.pages).replace(" ", "")
assert "业主来访来电接洽投诉记录表" in text and "本期无记录" in text, text[:200]
fonts = [str(f.get_object()["/BaseFont"]) for p in reader.pages for f in p["/Resources"]["/Font"].values()
         if "/FontDescriptor" in f.get_object() and "/FontFile2" in f.get_object()["/FontDescriptor"].get_object()]
assert fonts and all(f.endswith("+NotoSansSC-Regular") for f in fonts), fonts
print("PDF: text found, bundled font embedded as", ", ".join(sorted(set(fonts))))
PYEOF
fi

echo "== login window"
FRONTDESK_STARTUP_PROBE=1 FRONTDESK_HOME="$WORK/home" "$APP" | grep -q "^login-shown " && echo "login window shown"

cd - >/dev/null
echo "== size"
echo "dist/FrontDesk: $(du -sm dist/FrontDesk | cut -f1) MB, $(find dist/FrontDesk -type f | wc -l) files;" \
     "as tar.gz: $(tar -C dist -czf - FrontDesk | wc -c | awk '{printf "%.0f", $1/1048576}') MB"
echo "dist/BareWindow: $(du -sm dist/BareWindow | cut -f1) MB"

echo "== start-up time"
"$PY" packaging/time_startup.py --runs "$RUNS"
