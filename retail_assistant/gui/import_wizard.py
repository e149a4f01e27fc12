"""The import wizard: choose a file, check how it was read, import it, undo it.

Page 1 takes the file, what it contains (products or sales lines), its layout and what
to do with rows that match existing data. Page 2 shows the preview, which is a dry
run of the import. It lists the detected layout, encoding and separator, and each
column with the field it fills, what was detected in it and sample cells as read. It
also lists every rejected or flagged row with its reason. For a generic file or a sales export the field and
the decimal mark or date order of each column can be corrected there and the file
read again. Page 3 imports it and offers to undo it.

The preview, the import and the undo run on worker threads (inventory_jobs.py), each
with its own connection, so the window stays responsive with a million lines. The
reasons come from the importer in English and are shown under translated headings.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from retail_assistant.adapters.importing import (
    AUTO,
    KINDS,
    POLICIES,
    SUPPORTED_FORMATS,
    FieldSpec,
    ImportReport,
    UndoReport,
    fields_for,
    import_file,
    undo_last_import,
)
from retail_assistant.adapters.store import open_database
from retail_assistant.gui.inventory_jobs import BackgroundJob

__all__ = ["ImportWizard"]

log = logging.getLogger(__name__)

_NUMERIC_OPTIONS = ("comma", "point")
_DATE_OPTIONS = ("day-first", "month-first")


class _Page(QWizardPage):
    """A wizard page whose completeness is decided by the wizard."""

    def __init__(self, complete: Callable[[], bool], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._complete = complete

    def isComplete(self) -> bool:
        return self._complete()


class _PreviewPage(_Page):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard.preview_is_ready, wizard)
        self._wizard = wizard

    def initializePage(self) -> None:
        self._wizard.preview()


class _ResultPage(_Page):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard.import_is_done, wizard)
        self._wizard = wizard

    def initializePage(self) -> None:
        self._wizard.apply()


class ImportWizard(QWizard):
    """Imports one products or sales file into the shop database at `db_path`, with a preview first."""

    preview_finished = Signal(object)
    """The preview's ImportReport, or the exception that stopped it."""

    imported = Signal(object)
    """The ImportReport of an applied import, or the exception that stopped it."""

    undone = Signal(object)
    """The UndoReport of an undo, or the exception that stopped it."""

    def __init__(self, db_path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db_path = db_path
        self._preview: ImportReport | None = None
        self._result: ImportReport | None = None
        self._mapping: list[str] | None = None
        self._active = 0
        """The number of jobs started whose result has not arrived yet."""
        self._preview_number = 0
        """Counts previews, so a slow older preview that finishes late is ignored."""

        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setMinimumSize(900, 600)
        self.file_page = _Page(self._file_is_chosen, self)
        self.preview_page = _PreviewPage(self)
        self.preview_page.setCommitPage(True)
        self.result_page = _ResultPage(self)
        self._build_file_page()
        self._build_preview_page()
        self._build_result_page()
        for page in (self.file_page, self.preview_page, self.result_page):
            self.addPage(page)
        self.retranslate()

    # -- pages ------------------------------------------------------------------------------

    def _build_file_page(self) -> None:
        self.path_edit = QLineEdit(self.file_page)
        self.browse_button = QPushButton(self.file_page)
        self.kind_box = QComboBox(self.file_page)
        self.format_box = QComboBox(self.file_page)
        self.policy_box = QComboBox(self.file_page)
        for kind in KINDS:
            self.kind_box.addItem("", kind)
        for name in (AUTO, *SUPPORTED_FORMATS):
            self.format_box.addItem("", name)
        for policy in POLICIES:
            self.policy_box.addItem("", policy)
        self.undo_last_button = QPushButton(self.file_page)
        self.file_status = QLabel(self.file_page)
        self.file_status.setWordWrap(True)

        path_row = QHBoxLayout()
        path_row.addWidget(self.path_edit, stretch=1)
        path_row.addWidget(self.browse_button)
        self._file_form = QFormLayout()
        self._file_form.addRow("", path_row)
        self._file_form.addRow("", self.kind_box)
        self._file_form.addRow("", self.format_box)
        self._file_form.addRow("", self.policy_box)
        layout = QVBoxLayout(self.file_page)
        layout.addLayout(self._file_form)
        layout.addStretch(1)
        layout.addWidget(self.undo_last_button, alignment=Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.file_status)

        self.path_edit.textChanged.connect(self.file_page.completeChanged)
        # A mapping names the columns of one file read one way; another choice starts afresh.
        self.path_edit.textChanged.connect(self._forget_mapping)
        self.kind_box.currentIndexChanged.connect(self._forget_mapping)
        self.format_box.currentIndexChanged.connect(self._forget_mapping)
        self.browse_button.clicked.connect(self._browse)
        self.undo_last_button.clicked.connect(self.undo_last)

    def _build_preview_page(self) -> None:
        page = self.preview_page
        self.summary_label = QLabel(page)
        self.summary_label.setWordWrap(True)
        self.summary_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.columns_label = QLabel(page)
        self.columns_table = QTableWidget(0, 6, page)
        self.reread_button = QPushButton(page)
        self.reread_button.setEnabled(False)
        self.rejected_label = QLabel(page)
        self.rejected_table = QTableWidget(0, 2, page)
        self.flagged_label = QLabel(page)
        self.flagged_table = QTableWidget(0, 2, page)
        for table in (self.columns_table, self.rejected_table, self.flagged_table):
            table.verticalHeader().setVisible(False)
            table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
            table.setWordWrap(False)
            table.horizontalHeader().setStretchLastSection(True)
        for table in (self.rejected_table, self.flagged_table):
            table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)

        columns_row = QHBoxLayout()
        columns_row.addWidget(self.columns_label, stretch=1)
        columns_row.addWidget(self.reread_button)
        layout = QVBoxLayout(page)
        layout.addWidget(self.summary_label)
        layout.addLayout(columns_row)
        layout.addWidget(self.columns_table, stretch=3)
        layout.addWidget(self.rejected_label)
        layout.addWidget(self.rejected_table, stretch=2)
        layout.addWidget(self.flagged_label)
        layout.addWidget(self.flagged_table, stretch=1)
        self.reread_button.clicked.connect(self._read_again)

    def _build_result_page(self) -> None:
        self.result_label = QLabel(self.result_page)
        self.result_label.setWordWrap(True)
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.undo_button = QPushButton(self.result_page)
        self.undo_button.setEnabled(False)
        layout = QVBoxLayout(self.result_page)
        layout.addWidget(self.result_label)
        layout.addWidget(self.undo_button, alignment=Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)
        self.undo_button.clicked.connect(self.undo_last)

    def retranslate(self) -> None:
        """Set every text of the wizard in the current language."""
        self.setWindowTitle(self.tr("Import products or sales"))
        self.file_page.setTitle(self.tr("Choose a file"))
        self.file_page.setSubTitle(self.tr("A CSV or Excel (.xlsx) file from your point of sale or your own spreadsheet."))
        self.preview_page.setTitle(self.tr("Check how the file was read"))
        self.preview_page.setSubTitle(self.tr("Nothing has been written yet. Import writes everything below in one step."))
        self.preview_page.setButtonText(QWizard.WizardButton.CommitButton, self.tr("Import"))
        self.result_page.setTitle(self.tr("Import"))

        self.browse_button.setText(self.tr("Choose…"))
        self.path_edit.setPlaceholderText(self.tr("Path of the CSV or XLSX file"))
        labels = (self.tr("File"), self.tr("Contents"), self.tr("Layout"), self.tr("Rows already in the shop"))
        for row, label in enumerate(labels):
            item = self._file_form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            if item is not None and isinstance(item.widget(), QLabel):
                item.widget().setText(label)

        kinds = {"products": self.tr("Products"), "sales": self.tr("Sales lines")}
        formats = {
            AUTO: self.tr("Detect from the header"),
            "shopify": self.tr("Shopify export"),
            "square": self.tr("Square export"),
            "generic": self.tr("Other (map the columns)"),
        }
        policies = {
            "update": self.tr("Update them with the file's values"),
            "skip": self.tr("Leave them as they are"),
            "stop": self.tr("Import nothing if there are any"),
        }
        for box, texts in ((self.kind_box, kinds), (self.format_box, formats), (self.policy_box, policies)):
            for index in range(box.count()):
                box.setItemText(index, texts[box.itemData(index)])

        self.undo_last_button.setText(self.tr("Undo the last import"))
        self.undo_button.setText(self.tr("Undo this import"))
        self.reread_button.setText(self.tr("Read again with these columns"))
        self.columns_label.setText(self.tr("Columns"))
        self.columns_table.setHorizontalHeaderLabels(
            [self.tr("Column"), self.tr("Field"), self.tr("Decimal mark or date order"), self.tr("Detected"),
             self.tr("Sample cells → values read"), self.tr("Problem")]
        )
        for table in (self.rejected_table, self.flagged_table):
            table.setHorizontalHeaderLabels([self.tr("Row"), self.tr("Reason")])
        if self._preview is not None:
            self._show_preview(self._preview)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- state ------------------------------------------------------------------------------

    def preview_is_ready(self) -> bool:
        """Return whether a preview without errors is shown and nothing is running."""
        return self._preview is not None and not self._active

    def import_is_done(self) -> bool:
        """Return whether the import has finished (applied or failed)."""
        return not self._active

    def chosen_path(self) -> Path:
        """Return the file chosen on the first page."""
        return Path(self.path_edit.text().strip()).expanduser()

    def _file_is_chosen(self) -> bool:
        text = self.path_edit.text().strip()
        return bool(text) and self.chosen_path().is_file()

    # -- work -------------------------------------------------------------------------------

    def preview(self) -> None:
        """Read the chosen file as a dry run on a worker thread and show what the import would do."""
        self._preview = None
        self._clear_preview()
        self._preview_number += 1
        number = self._preview_number
        self.summary_label.setText(self.tr("Reading {path}…").format(path=self.chosen_path()))
        self._start(
            self._import_work(dry_run=True),
            lambda report: self._preview_done(number, report),
            lambda error: self._preview_failed(number, error),
            "import-preview",
        )

    def apply(self) -> None:
        """Import the chosen file with the shown mapping on a worker thread."""
        self._result = None
        self.undo_button.setEnabled(False)
        self.result_label.setText(self.tr("Importing {path}…").format(path=self.chosen_path()))
        self._start(self._import_work(dry_run=False), self._import_done, self._import_failed, "import-apply")

    @Slot()
    def undo_last(self) -> None:
        """Undo the most recent import on a worker thread."""
        db_path = self._db_path

        def work() -> UndoReport:
            db = open_database(db_path)
            try:
                return undo_last_import(db)
            finally:
                db.conn.close()

        self.undo_button.setEnabled(False)
        self.undo_last_button.setEnabled(False)
        self._start(work, self._undo_done, self._undo_failed, "import-undo")

    def _import_work(self, *, dry_run: bool) -> Callable[[], ImportReport]:
        db_path, path = self._db_path, self.chosen_path()
        kind, format_name, policy = self.kind_box.currentData(), self.format_box.currentData(), self.policy_box.currentData()
        mapping = list(self._mapping) if self._mapping else None

        def work() -> ImportReport:
            db = open_database(db_path)
            try:
                return import_file(db, path, kind=kind, format=format_name, dry_run=dry_run, policy=policy, mapping=mapping)
            finally:
                db.conn.close()

        return work

    def _start(self, work: Callable[[], object], done: Callable[[object], None],
               failed: Callable[[object], None], name: str) -> None:
        job = BackgroundJob(work, name=name)
        job.finished.connect(done)
        job.failed.connect(failed)
        self._active += 1
        self._refresh_buttons()
        job.start()

    def _finished(self) -> None:
        # Called once by every job's result handler, on the GUI thread.
        self._active -= 1
        self._refresh_buttons()

    def _refresh_buttons(self) -> None:
        self.preview_page.completeChanged.emit()
        self.result_page.completeChanged.emit()

    # -- results ----------------------------------------------------------------------------

    def _preview_done(self, number: int, report: ImportReport) -> None:
        if number != self._preview_number:
            self._finished()
            return
        self._preview = report
        self._show_preview(report)
        self._finished()
        self.preview_finished.emit(report)

    def _preview_failed(self, number: int, error: object) -> None:
        if number != self._preview_number:
            self._finished()
            return
        self._preview = None
        self.summary_label.setText(self.tr("The file cannot be imported:\n{error}").format(error=error))
        self._finished()
        self.preview_finished.emit(error)

    def _import_done(self, report: ImportReport) -> None:
        self._result = report
        self.result_label.setText(
            self.tr("Imported as import number {number}.\n{counts}").format(
                number=report.import_id, counts=self._counts(report)
            )
        )
        self.undo_button.setEnabled(True)
        self._finished()
        self.imported.emit(report)

    def _import_failed(self, error: object) -> None:
        self.result_label.setText(self.tr("Nothing was imported:\n{error}").format(error=error))
        self._finished()
        self.imported.emit(error)

    def _undo_done(self, report: UndoReport) -> None:
        text = self.tr("Undid import number {number}: {restored} products restored, {deleted} rows deleted.").format(
            number=report.import_id, restored=report.restored, deleted=report.deleted
        )
        if report.kept:
            text += "\n" + self.tr("Kept because they changed after the import:") + "\n" + "\n".join(report.kept)
        self.result_label.setText(text)
        self.file_status.setText(text)
        self.undo_last_button.setEnabled(True)
        self._finished()
        self.undone.emit(report)

    def _undo_failed(self, error: object) -> None:
        text = self.tr("Nothing was undone:\n{error}").format(error=error)
        self.result_label.setText(text)
        self.file_status.setText(text)
        self.undo_last_button.setEnabled(True)
        self.undo_button.setEnabled(self._result is not None)
        self._finished()
        self.undone.emit(error)

    # -- preview widgets --------------------------------------------------------------------

    def _clear_preview(self) -> None:
        for table in (self.columns_table, self.rejected_table, self.flagged_table):
            table.setRowCount(0)
        self.reread_button.setEnabled(False)

    def _show_preview(self, report: ImportReport) -> None:
        separators = {",": self.tr("comma"), ";": self.tr("semicolon"), "\t": self.tr("tab"), "|": self.tr("vertical bar")}
        self.summary_label.setText(
            self.tr("Layout: {format}. Encoding: {encoding}. Separator: {separator}.\n{counts}").format(
                format=report.format,
                encoding=report.encoding,
                separator=separators.get(report.delimiter, self.tr("none (workbook)")),
                counts=self._counts(report),
            )
        )
        self._fill_columns(report)
        self.rejected_label.setText(self.tr("Rejected rows: {count}").format(count=len(report.rejected)))
        self.flagged_label.setText(self.tr("Rows imported with a warning: {count}").format(count=len(report.flagged)))
        for table, rows in ((self.rejected_table, report.rejected), (self.flagged_table, report.flagged)):
            table.setRowCount(len(rows))
            for number, (row_number, reason) in enumerate(rows):
                table.setItem(number, 0, QTableWidgetItem(str(row_number)))
                table.setItem(number, 1, QTableWidgetItem(reason))
                table.item(number, 1).setToolTip(reason)

    def _counts(self, report: ImportReport) -> str:
        if report.kind == "sales":
            return self.tr(
                "{new} sales lines to add, {replaced} stored lines replaced, {skipped} skipped, "
                "{rejected} rejected, {flagged} with a warning."
            ).format(new=report.new, replaced=report.replaced, skipped=report.skipped,
                     rejected=len(report.rejected), flagged=len(report.flagged))
        return self.tr(
            "{new} new, {updated} updated, {unchanged} unchanged, {skipped} skipped, "
            "{rejected} rejected, {flagged} with a warning."
        ).format(new=report.new, updated=report.updated, unchanged=report.unchanged, skipped=report.skipped,
                 rejected=len(report.rejected), flagged=len(report.flagged))

    def _fill_columns(self, report: ImportReport) -> None:
        # A Shopify or Square product export has fixed columns; other files can be remapped.
        mappable = report.kind == "sales" or report.format == "generic"
        fields = fields_for(report.kind)
        table = self.columns_table
        table.setRowCount(len(report.columns))
        for row, column in enumerate(report.columns):
            table.setItem(row, 0, QTableWidgetItem(column.label))
            field_box = QComboBox(table)
            field_box.addItem(self.tr("(not used)"), None)
            for name, spec in fields.items():
                field_box.addItem(f"{name}: {spec.description}", name)
            if column.field is not None and field_box.findData(column.field) < 0:
                field_box.addItem(column.field, column.field)
            field_box.setCurrentIndex(max(field_box.findData(column.field), 0))
            field_box.setEnabled(mappable)
            option_box = QComboBox(table)
            option_box.addItem(self.tr("detected"), None)
            option_box.addItem(self.tr("decimal comma"), "comma")
            option_box.addItem(self.tr("decimal point"), "point")
            option_box.addItem(self.tr("day first"), "day-first")
            option_box.addItem(self.tr("month first"), "month-first")
            option_box.setEnabled(mappable)
            field_box.currentIndexChanged.connect(self._mapping_changed)
            option_box.currentIndexChanged.connect(self._mapping_changed)
            table.setCellWidget(row, 1, field_box)
            table.setCellWidget(row, 2, option_box)
            table.setItem(row, 3, QTableWidgetItem(column.detected))
            samples = "; ".join(f"{cell!r} → {value}" for cell, value in column.samples)
            table.setItem(row, 4, QTableWidgetItem(samples))
            table.item(row, 4).setToolTip(samples)
            table.setItem(row, 5, QTableWidgetItem(column.problem))
            table.item(row, 5).setToolTip(column.problem)
        table.resizeColumnsToContents()

    @Slot()
    def _mapping_changed(self) -> None:
        self.reread_button.setEnabled(True)

    def mapping_entries(self) -> list[str]:
        """Return the mapping the column table shows, as "COLUMN=FIELD[:OPTION]" entries."""
        entries: list[str] = []
        table = self.columns_table
        for row in range(table.rowCount()):
            label = table.item(row, 0).text()
            field_box, option_box = table.cellWidget(row, 1), table.cellWidget(row, 2)
            if not isinstance(field_box, QComboBox) or not isinstance(option_box, QComboBox):
                continue
            field = field_box.currentData()
            option = option_box.currentData()
            target = field or "ignore"
            if field is not None and option is not None and _option_fits(fields_for(self.kind_box.currentData()), field, option):
                target += f":{option}"
            entries.append(f"{label}={target}")
        return entries

    @Slot()
    def _read_again(self) -> None:
        self._mapping = self.mapping_entries()
        self.preview()

    @Slot()
    def _browse(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("Choose the file to import"), str(Path.home()),
            self.tr("CSV and Excel files (*.csv *.txt *.tsv *.xlsx);;All files (*)"),
        )
        if name:
            self.path_edit.setText(name)

    @Slot()
    def _forget_mapping(self) -> None:
        self._mapping = None


def _option_fits(fields: dict[str, FieldSpec], field: str, option: str) -> bool:
    kind = fields[field].kind if field in fields else ""
    if option in _NUMERIC_OPTIONS:
        return kind in ("amount", "quantity", "percent")
    if option in _DATE_OPTIONS:
        return kind == "date"
    return False
