"""The window's language: choosing it, installing its Qt translators, compiling them.

The GUI's strings are written in English in the code and translated through Qt's
own machinery (`tr()`, Qt Linguist .ts sources compiled to .qm by lrelease), so a
translator can work with the standard tools. English needs no translator at all;
Spanish installs ours and Qt's own `qtbase_es` for the standard dialogs and buttons.

Run `python -m retail_assistant.gui.i18n --compile` to build the .qm files next to
their .ts sources; `make` does this, because the .qm files are not committed.
"""

from __future__ import annotations

import argparse
import logging
import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from retail_assistant.paths import resource_path

__all__ = [
    "LANGUAGES",
    "Translations",
    "compile_translations",
    "find_lrelease",
    "resolve_language",
    "translations_dir",
]

log = logging.getLogger(__name__)

LANGUAGES = ("en", "es")
"""The languages the window is available in; English is the source language."""

_CATALOGUE = "retail_assistant"


def translations_dir() -> Path:
    """Return the folder of the .ts sources and compiled .qm files."""
    return resource_path("i18n")


def resolve_language(setting: str, system_locale: str) -> str:
    """Return "en" or "es" for the language setting ("auto", "en" or "es").

    "auto" follows the system locale name ("es_ES", "es_419", "en_GB"): Spanish for
    any Spanish locale, English otherwise.
    """
    if setting in LANGUAGES:
        return setting
    if system_locale.lower().startswith("es"):
        return "es"
    return "en"


class Translations:
    """The translators installed on the application for the window's current language."""

    def __init__(self, app: QCoreApplication, *, directory: Path | None = None) -> None:
        self._app = app
        self._directory = directory or translations_dir()
        self._installed: list[QTranslator] = []
        self.language = "en"

    def apply(self, setting: str) -> str:
        """Install the translators for `setting` and return the language now shown.

        Installing or removing a translator makes Qt send QEvent.LanguageChange to
        every widget, which retranslates itself. When the compiled Spanish file is
        missing, the window stays in English and a logged warning names the command
        that builds it.
        """
        wanted = resolve_language(setting, QLocale.system().name())
        self.remove()
        if wanted == "en":
            self.language = "en"
            return self.language

        catalogue = self._directory / f"{_CATALOGUE}_{wanted}.qm"
        ours = QTranslator(self._app)
        if not ours.load(str(catalogue)):
            log.warning("cannot load the translation %s; the window stays in English. "
                        "Build it with 'python -m retail_assistant.gui.i18n --compile'", catalogue)
            self.language = "en"
            return self.language
        self._install(ours)

        qt_own = QTranslator(self._app)
        qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        if qt_own.load(f"qtbase_{wanted}", qt_folder):
            self._install(qt_own)
        else:
            log.info("Qt's own translation qtbase_%s is not in %s; standard buttons stay in English",
                     wanted, qt_folder)

        self.language = wanted
        return self.language

    def remove(self) -> None:
        """Remove every translator this object installed."""
        for translator in self._installed:
            self._app.removeTranslator(translator)
        self._installed.clear()

    def _install(self, translator: QTranslator) -> None:
        self._app.installTranslator(translator)
        self._installed.append(translator)


def find_lrelease() -> Path | None:
    """Return the path of PySide6's lrelease: next to the running Python, else on PATH."""
    scripts = Path(sys.executable).parent
    for name in ("pyside6-lrelease", "pyside6-lrelease.exe"):
        candidate = scripts / name
        if candidate.is_file():
            return candidate

    found = shutil.which("pyside6-lrelease")
    return Path(found) if found else None


def compile_translations(
    *, source_dir: Path | None = None, output_dir: Path | None = None, lrelease: Path | None = None
) -> list[Path]:
    """Compile every .ts file in `source_dir` into a .qm file in `output_dir`; return the .qm paths.

    Raises FileNotFoundError when lrelease cannot be found, and RuntimeError with
    lrelease's output when it fails on a file.
    """
    source_dir = source_dir or translations_dir()
    output_dir = output_dir or source_dir
    tool = lrelease or find_lrelease()
    if tool is None:
        raise FileNotFoundError(
            "pyside6-lrelease not found next to the Python interpreter or on PATH; install PySide6-Essentials"
        )

    output_dir.mkdir(parents=True, exist_ok=True)
    compiled: list[Path] = []
    for source in sorted(source_dir.glob("*.ts")):
        target = output_dir / source.with_suffix(".qm").name
        result = subprocess.run(
            [str(tool), "-silent", str(source), "-qm", str(target)],
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode != 0:
            raise RuntimeError(f"lrelease failed on {source}: {(result.stderr or result.stdout).strip()}")
        compiled.append(target)
    return compiled


def main(argv: Sequence[str] | None = None) -> int:
    """Run the translation tool's command line and return its exit status."""
    parser = argparse.ArgumentParser(
        prog="python -m retail_assistant.gui.i18n",
        description="Build the window's translations (.ts sources to .qm files).",
    )
    parser.add_argument("--compile", action="store_true", help="compile every .ts file in resources/i18n")
    options = parser.parse_args(argv)
    if not options.compile:
        parser.print_help()
        return 2

    try:
        compiled = compile_translations()
    except (FileNotFoundError, RuntimeError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    for path in compiled:
        print(f"compiled {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
