# Build the Windows bundle and the installer, then prove both work (run on Windows 10/11, 64-bit).
#   powershell -ExecutionPolicy Bypass -File build_scripts\build_windows.ps1 [-Python py] [-SkipInstallTest]
# Needs: Python 3.11 (64-bit), NSIS 3 (makensis on PATH or in Program Files).
# Output: dist\nianbaocheck\ (bundle), dist\NianbaoCheck-<version>-setup.exe (installer).
param([string]$Python = "python", [switch]$SkipInstallTest)
$ErrorActionPreference = "Stop"
Set-Location (Split-Path -Parent $PSScriptRoot)

function Invoke-Gui([string]$Exe, [string[]]$Arguments) {
  # a windowed exe returns at once from the console: wait for it and take its exit code
  $p = Start-Process -FilePath $Exe -ArgumentList $Arguments -Wait -PassThru -NoNewWindow
  return $p.ExitCode
}

if (-not (Test-Path .venv\Scripts\python.exe)) { & $Python -m venv .venv }
.venv\Scripts\python.exe -m pip install -q --upgrade pip
.venv\Scripts\python.exe -m pip install -q -e ".[gui,build]"
if ($LASTEXITCODE) { throw "pip install failed" }

Remove-Item -Recurse -Force dist\nianbaocheck, build\pyinstaller -ErrorAction SilentlyContinue
.venv\Scripts\python.exe -m PyInstaller --noconfirm --log-level WARN --distpath dist --workpath build\pyinstaller build_scripts\nianbaocheck.spec
if ($LASTEXITCODE) { throw "PyInstaller failed" }

$report = "build\selftest-bundle.txt"
$rc = Invoke-Gui "dist\nianbaocheck\nianbaocheck.exe" @("--self-test", "--out", $report, "--expect-resources", "resources")
Get-Content -Encoding UTF8 $report
if ($rc -ne 0) { throw "bundle self-test failed ($rc)" }

$version = (.venv\Scripts\python.exe -c "import sys; sys.path.insert(0, 'build_scripts'); from version_info import project_version; print(project_version())").Trim()
$makensis = (Get-Command makensis -ErrorAction SilentlyContinue).Source
if (-not $makensis) { $makensis = "${env:ProgramFiles(x86)}\NSIS\makensis.exe" }
$setup = (Resolve-Path dist).Path + "\NianbaoCheck-$version-setup.exe"
& $makensis /V2 /WX "/DVERSION=$version" "/DBUNDLE=$((Resolve-Path dist\nianbaocheck).Path)" "/DOUTFILE=$setup" build_scripts\nianbaocheck.nsi
if ($LASTEXITCODE) { throw "makensis failed" }
"bundle: {0:N1} MB, installer: {1:N1} MB" -f ((Get-ChildItem -Recurse dist\nianbaocheck | Measure-Object Length -Sum).Sum / 1MB), ((Get-Item $setup).Length / 1MB)

if (-not $SkipInstallTest) {
  # install for the current user (no administrator), self-test the installed copy, uninstall
  $target = "$env:TEMP\NianbaoCheck-install-test"
  $rc = Invoke-Gui $setup @("/S", "/CurrentUser", "/D=$target")
  if ($rc -ne 0 -or -not (Test-Path "$target\nianbaocheck.exe")) { throw "silent install failed ($rc)" }
  $rc = Invoke-Gui "$target\nianbaocheck.exe" @("--self-test", "--out", "$env:TEMP\selftest-installed.txt")
  Get-Content -Encoding UTF8 "$env:TEMP\selftest-installed.txt"
  if ($rc -ne 0) { throw "installed self-test failed ($rc)" }
  $appname = -join [char[]](0x5E74, 0x62A5, 0x6821, 0x5BF9)  # the app name; the script stays ASCII for any code page
  $lnk = [Environment]::GetFolderPath("Desktop") + "\$appname.lnk"
  if (-not (Test-Path $lnk)) { throw "no desktop shortcut" }
  $rc = Invoke-Gui "$target\uninstall.exe" @("/S", "/CurrentUser", "_?=$target")
  if ($rc -ne 0 -or (Test-Path "$target\nianbaocheck.exe") -or (Test-Path $lnk)) { throw "uninstall left files ($rc)" }
  "install / self-test / uninstall: OK"
}
