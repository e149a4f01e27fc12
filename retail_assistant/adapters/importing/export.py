"""Exporting products to a CSV file that this importer reads back unchanged.

The header uses the generic format's own field names, so importing the file again
maps every column without help and finds every product unchanged. The file is
UTF-8 with a byte-order mark, which Excel needs to show accents, with commas between
cells and decimal points. It is written beside the target and renamed over it at
the end, so a failed export never leaves half a file under the chosen name.
"""

from __future__ import annotations

import csv
import os
from pathlib import Path

import sqlite_utils

from retail_assistant.adapters.store.products import ProductQuery, ProductRepository
from retail_assistant.core.catalog import Product
from retail_assistant.core.errors import InputError

__all__ = ["EXPORT_COLUMNS", "export_products"]

EXPORT_COLUMNS = ("sku", "name_en", "name_es", "category", "barcode", "stock", "price", "vat", "cost", "unit", "supplier")
"""The header of an exported file, in order."""


def export_products(
    db: sqlite_utils.Database, path: Path, *, query: ProductQuery | None = None, language: str = "en"
) -> int:
    """Write the products `query` selects (all by default), in its order, to the CSV file `path`; return how many.

    Raises InputError when the file cannot be written, and StoreError when the
    products cannot be read.
    """
    temporary = path.with_name(f".{path.name}.exporting")
    count = 0
    try:
        with temporary.open("w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(EXPORT_COLUMNS)
            for product in ProductRepository(db).query_products(query or ProductQuery(), language=language):
                writer.writerow(_cells(product))
                count += 1
        os.replace(temporary, path)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise InputError(
            f"cannot write the export file {path}: {error.strerror or error}; choose a folder you may write to"
        ) from error
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return count


def _cells(product: Product) -> list[str]:
    return [
        product.sku,
        product.name_en,
        product.name_es,
        product.category,
        product.barcode or "",
        f"{product.stock.amount:f}",
        f"{product.price.amount:f}",
        # 21.00 % is written 21, and 10.50 % is written 10.5.
        f"{product.vat_rate.normalize():f}",
        f"{product.cost.amount:f}" if product.cost is not None else "",
        product.unit,
        product.supplier or "",
    ]
