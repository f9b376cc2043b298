#!/usr/bin/env bash
# Build the one-folder application with PyInstaller (Linux): dist/FrontDesk/frontdesk.
#   bash packaging/build_bundle.sh            # PYTHON=... to choose the interpreter
# The interpreter must have the project's dependencies (pip install -e ".[packaging]").
set -euo pipefail
cd "$(dirname "$0")/.."
PY="${PYTHON:-python3}"

"$PY" -c "import PyInstaller" 2>/dev/null || "$PY" -m pip install -q "pyinstaller>=6.6"
if "$PY" -m pip show -q pyside6 >/dev/null 2>&1; then
    echo "the 'pyside6' meta package is installed: it brings Qt WebEngine into the bundle." >&2
    echo "Use PySide6-Essentials, PySide6-Addons and PySide6-Pdf (pyproject.toml) only." >&2
    exit 1
fi
"$PY" -m PyInstaller packaging/frontdesk.spec --noconfirm --clean \
    --distpath dist --workpath build/pyinstaller --log-level WARN
echo "built dist/FrontDesk: $(du -sh dist/FrontDesk | cut -f1)"
