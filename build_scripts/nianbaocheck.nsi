; 年报校对 NianbaoCheck — Windows 10/11 (64-bit) installer.
; Chinese UI; per-user install into %LOCALAPPDATA%\Programs without administrator rights (default),
; or for all users into Program Files when run by an administrator; desktop and start-menu shortcuts;
; "open with" for .docx/.xlsx/.txt/.pdf and .doc/.wps/.xls/.et/.odt/.ods; an uninstaller listed in Settings → Apps.
;
; makensis -DVERSION=0.1.0 -DVERSION_NUM=0.1.0.0 -DBUNDLE=<dist\nianbaocheck> [-DOUTFILE=<setup.exe>] build_scripts\nianbaocheck.nsi
; Silent: setup.exe /S [/CurrentUser | /AllUsers] [/D=C:\path]; uninstall: uninstall.exe /S
; Saved as UTF-8 with a BOM: makensis then reads it as UTF-8 under any code page (CP936, CP1252, LANG=C).

Unicode true
ManifestDPIAware true
!ifdef UNCOMPRESSED  ; tests read the strings in the installer
  SetCompress off
!else
  SetCompressor /SOLID lzma
!endif

!ifndef VERSION
  !error "pass -DVERSION=x.y.z"
!endif
!ifndef VERSION_NUM
  ; four numbers for the version resource: 0.1.0rc1 -> 0.1.0.0 (build_scripts/version_info.py --numeric)
  !error "pass -DVERSION_NUM=a.b.c.d"
!endif
!ifndef BUNDLE
  !error "pass -DBUNDLE=<folder of the PyInstaller build, holding nianbaocheck.exe>"
!endif
!ifndef OUTFILE
  !define OUTFILE "..\dist\NianbaoCheck-${VERSION}-setup.exe"
!endif

!define APPNAME "年报校对"
!define APPNAME_EN "NianbaoCheck"
!define EXE "nianbaocheck.exe"
!define EXE_CLI "nianbaocheck-cli.exe"
!define PUBLISHER "NianbaoCheck"
!define UNINST_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${APPNAME_EN}"
!define APP_KEY "Software\${APPNAME_EN}"
!define ICON "..\resources\app\nianbaocheck.ico"

Name "${APPNAME} ${VERSION}"
OutFile "${OUTFILE}"
BrandingText "${APPNAME} ${VERSION}"

; ---- per-user or all users ----
; The installer never asks for administrator rights: it installs for the current user into
; %LOCALAPPDATA%\Programs (no UAC prompt, and the app it starts is not elevated, so Explorer can drop
; files on it). An administrator who starts it elevated ("以管理员身份运行") may choose all users
; (Program Files), also with /AllUsers. /D=<folder> (last on the command line) is honoured.
RequestExecutionLevel user
!include MUI2.nsh
!include x64.nsh
!include FileFunc.nsh
!include LogicLib.nsh

Var AllUsers      ; 1: installed for all users (HKLM, Program Files, common shortcuts)
Var DirFromCmd    ; the folder given with /D=, if any

; ---- version information (Explorer → Properties → Details) ----
VIProductVersion "${VERSION_NUM}"
VIFileVersion "${VERSION_NUM}"
VIAddVersionKey /LANG=2052 "ProductName" "${APPNAME} ${APPNAME_EN}"
VIAddVersionKey /LANG=2052 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=2052 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=2052 "FileDescription" "${APPNAME} 安装程序"
VIAddVersionKey /LANG=2052 "CompanyName" "${PUBLISHER}"
VIAddVersionKey /LANG=2052 "LegalCopyright" "${PUBLISHER}"

; ---- pages ----
!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_ABORTWARNING
; started through Explorer: never elevated, even when the installer was
!define MUI_FINISHPAGE_RUN
!define MUI_FINISHPAGE_RUN_TEXT "现在运行${APPNAME}"
!define MUI_FINISHPAGE_RUN_FUNCTION RunAsUser
!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "SimpChinese"

Function RunAsUser
  Exec '"$WINDIR\explorer.exe" "$INSTDIR\${EXE}"'
FunctionEnd

; $0 <- 1 when this process runs elevated (IsUserAnAdmin is false for an administrator's filtered token)
!macro _Elevated
  System::Call 'shell32::IsUserAnAdmin() i .r0'
!macroend

!macro _UseMode
  ${If} $AllUsers == 1
    SetShellVarContext all
  ${Else}
    SetShellVarContext current
  ${EndIf}
!macroend

Function .onInit
  ${IfNot} ${RunningX64}
    MessageBox MB_ICONSTOP "${APPNAME}需要 64 位的 Windows 10 或 Windows 11。" /SD IDOK
    Abort
  ${EndIf}
  SetRegView 64
  StrCpy $DirFromCmd $INSTDIR  ; /D= is applied before .onInit
  StrCpy $AllUsers 0
  ${GetParameters} $1
  ClearErrors
  ${GetOptions} $1 "/AllUsers" $2
  ${IfNot} ${Errors}
    !insertmacro _Elevated
    ${If} $0 == 0
      MessageBox MB_ICONSTOP "为所有用户安装需要以管理员身份运行安装程序。" /SD IDOK
      SetErrorLevel 2
      Quit
    ${EndIf}
    StrCpy $AllUsers 1
  ${Else}
    ClearErrors
    ${GetOptions} $1 "/CurrentUser" $2
    ${If} ${Errors}
    ${AndIfNot} ${Silent}
      !insertmacro _Elevated
      ${If} $0 == 1
        MessageBox MB_YESNO|MB_ICONQUESTION "为这台电脑的所有用户安装${APPNAME}？$\n选择“否”只为当前用户安装。" IDNO +2
        StrCpy $AllUsers 1
      ${EndIf}
    ${EndIf}
  ${EndIf}
  !insertmacro _UseMode
  ${If} $DirFromCmd != ""
    StrCpy $INSTDIR $DirFromCmd
  ${Else}
    ; an upgrade goes where the last install went
    ReadRegStr $INSTDIR SHCTX "${APP_KEY}" "InstallDir"
    ${If} $INSTDIR == ""
      ${If} $AllUsers == 1
        StrCpy $INSTDIR "$PROGRAMFILES64\${APPNAME_EN}"
      ${Else}
        StrCpy $INSTDIR "$LOCALAPPDATA\Programs\${APPNAME_EN}"
      ${EndIf}
    ${EndIf}
  ${EndIf}
FunctionEnd

Function un.onInit
  SetRegView 64
  ; all users when this copy is the one HKLM records; that needs elevation, asked for only then
  StrCpy $AllUsers 0
  ReadRegStr $1 HKLM "${APP_KEY}" "InstallDir"
  ${If} $1 == $INSTDIR
    StrCpy $AllUsers 1
    !insertmacro _Elevated
    ${If} $0 == 0
      MessageBox MB_ICONSTOP "${APPNAME}是为所有用户安装的，卸载需要以管理员身份运行。" /SD IDOK
      SetErrorLevel 2
      Quit
    ${EndIf}
  ${EndIf}
  !insertmacro _UseMode
FunctionEnd

; A running copy holds its files open: close it before its files are replaced or removed.
; Running is detected by opening the program for writing, which Windows refuses while it runs (a rename
; would succeed). Interactive: ask first; silent: close it (taskkill asks the window to close, then
; forces). If it cannot be closed, stop without touching the installed files.
!macro _CloseRunning UN
Function ${UN}CloseRunning
  StrCpy $3 0
  retry:
  ${IfNot} ${FileExists} "$INSTDIR\${EXE}"
    Return
  ${EndIf}
  ClearErrors
  FileOpen $4 "$INSTDIR\${EXE}" a
  ${IfNot} ${Errors}
    FileClose $4
    nsExec::Exec '"$SYSDIR\taskkill.exe" /F /IM ${EXE_CLI}'
    Pop $0
    Return
  ${EndIf}
  ${If} $3 == 0
    MessageBox MB_OKCANCEL|MB_ICONEXCLAMATION "${APPNAME}正在运行，将关闭它后继续。" /SD IDOK IDOK +3
    SetErrorLevel 3
    Abort
  ${EndIf}
  IntOp $3 $3 + 1
  ${If} $3 < 6
    ${If} $3 > 2
      nsExec::Exec '"$SYSDIR\taskkill.exe" /F /IM ${EXE}'
    ${Else}
      nsExec::Exec '"$SYSDIR\taskkill.exe" /IM ${EXE}'
    ${EndIf}
    Pop $0
    Sleep 1500
    Goto retry
  ${EndIf}
  MessageBox MB_ICONSTOP "无法关闭正在运行的${APPNAME}，请关闭后重试。" /SD IDOK
  SetErrorLevel 3
  Abort
FunctionEnd
!macroend
!insertmacro _CloseRunning ""
!insertmacro _CloseRunning "un."

!macro _OpenWith EXT
  WriteRegStr SHCTX "Software\Classes\Applications\${EXE}\SupportedTypes" "${EXT}" ""
  WriteRegStr SHCTX "Software\Classes\${EXT}\OpenWithList\${EXE}" "" ""
!macroend

Section "${APPNAME}" SecMain
  SectionIn RO
  SetOutPath "$INSTDIR"
  Call CloseRunning
  ; an older version's libraries must not linger next to the new ones
  RMDir /r "$INSTDIR\_internal"
  File /r "${BUNDLE}\*.*"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  CreateShortcut "$DESKTOP\${APPNAME}.lnk" "$INSTDIR\${EXE}" "" "$INSTDIR\${EXE}" 0
  CreateDirectory "$SMPROGRAMS\${APPNAME}"
  CreateShortcut "$SMPROGRAMS\${APPNAME}\${APPNAME}.lnk" "$INSTDIR\${EXE}" "" "$INSTDIR\${EXE}" 0
  CreateShortcut "$SMPROGRAMS\${APPNAME}\卸载${APPNAME}.lnk" "$INSTDIR\uninstall.exe"

  ; "open with" for reports (SHCTX: HKCU for a per-user install, HKLM for all users)
  WriteRegStr SHCTX "Software\Classes\Applications\${EXE}" "FriendlyAppName" "${APPNAME}"
  WriteRegStr SHCTX "Software\Classes\Applications\${EXE}\DefaultIcon" "" "$INSTDIR\${EXE},0"
  WriteRegStr SHCTX "Software\Classes\Applications\${EXE}\shell\open\command" "" '"$INSTDIR\${EXE}" "%1"'
  !insertmacro _OpenWith ".docx"
  !insertmacro _OpenWith ".xlsx"
  !insertmacro _OpenWith ".txt"
  !insertmacro _OpenWith ".pdf"
  !insertmacro _OpenWith ".doc"
  !insertmacro _OpenWith ".wps"
  !insertmacro _OpenWith ".xls"
  !insertmacro _OpenWith ".et"
  !insertmacro _OpenWith ".odt"
  !insertmacro _OpenWith ".ods"

  WriteRegStr SHCTX "${APP_KEY}" "InstallDir" "$INSTDIR"
  WriteRegStr SHCTX "${UNINST_KEY}" "DisplayName" "${APPNAME} ${APPNAME_EN}"
  WriteRegStr SHCTX "${UNINST_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr SHCTX "${UNINST_KEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr SHCTX "${UNINST_KEY}" "DisplayIcon" "$INSTDIR\${EXE},0"
  WriteRegStr SHCTX "${UNINST_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr SHCTX "${UNINST_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr SHCTX "${UNINST_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD SHCTX "${UNINST_KEY}" "NoModify" 1
  WriteRegDWORD SHCTX "${UNINST_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  WriteRegDWORD SHCTX "${UNINST_KEY}" "EstimatedSize" $0
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'  ; SHCNE_ASSOCCHANGED
SectionEnd

Section "Uninstall"
  Call un.CloseRunning
  Delete "$DESKTOP\${APPNAME}.lnk"
  RMDir /r "$SMPROGRAMS\${APPNAME}"
  ; only what the installer put there: a folder the user chose may hold other files
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\nianbaocheck.exe"
  Delete "$INSTDIR\nianbaocheck-cli.exe"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  DeleteRegKey SHCTX "Software\Classes\Applications\${EXE}"
  DeleteRegKey SHCTX "Software\Classes\.docx\OpenWithList\${EXE}"
  DeleteRegKey SHCTX "Software\Classes\.xlsx\OpenWithList\${EXE}"
  DeleteRegKey SHCTX "Software\Classes\.txt\OpenWithList\${EXE}"
  DeleteRegKey SHCTX "Software\Classes\.pdf\OpenWithList\${EXE}"
  DeleteRegKey SHCTX "Software\Classes\.doc\OpenWithList\${EXE}"
  DeleteRegKey SHCTX "Software\Classes\.wps\OpenWithList\${EXE}"
  DeleteRegKey SHCTX "Software\Classes\.xls\OpenWithList\${EXE}"
  DeleteRegKey SHCTX "Software\Classes\.et\OpenWithList\${EXE}"
  DeleteRegKey SHCTX "Software\Classes\.odt\OpenWithList\${EXE}"
  DeleteRegKey SHCTX "Software\Classes\.ods\OpenWithList\${EXE}"
  DeleteRegKey SHCTX "${UNINST_KEY}"
  DeleteRegKey SHCTX "${APP_KEY}"
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'
SectionEnd
