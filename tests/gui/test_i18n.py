"""The window's translations: choosing the language, compiling, and a complete Spanish file."""

from __future__ import annotations

import shutil
import subprocess
import xml.etree.ElementTree as ElementTree
from pathlib import Path

from PySide6.QtCore import QTranslator

from retail_assistant.gui.i18n import compile_translations, find_lrelease, resolve_language, translations_dir

GUI_SOURCES = Path(__file__).resolve().parents[2] / "retail_assistant" / "gui"


def test_forced_languages_win_over_system():
    assert resolve_language("en", "es_ES") == "en"
    assert resolve_language("es", "en_US") == "es"


def test_auto_follows_spanish_system():
    for locale in ("es_ES", "es_MX", "es_419", "ES"):
        assert resolve_language("auto", locale) == "es"


def test_auto_falls_back_to_english():
    for locale in ("en_GB", "fr_FR", "C", ""):
        assert resolve_language("auto", locale) == "en"


def test_lrelease_found_next_to_python():
    assert find_lrelease() is not None


def test_compiled_spanish_translates_window_strings(translations_folder):
    translator = QTranslator()

    assert translator.load(str(translations_folder / "retail_assistant_es.qm"))
    assert translator.translate("MainWindow", "Inventory") == "Inventario"
    assert translator.translate("ChatPanel", "Stop") == "Detener"
    assert translator.translate("ErrorDisplay", "Not answered") == "Sin respuesta"


def test_spanish_file_covers_every_string(tmp_path):
    # lupdate adds any tr() string of the sources that the file lacks, marked unfinished.
    updated = tmp_path / "retail_assistant_es.ts"
    shutil.copy(translations_dir() / "retail_assistant_es.ts", updated)
    lrelease = find_lrelease()
    assert lrelease is not None
    lupdate = lrelease.with_name(lrelease.name.replace("lrelease", "lupdate"))
    sources = sorted(str(path) for path in GUI_SOURCES.glob("*.py"))
    subprocess.run([str(lupdate), *sources, "-no-obsolete", "-locations", "none", "-ts", str(updated)],
                   check=True, capture_output=True)

    untranslated = []
    for message in ElementTree.parse(updated).getroot().iter("message"):
        translation = message.find("translation")
        if translation is None or translation.get("type") == "unfinished" or not (translation.text or "").strip():
            untranslated.append(message.findtext("source"))
    assert untranslated == []


def test_compile_writes_qm_files(tmp_path):
    compiled = compile_translations(output_dir=tmp_path)

    assert compiled == [tmp_path / "retail_assistant_es.qm"]
    assert compiled[0].stat().st_size > 0
