"""The first-run screen: the window's language, the shop's products, optional cloud settings.

It is shown once, before the main window, when the data folder has no settings file
yet. Every part can be skipped. Start imports the chosen file (if any) and saves the
choices; Skip, or closing the screen, keeps the chosen language, starts with the demo
shop and leaves the cloud unset. Both write the settings file, so the screen does not
come back. When the folder already has a shop database, the products part is hidden:
there is nothing to choose.

The import runs on the GUI thread, behind a wait cursor, because nothing else is open
yet and a small shop's product export takes well under a second to read.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QEvent, Qt, Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from retail_assistant.core.errors import InputError, RetailAssistantError
from retail_assistant.gui.i18n import Translations
from retail_assistant.settings import SETTINGS_FILE, Settings, save_settings

__all__ = ["FirstRunDialog", "import_shop_file", "needs_first_run", "run_first_run"]

log = logging.getLogger(__name__)

# The language box's items, in order. Language names are written in their own language.
_LANGUAGE_CHOICES = ("auto", "en", "es")
_LANGUAGE_NAMES = {"en": "English", "es": "Español"}

# SQLite's companions of a database file, removed with it after a failed first import.
_DATABASE_COMPANIONS = ("-wal", "-shm", "-journal")


def needs_first_run(settings: Settings) -> bool:
    """Return whether the data folder of `settings` has no settings file yet."""
    return not (settings.home / SETTINGS_FILE).exists()


def import_shop_file(database_path: Path, source: Path) -> str:
    """Import the products of `source` into the shop database at `database_path`; return the report's summary.

    A database that this call creates is removed again when the import fails or
    imports no product, so the demo shop can still be created in its place. Raises
    InputError when `source` is missing or nothing in it could be imported, and the
    importer's own RetailAssistantError (or OSError) when reading or writing fails.
    """
    from retail_assistant.adapters.importing import import_products
    from retail_assistant.adapters.store import open_database

    if not source.is_file():
        raise InputError(f"the file {source} does not exist; choose the products file again")

    created = not database_path.exists()
    db = open_database(database_path)
    try:
        report = import_products(db, source)
    except BaseException:
        db.conn.close()
        if created:
            _remove_database(database_path)
        raise
    db.conn.close()

    summary = report.summary() if callable(getattr(report, "summary", None)) else str(report)
    imported = getattr(report, "new", 0) + getattr(report, "updated", 0)
    if imported == 0:
        if created:
            _remove_database(database_path)
        raise InputError(f"no product could be imported from {source}: {summary}")
    log.info("first run: imported %d products from %s", imported, source)
    return summary


def _remove_database(path: Path) -> None:
    for candidate in (path, *(path.with_name(path.name + suffix) for suffix in _DATABASE_COMPANIONS)):
        try:
            candidate.unlink(missing_ok=True)
        except OSError as error:
            log.error("cannot remove %s after a failed import: %s", candidate, error)


@dataclass(frozen=True)
class _CloudChoice:
    url: str | None
    model: str | None


class FirstRunDialog(QDialog):
    """The first-run screen over the settings of one data folder."""

    def __init__(
        self, settings: Settings, translations: Translations, *, has_shop: bool, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.settings = settings
        """The settings as saved when the screen closes; the ones passed in until then."""
        self.import_summary: str | None = None
        """The import report's summary when Start imported a file."""
        self._translations = translations
        self._has_shop = has_shop

        self._intro = QLabel(self)
        self._intro.setWordWrap(True)

        self._language_group = QGroupBox(self)
        self.language_box = QComboBox(self._language_group)
        for setting in _LANGUAGE_CHOICES:
            self.language_box.addItem(_LANGUAGE_NAMES.get(setting, ""), setting)
        self.language_box.setCurrentIndex(max(0, self.language_box.findData(settings.language)))
        self.language_box.currentIndexChanged.connect(self._on_language_changed)
        QVBoxLayout(self._language_group).addWidget(self.language_box)

        self._products_group = QGroupBox(self)
        self.demo_choice = QRadioButton(self._products_group)
        self.import_choice = QRadioButton(self._products_group)
        self.demo_choice.setChecked(True)
        self.file_edit = QLineEdit(self._products_group)
        self._browse_button = QPushButton(self._products_group)
        self._browse_button.clicked.connect(self._on_browse)
        self.import_choice.toggled.connect(self._update_file_row)
        file_row = QHBoxLayout()
        file_row.addWidget(self.file_edit, stretch=1)
        file_row.addWidget(self._browse_button)
        products_layout = QVBoxLayout(self._products_group)
        products_layout.addWidget(self.demo_choice)
        products_layout.addWidget(self.import_choice)
        products_layout.addLayout(file_row)
        self._products_group.setVisible(not has_shop)

        self._cloud_group = QGroupBox(self)
        self.cloud_url_edit = QLineEdit(settings.cloud_url or "", self._cloud_group)
        self.cloud_url_edit.setPlaceholderText("https://api.openai.com/v1")
        self.cloud_model_edit = QLineEdit(settings.cloud_model or "", self._cloud_group)
        self.cloud_model_edit.setPlaceholderText("gpt-4o-mini")
        self._cloud_note = QLabel(self._cloud_group)
        self._cloud_note.setWordWrap(True)
        self._cloud_url_label = QLabel(self._cloud_group)
        self._cloud_model_label = QLabel(self._cloud_group)
        cloud_form = QFormLayout(self._cloud_group)
        cloud_form.addRow(self._cloud_url_label, self.cloud_url_edit)
        cloud_form.addRow(self._cloud_model_label, self.cloud_model_edit)
        cloud_form.addRow(self._cloud_note)

        self.error_label = QLabel(self)
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #b00020;")
        self.error_label.hide()

        self._buttons = QDialogButtonBox(self)
        self.start_button = self._buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.skip_button = self._buttons.addButton("", QDialogButtonBox.ButtonRole.RejectRole)
        self.start_button.setDefault(True)
        self.start_button.clicked.connect(self._on_start)
        self.skip_button.clicked.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self._intro)
        layout.addWidget(self._language_group)
        layout.addWidget(self._products_group)
        layout.addWidget(self._cloud_group)
        layout.addWidget(self.error_label)
        layout.addWidget(self._buttons)

        self._update_file_row()
        self.retranslate()

    def retranslate(self) -> None:
        """Set every text of the screen in the current language."""
        self.setWindowTitle(self.tr("Welcome to Retail Assistant"))
        if self._has_shop:
            self._intro.setText(self.tr(
                "Two choices before you start. Each one can be changed later, "
                "and Skip keeps the defaults: your shop as it is, and no cloud."
            ))
        else:
            self._intro.setText(self.tr(
                "Three choices before you start. Each one can be changed later, "
                "and Skip keeps the defaults: the demo shop, and no cloud."
            ))
        self._language_group.setTitle(self.tr("Language"))
        self.language_box.setItemText(0, self.tr("System language"))

        self._products_group.setTitle(self.tr("Products"))
        self.demo_choice.setText(self.tr("Start with the demo shop, a Spanish delicatessen with a year of sales"))
        self.import_choice.setText(self.tr("Import my products from a file exported by Shopify or Square"))
        self.file_edit.setPlaceholderText(self.tr("The products file"))
        self._browse_button.setText(self.tr("Choose file…"))

        self._cloud_group.setTitle(self.tr("Cloud model (optional)"))
        self._cloud_url_label.setText(self.tr("Base URL"))
        self._cloud_model_label.setText(self.tr("Model"))
        self._cloud_note.setText(self.tr(
            "Leave these empty to answer everything on this computer. The API key is not asked here: "
            "enter it later in Settings → Cloud…, which keeps it in the system keyring, "
            "or set RETAIL_ASSISTANT_CLOUD_API_KEY."
        ))

        self.start_button.setText(self.tr("Start"))
        self.skip_button.setText(self.tr("Skip"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def language_setting(self) -> str:
        """Return the chosen language setting: "auto", "en" or "es"."""
        return str(self.language_box.currentData())

    def reject(self) -> None:
        """Skip: keep the chosen language, the demo shop and no cloud, and write the settings file."""
        try:
            self.settings = save_settings(self.settings, language=self.language_setting())
        except (OSError, RetailAssistantError) as error:
            # The app still starts; the screen comes back next time.
            log.error("cannot save the first-run settings: %s", error)
        super().reject()

    @Slot()
    def _on_start(self) -> None:
        self.error_label.hide()
        try:
            cloud = self._cloud_choice()
        except InputError as error:
            self._show_error(self.tr("The cloud settings are not valid: {error}").format(error=error))
            return

        if self.import_choice.isChecked() and not self._has_shop:
            if not self._import_file():
                return

        changes: dict[str, str] = {"language": self.language_setting()}
        if cloud.url and cloud.model:
            changes.update(cloud_url=cloud.url, cloud_model=cloud.model)
        try:
            self.settings = save_settings(self.settings, **changes)
        except (OSError, RetailAssistantError) as error:
            log.error("cannot save the first-run settings: %s", error)
            self._show_error(self.tr("The settings cannot be saved: {error}").format(error=error))
            return
        self.accept()

    def _cloud_choice(self) -> _CloudChoice:
        from retail_assistant.adapters.cloud.settings import CloudSettings

        url = self.cloud_url_edit.text().strip()
        model = self.cloud_model_edit.text().strip()
        if not url and not model:
            return _CloudChoice(None, None)
        if not url:
            raise InputError("a model is set but the base URL is empty; enter the base URL ending in /v1")
        if not model:
            raise InputError("the base URL is set but the model is empty; enter the model name")
        # The cloud client's own settings check the URL, so the saved value is one it accepts.
        checked = CloudSettings(base_url=url, model=model)
        return _CloudChoice(checked.base_url, checked.model)

    def _import_file(self) -> bool:
        text = self.file_edit.text().strip()
        if not text:
            self._show_error(self.tr("Choose the products file, or start with the demo shop."))
            return False

        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self.import_summary = import_shop_file(self.settings.database_path, Path(text).expanduser())
        except (OSError, RetailAssistantError) as error:
            log.error("first run: importing %s failed: %s", text, error)
            self._show_error(self.tr("The file was not imported: {error}").format(error=error))
            return False
        finally:
            QGuiApplication.restoreOverrideCursor()
        return True

    def _show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.show()

    @Slot()
    def _on_browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Choose the products file"), str(Path.home()),
            self.tr("Product exports (*.csv *.xlsx);;All files (*)"),
        )
        if path:
            self.file_edit.setText(path)
            self.import_choice.setChecked(True)

    @Slot()
    def _update_file_row(self) -> None:
        enabled = self.import_choice.isChecked()
        self.file_edit.setEnabled(enabled)
        self._browse_button.setEnabled(enabled)

    @Slot(int)
    def _on_language_changed(self, index: int) -> None:
        self._translations.apply(str(self.language_box.itemData(index)))


def run_first_run(settings: Settings, translations: Translations, *, has_shop: bool) -> Settings:
    """Show the first-run screen until it closes and return the settings it saved."""
    dialog = FirstRunDialog(settings, translations, has_shop=has_shop)
    dialog.exec()
    chosen = dialog.settings
    dialog.deleteLater()
    return chosen
