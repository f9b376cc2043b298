; FrontDesk 物业客服前台: the Windows installer (NSIS 3, Modern UI 2, Simplified Chinese).
;
;   makensis -DAPP_VERSION=0.1.0 packaging\installer.nsi
;     -DSOURCE_DIR=...   the one-folder build (default dist\FrontDesk, from packaging\frontdesk.spec)
;     -DOUT_FILE=...     the installer (default dist\FrontDesk-Setup-<version>.exe)
;     -DTARGET=...       x86-unicode (default) or amd64-unicode
;
; Per user, no administrator rights: installs into %LOCALAPPDATA%\Programs\FrontDesk, with a
; Start-menu and a desktop shortcut, and registers an uninstaller under HKCU. The data folder
; (%LOCALAPPDATA%\FrontDesk: database, backups, archive, logs) is never written or removed here:
; installing a newer version over an older one replaces the program files only, and the program
; upgrades its database itself at the next start, after copying it into backups\. The uninstaller
; removes only the files it installed, so even a data folder chosen as install folder survives.
; Silent: FrontDesk-Setup.exe /S [/D=folder] and uninstall.exe /S.

; A 32-bit installer by default (the stubs every NSIS build has; it installs the 64-bit program all
; the same: per-user folders and HKCU are not redirected). -DTARGET=amd64-unicode where the NSIS build
; has 64-bit stubs (Debian's does), e.g. to test under a 64-bit-only Wine.
!ifndef TARGET
  !define TARGET "x86-unicode"
!endif
Unicode true
Target ${TARGET}
RequestExecutionLevel user
SetCompressor /SOLID lzma
ManifestDPIAware true

!ifndef APP_VERSION
  !define APP_VERSION "0.1.0"
!endif
!ifndef SOURCE_DIR
  !define SOURCE_DIR "..\dist\FrontDesk"
!endif
!ifndef OUT_FILE
  !define OUT_FILE "..\dist\FrontDesk-Setup-${APP_VERSION}.exe"
!endif
!define APP_NAME "FrontDesk 物业客服前台"
!define APP_EXE "FrontDesk.exe"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\FrontDesk"
!define SETTINGS_KEY "Software\FrontDesk"
!define DATA_DIR "$LOCALAPPDATA\FrontDesk"
!define SHORTCUT "FrontDesk 物业客服前台.lnk"

Name "${APP_NAME}"
OutFile "${OUT_FILE}"
InstallDir "$LOCALAPPDATA\Programs\FrontDesk"
InstallDirRegKey HKCU "${SETTINGS_KEY}" "InstallDir"
BrandingText "${APP_NAME} ${APP_VERSION}"
VIProductVersion "${APP_VERSION}.0"
VIAddVersionKey /LANG=2052 "ProductName" "${APP_NAME}"
VIAddVersionKey /LANG=2052 "FileDescription" "${APP_NAME} 安装程序"
VIAddVersionKey /LANG=2052 "FileVersion" "${APP_VERSION}"
VIAddVersionKey /LANG=2052 "ProductVersion" "${APP_VERSION}"
VIAddVersionKey /LANG=2052 "LegalCopyright" "FrontDesk"

!include "MUI2.nsh"
!include "FileFunc.nsh"

!define MUI_ABORTWARNING
!define MUI_ICON "..\resources\icons\frontdesk.ico"
!define MUI_UNICON "..\resources\icons\frontdesk.ico"
!define MUI_WELCOMEPAGE_TEXT "将在本机安装 ${APP_NAME} ${APP_VERSION}。$\r$\n$\r$\n只为当前用户安装，不需要管理员权限。如已安装旧版本，将直接升级；数据文件夹（${DATA_DIR}）中的数据库、备份和归档不会改动，程序下次启动时会先备份数据库再自动升级。$\r$\n$\r$\n请先关闭正在运行的 FrontDesk。"
!define MUI_FINISHPAGE_RUN "$INSTDIR\${APP_EXE}"
!define MUI_FINISHPAGE_RUN_TEXT "启动 ${APP_NAME}"

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "SimpChinese"

; The program folder must not be the data folder (nor hold it): an upgrade replaces the program files.
Function .onVerifyInstDir
  StrCmp "$INSTDIR" "${DATA_DIR}" bad
  StrCmp "$INSTDIR" "$LOCALAPPDATA" bad
  Return
  bad:
    Abort
FunctionEnd

; Files of the program, removed before an upgrade and by the uninstaller. Never anything else.
!macro RemoveProgramFiles
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\${APP_EXE}"
  Delete "$INSTDIR\frontdesk-cli.exe"
  Delete "$INSTDIR\VERSION"
!macroend

Section "FrontDesk" SecMain
  SectionIn RO
  SetShellVarContext current
  SetOutPath "$INSTDIR"
  ; An older version: its program files go (a newer version may have dropped some); the data stay.
  IfFileExists "$INSTDIR\${APP_EXE}" 0 +3
    DetailPrint "升级已安装的版本，数据文件夹不变：${DATA_DIR}"
    !insertmacro RemoveProgramFiles
  File /r "${SOURCE_DIR}\*.*"
  FileOpen $0 "$INSTDIR\VERSION" w
  FileWrite $0 "${APP_VERSION}"
  FileClose $0

  WriteUninstaller "$INSTDIR\uninstall.exe"
  CreateShortCut "$SMPROGRAMS\${SHORTCUT}" "$INSTDIR\${APP_EXE}" "" "$INSTDIR\${APP_EXE}" 0
  CreateShortCut "$DESKTOP\${SHORTCUT}" "$INSTDIR\${APP_EXE}" "" "$INSTDIR\${APP_EXE}" 0

  WriteRegStr HKCU "${SETTINGS_KEY}" "InstallDir" "$INSTDIR"
  WriteRegStr HKCU "${SETTINGS_KEY}" "Version" "${APP_VERSION}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayName" "${APP_NAME}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayVersion" "${APP_VERSION}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "Publisher" "FrontDesk"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\${APP_EXE}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  IntFmt $0 "0x%08X" $0
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "EstimatedSize" "$0"
SectionEnd

Section "Uninstall"
  SetShellVarContext current
  Delete "$SMPROGRAMS\${SHORTCUT}"
  Delete "$DESKTOP\${SHORTCUT}"
  !insertmacro RemoveProgramFiles
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"  ; only if empty: anything else in it stays
  DeleteRegKey HKCU "${UNINSTALL_KEY}"
  DeleteRegKey HKCU "${SETTINGS_KEY}"
  DetailPrint "数据文件夹已保留：${DATA_DIR}"
  IfSilent +2
    MessageBox MB_OK|MB_ICONINFORMATION "${APP_NAME} 已卸载。$\r$\n$\r$\n数据文件夹已保留（数据库、备份、归档）：$\r$\n${DATA_DIR}$\r$\n重新安装后可继续使用；不再需要时可手动删除。"
SectionEnd
