"""Detecting how each used column writes its values, and reading its cells accordingly.

One pass over the rows gathers, per column, the evidence of its numbers (decimal
mark, currency) or dates (order of day and month) and a few sample cells. The
decisions are then fixed for the whole column, so every row is read the same way,
and the preview shows them with the samples as read.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from retail_assistant.adapters.importing.amounts import NumberEvidence, NumberFormat
from retail_assistant.adapters.importing.cells import NumberCells
from retail_assistant.adapters.importing.dates import DateEvidence, DateFormat, DateSyntaxError, read_date
from retail_assistant.adapters.importing.identifiers import check_barcode, check_identifier
from retail_assistant.adapters.importing.mapping import (
    AMOUNT,
    BARCODE,
    DATE,
    IDENTIFIER,
    PERCENT,
    QUANTITY,
    ColumnMapping,
)
from retail_assistant.adapters.importing.records import RowRejected
from retail_assistant.adapters.importing.table import Row, Table
from retail_assistant.adapters.importing.text_guard import guard_text
from retail_assistant.core.import_report import ColumnReport

__all__ = ["ColumnReaders", "ColumnUse", "uses_from_mapping"]

NUMERIC_KINDS = (AMOUNT, QUANTITY, PERCENT)
_SAMPLES = 3
# Evidence is counted once per distinct cell text; past this many distinct texts a
# column's cells are counted one by one, so memory stays bounded.
_MAX_DISTINCT = 50_000
_SAMPLE_CHARS = 60


@dataclass(frozen=True)
class ColumnUse:
    """One column a reader uses: its key, the field it fills, the kind of value and the user's option."""

    key: str
    field: str
    kind: str
    option: str | None = None


def uses_from_mapping(mapping: ColumnMapping, kinds: dict[str, str]) -> list[ColumnUse]:
    """Return the column uses of a mapping, given the kind of each field."""
    return [
        ColumnUse(key, name, kinds[name], mapping.options.get(key))
        for name, key in mapping.fields.items()
    ]


@dataclass
class _Gathered:
    numbers: dict[str, NumberEvidence] = field(default_factory=dict)
    dates: dict[str, DateEvidence] = field(default_factory=dict)
    distinct: dict[str, dict[str, int]] = field(default_factory=dict)
    samples: dict[str, list[tuple[str, bool]]] = field(default_factory=dict)
    """Column key -> the first cells, each with whether a workbook stored it as a number."""


class ColumnReaders:
    """The detected format of each used column, and the functions that read its cells."""

    def __init__(
        self,
        table: Table,
        uses: Sequence[ColumnUse],
        rows: Iterable[Row],
        *,
        prior: str | None = None,
        shop_currency: str | None = None,
    ) -> None:
        """Detect the format of each column in `uses` from `rows` (one pass).

        `prior` is the decimal mark the file's format always writes, if it has one.
        """
        self.table = table
        self.uses = {use.key: use for use in uses}
        gathered = _gather(self.uses, rows)
        self.samples = gathered.samples

        shown = {evidence.shown_mark for evidence in gathered.numbers.values() if evidence.shown_mark}
        file_mark = shown.pop() if len(shown) == 1 else None
        self.number_formats: dict[str, NumberFormat] = {}
        self._numbers: dict[str, NumberCells] = {}
        for key, evidence in gathered.numbers.items():
            option = self.uses[key].option if self.uses[key].option in (",", ".") else None
            number_format = evidence.decide(option=option, file_mark=file_mark, prior=prior)
            self.number_formats[key] = number_format
            self._numbers[key] = self._number_cells(key, number_format, shop_currency)

        self.date_formats: dict[str, DateFormat] = {
            key: evidence.decide(option=self.uses[key].option) for key, evidence in gathered.dates.items()
        }
        self._day_text: dict[date, str] = {}
        self._days: dict[tuple[str, str], str | RowRejected] = {}

    def _number_cells(self, key: str, number_format: NumberFormat, shop_currency: str | None) -> NumberCells:
        label = self.table.label(key)
        if self.uses[key].kind != AMOUNT:
            return NumberCells(label, number_format)
        # Amounts are in the shop's currency; without one, in the currency most cells of the column show.
        if shop_currency is not None:
            return NumberCells(label, number_format, currency=shop_currency, currency_owner="the shop's prices")
        return NumberCells(
            label, number_format, currency=number_format.currency, currency_owner="the column's other amounts"
        )

    def number(self, key: str) -> NumberCells:
        """Return the reader of the numeric column `key`."""
        return self._numbers[key]

    def day(self, row: Row, key: str) -> str | None:
        """Return the ISO date in the cell of column `key`, or None for an empty cell.

        Raises RowRejected naming the column and the value when it is not a date.
        """
        text = row.text(key)
        if not text:
            return None
        # A million sales lines share a few hundred dates, so each text is read once and
        # equal days share one string.
        found = self._days.get((key, text))
        if found is None:
            try:
                day = read_date(text, self.date_formats[key].order)
                found = self._day_text.setdefault(day, day.isoformat())
            except DateSyntaxError as error:
                found = RowRejected(f"invalid {self.table.label(key)} {text!r}: {error}")
            if len(self._days) < _MAX_DISTINCT:
                self._days[(key, text)] = found
        if isinstance(found, RowRejected):
            raise RowRejected(str(found))
        return found

    def reports(self, problems: dict[str, str], notes: dict[str, str]) -> tuple[ColumnReport, ...]:
        """Describe every column of the file: its field, what was detected, samples as read and problems."""
        reports: list[ColumnReport] = []
        for key, label in self.table.labels.items():
            use = self.uses.get(key)
            if use is None:
                reports.append(
                    ColumnReport(label, None, notes.get(key, "not used"), problem=problems.get(key, ""))
                )
                continue
            detected, problem = self._detected(key)
            described = ", ".join(part for part in (detected, notes.get(key, "")) if part)
            reports.append(
                ColumnReport(
                    label,
                    use.field,
                    described,
                    tuple((text, self._sample(use, text, typed)) for text, typed in self.samples.get(key, [])),
                    "; ".join(part for part in (problems.get(key, ""), problem) if part),
                )
            )
        return tuple(reports)

    def _detected(self, key: str) -> tuple[str, str]:
        if key in self.number_formats:
            number_format = self.number_formats[key]
            return number_format.describe(), number_format.problem
        if key in self.date_formats:
            date_format = self.date_formats[key]
            return date_format.describe(), date_format.problem
        return "", ""

    def _sample(self, use: ColumnUse, text: str, typed: bool) -> str:
        label = self.table.label(use.key)
        try:
            if use.kind == AMOUNT:
                cents = self._numbers[use.key].signed_cents(text, typed=typed)
                return "" if cents is None else _units(cents, 2)
            if use.kind == QUANTITY:
                milli = self._numbers[use.key].milli(text, typed=typed)
                return "" if milli is None else _units(milli, 3)
            if use.kind == PERCENT:
                basis_points = self._numbers[use.key].basis_points(text, typed=typed)
                return "" if basis_points is None else f"{_units(basis_points, 2)} %"
            if use.kind == DATE:
                return self.day(Row(0, {use.key: text}), use.key) or ""
            if use.kind == BARCODE:
                return check_barcode(text.strip(), column=label)[0]
            if use.kind == IDENTIFIER:
                return check_identifier(text.strip(), column=label)
            safe, _ = guard_text(text.strip(), column=label)
            return safe if len(safe) <= _SAMPLE_CHARS else safe[: _SAMPLE_CHARS - 1] + "…"
        except RowRejected as rejection:
            return f"rejected: {rejection}"


def _gather(uses: dict[str, ColumnUse], rows: Iterable[Row]) -> _Gathered:
    gathered = _Gathered()
    for key, use in uses.items():
        if use.kind in NUMERIC_KINDS:
            gathered.numbers[key] = NumberEvidence()
        elif use.kind == DATE:
            gathered.dates[key] = DateEvidence()
        gathered.distinct[key] = {}
        gathered.samples[key] = []

    evidence_keys = [key for key in uses if key in gathered.numbers or key in gathered.dates]
    evidence = [(key, gathered.distinct[key]) for key in evidence_keys]
    wanting_samples = list(uses)
    for row in rows:
        if row.problem:
            continue
        if wanting_samples:
            for key in wanting_samples:
                text = row.cells.get(key, "")
                if text and text.strip():
                    gathered.samples[key].append((text, key in row.typed))
            wanting_samples = [key for key in wanting_samples if len(gathered.samples[key]) < _SAMPLES]
        cells, typed = row.cells, row.typed
        for key, distinct in evidence:
            text = cells.get(key)
            if not text or (typed and key in typed):
                continue
            count = distinct.get(text)
            if count is not None:
                distinct[text] = count + 1
            elif len(distinct) < _MAX_DISTINCT:
                distinct[text] = 1
            else:
                _add(gathered, key, text, 1)

    for key in evidence_keys:
        for text, count in gathered.distinct[key].items():
            _add(gathered, key, text, count)
    return gathered


def _add(gathered: _Gathered, key: str, text: str, count: int) -> None:
    if key in gathered.numbers:
        gathered.numbers[key].add(text, count)
    else:
        gathered.dates[key].add(text, count)


def _units(value: int, places: int) -> str:
    sign = "-" if value < 0 else ""
    whole, fraction = divmod(abs(value), 10**places)
    text = f"{sign}{whole}.{fraction:0{places}d}"
    if places == 3:
        text = text.rstrip("0").rstrip(".")
    return text
