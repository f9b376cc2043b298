# Build the one-folder application with PyInstaller (Windows): dist\FrontDesk\FrontDesk.exe
# (windowed, for the shortcuts) and dist\FrontDesk\frontdesk-cli.exe (console: CLI, self-test).
#   powershell -ExecutionPolicy Bypass -File packaging\build_bundle.ps1      # -Python to choose the interpreter
# The interpreter must have the project's dependencies (pip install -e ".[packaging]").
param([string]$Python = "python")
$ErrorActionPreference = "Stop"
Set-Location (Join-Path $PSScriptRoot "..")

& $Python -c "import PyInstaller" 2>$null
if ($LASTEXITCODE -ne 0) { & $Python -m pip install -q "pyinstaller>=6.6"; if ($LASTEXITCODE -ne 0) { exit 1 } }
& $Python -m pip show -q pyside6 2>$null | Out-Null
if ($LASTEXITCODE -eq 0) {
    Write-Error "the 'pyside6' meta package is installed: it brings Qt WebEngine into the bundle. Use PySide6-Essentials, PySide6-Addons and PySide6-Pdf only."
    exit 1
}
& $Python -m PyInstaller packaging\frontdesk.spec --noconfirm --clean --distpath dist --workpath build\pyinstaller --log-level WARN
if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
$size = (Get-ChildItem dist\FrontDesk -Recurse -File | Measure-Object -Property Length -Sum).Sum / 1MB
Write-Host ("built dist\FrontDesk: {0:N0} MB" -f $size)
