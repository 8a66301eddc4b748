# Build GIK Desk on Windows: venv -> PyInstaller one-folder app -> smoke run -> Inno Setup installer.
# Run from the repository root in PowerShell:  powershell -ExecutionPolicy Bypass -File packaging\windows\build.ps1
# Needs: Python 3.11+ (py launcher), and Inno Setup 6 (ISCC.exe) for the installer step.
param(
    [string]$Python = "py -3.11",
    [switch]$SkipInstaller
)
$ErrorActionPreference = "Stop"
$Root = Resolve-Path (Join-Path $PSScriptRoot "..\..")
Set-Location $Root

if (-not (Test-Path ".venv\Scripts\python.exe")) {
    Invoke-Expression "$Python -m venv .venv"
}
$Py = Join-Path $Root ".venv\Scripts\python.exe"
& $Py -m pip install -q --upgrade pip
& $Py -m pip install -q -e ".[package]"
if ($LASTEXITCODE -ne 0) { throw "pip install failed" }
# OCR (issue 29): without its declared opencv-python (a bundled Qt that clashes with PySide6);
# its real requirements, with opencv-python-headless, come from pyproject.toml above
& $Py -m pip install -q --no-deps "rapidocr-onnxruntime==1.4.4"
if ($LASTEXITCODE -ne 0) { throw "pip install rapidocr-onnxruntime failed" }

# PyInstaller + smoke runs (--version, --screenshot on a sample, offscreen Qt); prints size and timings.
& $Py packaging\build.py
if ($LASTEXITCODE -ne 0) { throw "packaging\build.py failed (see output above)" }

if ($SkipInstaller) { return }
$Iscc = @(
    "${env:ProgramFiles(x86)}\Inno Setup 6\ISCC.exe",
    "${env:ProgramFiles}\Inno Setup 6\ISCC.exe"
) | Where-Object { Test-Path $_ } | Select-Object -First 1
if (-not $Iscc) { throw "Inno Setup 6 (ISCC.exe) not found; install it or pass -SkipInstaller" }
$Version = & $Py -c "import importlib.metadata as m; print(m.version('gik-desk'))"
& $Iscc "/DAppVersion=$Version" "packaging\windows\gik_desk.iss"
if ($LASTEXITCODE -ne 0) { throw "ISCC failed" }
Get-ChildItem dist\installer\*.exe | ForEach-Object {
    "{0}  {1:N1} MB" -f $_.Name, ($_.Length / 1MB)
}
