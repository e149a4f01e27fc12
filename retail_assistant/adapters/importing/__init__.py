"""Importing the shop's own data: products and sales lines from CSV or XLSX files.

Shopify's and Square's exports are recognised from their headers. Any other layout
is read through a column mapping that is suggested from its header and that the user
can correct. See importer.py for the transaction and history.py for undo.
"""

from retail_assistant.adapters.importing.detection import AUTO, KINDS, SUPPORTED_FORMATS
from retail_assistant.adapters.importing.history import undo_last_import
from retail_assistant.adapters.importing.importer import MappingInput, import_file, import_products, import_sales
from retail_assistant.adapters.importing.mapping import OPTIONS, FieldSpec, fields_for
from retail_assistant.adapters.importing.writer import POLICIES
from retail_assistant.core.import_report import ColumnReport, FlaggedRow, ImportReport, RejectedRow, UndoReport

__all__ = [
    "AUTO",
    "KINDS",
    "OPTIONS",
    "POLICIES",
    "SUPPORTED_FORMATS",
    "ColumnReport",
    "FieldSpec",
    "FlaggedRow",
    "ImportReport",
    "MappingInput",
    "RejectedRow",
    "UndoReport",
    "fields_for",
    "import_file",
    "import_products",
    "import_sales",
    "undo_last_import",
]
