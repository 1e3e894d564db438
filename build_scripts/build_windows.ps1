# Build the Windows bundle and the installer, then prove both work (run on Windows 10/11, 64-bit).
#   powershell -ExecutionPolicy Bypass -File build_scripts\build_windows.ps1 [-Python py] [-SkipInstallTest]
# Needs: Python 3.11 (64-bit), NSIS 3 (makensis on PATH or in Program Files).
# Output: dist\nianbaocheck\ (bundle), dist\NianbaoCheck-<version>-setup.exe (installer).
# The script stays ASCII (Chinese text is built from code points) so it runs under any code page.
param([string]$Python = "python", [switch]$SkipInstallTest)
$ErrorActionPreference = "Stop"
Set-Location (Split-Path -Parent $PSScriptRoot)

function Check([string]$What) {
  # native commands do not stop the script on failure: look at their exit code
  if ($LASTEXITCODE) { throw "$What failed (exit code $LASTEXITCODE)" }
}

function Join-Arguments([string[]]$Arguments) {
  # Start-Process joins its arguments with spaces: quote the ones holding spaces. NSIS's /D= and _?=
  # must stay unquoted (they take the rest of the command line as the folder).
  ($Arguments | ForEach-Object {
    if ($_ -match '\s' -and $_ -notmatch '^(/D=|_\?=)') { '"' + $_ + '"' } else { $_ }
  }) -join ' '
}

function Invoke-Gui([string]$Exe, [string[]]$Arguments) {
  # a windowed exe returns at once from the console: wait for it and take its exit code
  $p = Start-Process -FilePath $Exe -ArgumentList (Join-Arguments $Arguments) -Wait -PassThru -NoNewWindow
  return $p.ExitCode
}

if (-not (Test-Path .venv\Scripts\python.exe)) { & $Python -m venv .venv; Check "python -m venv" }
.venv\Scripts\python.exe -m pip install -q --upgrade pip; Check "pip upgrade"
.venv\Scripts\python.exe -m pip install -q -e ".[gui,build]"; Check "pip install"

Remove-Item -Recurse -Force dist\nianbaocheck, build\pyinstaller -ErrorAction SilentlyContinue
.venv\Scripts\python.exe -m PyInstaller --noconfirm --log-level WARN --distpath dist --workpath build\pyinstaller build_scripts\nianbaocheck.spec
Check "PyInstaller"

$report = "build\selftest-bundle.txt"
$rc = Invoke-Gui "dist\nianbaocheck\nianbaocheck.exe" @("--self-test", "--out", $report, "--expect-resources", "resources")
Get-Content -Encoding UTF8 $report
if ($rc -ne 0) { throw "bundle self-test failed ($rc)" }

$version = (.venv\Scripts\python.exe build_scripts\version_info.py).Trim(); Check "version_info"
$versionNum = (.venv\Scripts\python.exe build_scripts\version_info.py --numeric).Trim(); Check "version_info"
$makensis = (Get-Command makensis -ErrorAction SilentlyContinue).Source
if (-not $makensis) { $makensis = "${env:ProgramFiles(x86)}\NSIS\makensis.exe" }
$setup = (Resolve-Path dist).Path + "\NianbaoCheck-$version-setup.exe"
& $makensis /V2 /WX /INPUTCHARSET UTF8 "/DVERSION=$version" "/DVERSION_NUM=$versionNum" `
  "/DBUNDLE=$((Resolve-Path dist\nianbaocheck).Path)" "/DOUTFILE=$setup" build_scripts\nianbaocheck.nsi
Check "makensis"
"bundle: {0:N1} MB, installer: {1:N1} MB" -f ((Get-ChildItem -Recurse dist\nianbaocheck | Measure-Object Length -Sum).Sum / 1MB), ((Get-Item $setup).Length / 1MB)

if (-not $SkipInstallTest) {
  # install for the current user (no administrator) into a folder whose path has a space and Chinese
  # characters, self-test the installed copy, check a sample from its command line, uninstall
  $appname = -join [char[]](0x5E74, 0x62A5, 0x6821, 0x5BF9)  # the app name
  $target = "$env:TEMP\NianbaoCheck $appname test"
  $rc = Invoke-Gui $setup @("/S", "/CurrentUser", "/D=$target")
  if ($rc -ne 0 -or -not (Test-Path -LiteralPath "$target\nianbaocheck.exe")) { throw "silent install failed ($rc)" }
  $rc = Invoke-Gui "$target\nianbaocheck.exe" @("--self-test", "--out", "$env:TEMP\selftest-installed.txt")
  Get-Content -Encoding UTF8 "$env:TEMP\selftest-installed.txt"
  if ($rc -ne 0) { throw "installed self-test failed ($rc)" }
  $sample = (Get-ChildItem resources\samples\*.txt | Select-Object -First 1).FullName
  & "$target\nianbaocheck-cli.exe" check --json $sample | Out-Null
  if ($LASTEXITCODE -gt 1) { throw "installed command line failed ($LASTEXITCODE)" }
  $lnk = [Environment]::GetFolderPath("Desktop") + "\$appname.lnk"
  if (-not (Test-Path -LiteralPath $lnk)) { throw "no desktop shortcut" }
  $uninstKey = "HKCU:\Software\Microsoft\Windows\CurrentVersion\Uninstall\NianbaoCheck"
  if ((Get-ItemProperty $uninstKey).InstallLocation -ne $target) { throw "no uninstall entry for $target" }
  $rc = Invoke-Gui "$target\uninstall.exe" @("/S", "_?=$target")
  if ($rc -ne 0 -or (Test-Path -LiteralPath "$target\nianbaocheck.exe") -or (Test-Path -LiteralPath $lnk) -or (Test-Path $uninstKey)) {
    throw "uninstall left files or registry entries ($rc)"
  }
  Remove-Item -LiteralPath "$target\uninstall.exe" -ErrorAction SilentlyContinue  # _?= keeps the uninstaller
  Remove-Item -LiteralPath $target -ErrorAction SilentlyContinue
  "install / self-test / command line / uninstall: OK"
}
