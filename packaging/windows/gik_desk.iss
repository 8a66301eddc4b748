; Inno Setup 6 script for GIK Desk (政府信息公开年报审核台).
; Built by packaging\windows\build.ps1 after PyInstaller has filled dist\gik_desk\.
; Per-user install by default (no admin rights on locked-down office PCs); admins may install for all.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppName "GIK Desk 政府信息公开年报审核台"
#define AppExe "gik_desk.exe"

[Setup]
AppId={{6B0F3C2E-9C1D-4C57-9E43-1A5D0C7B2F61}
AppName={#AppName}
AppVersion={#AppVersion}
AppPublisher=GIK Desk
DefaultDirName={autopf}\GIK Desk
DefaultGroupName=GIK Desk
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\..\dist\installer
OutputBaseFilename=GIK-Desk-{#AppVersion}-setup
SetupIconFile=..\..\resources\icons\gik_desk.ico
UninstallDisplayIcon={app}\{#AppExe}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
DisableProgramGroupPage=yes

[Languages]
; ChineseSimplified.isl ships with recent Inno Setup 6 releases; older ones lack it, so check
; (or drop the unofficial translation into the Languages folder).
#if FileExists(AddBackslash(CompilerPath) + "Languages\ChineseSimplified.isl")
Name: "chinesesimp"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
#else
  #pragma warning "ChineseSimplified.isl not found: the installer will speak English"
#endif
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[Files]
Source: "..\..\dist\gik_desk\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\GIK Desk 年报审核台"; Filename: "{app}\{#AppExe}"
Name: "{autodesktop}\GIK Desk 年报审核台"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,GIK Desk}"; Flags: nowait postinstall skipifsilent
