"""Importing product exports from point-of-sale systems: Shopify and Square CSV files."""

from retail_assistant.adapters.importing.detection import SUPPORTED_FORMATS
from retail_assistant.adapters.importing.importer import import_products
from retail_assistant.core.import_report import ImportReport, RejectedRow

__all__ = ["SUPPORTED_FORMATS", "ImportReport", "RejectedRow", "import_products"]
