; Inno Setup 6 script: a Windows installer built from the one-folder bundle.
;
; Build the bundle on Windows first (python installer\build.py --self-test), then compile
; this script from the repository root:
;   iscc installer\windows\retail-assistant.iss
; or with another version number:
;   iscc /DAppVersion=0.2.0 installer\windows\retail-assistant.iss
; The installer is written to dist\windows\.
;
; The installer copies the bundle only. The shop's data (settings, logs, the shop
; database) lives in %LOCALAPPDATA%\retail-assistant and is left in place by the
; uninstaller, so reinstalling or upgrading keeps the shop.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppName "Retail Assistant"
#define BundleDir "..\..\dist\retail-assistant"
; The windowed executable; retail-assistant.exe beside it is the console one for the command line.
#define AppExe "RetailAssistant.exe"

[Setup]
; AppId identifies the product to Windows across versions; never change it.
AppId={{992B229C-868D-41D6-B622-24D81AA0BFE4}
AppName={#AppName}
AppVersion={#AppVersion}
AppPublisher={#AppName}
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
; Installs for the current user without administrator rights unless the user picks all users.
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\..\dist\windows
OutputBaseFilename=retail-assistant-{#AppVersion}-setup
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
UninstallDisplayIcon={app}\{#AppExe}

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"
Name: "spanish"; MessagesFile: "compiler:Languages\Spanish.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
