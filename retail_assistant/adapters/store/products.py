"""Reading and writing products in the shop database."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

import sqlite_utils

from retail_assistant.core.catalog import Product, Sku
from retail_assistant.core.errors import StoreError
from retail_assistant.core.money import Money, Quantity

__all__ = ["ProductRepository", "product_from_row"]

_SELECT = """
    SELECT p.sku, p.name_en, p.name_es, coalesce(c.name_en, p.category_id, '') AS category,
           coalesce(c.name_es, c.name_en, p.category_id, '') AS category_es,
           p.barcode, p.cost_cents, p.price_cents, p.vat_rate_bp, p.stock_milli, p.unit,
           s.name AS supplier, p.row_version
    FROM products p
    LEFT JOIN categories c ON c.id = p.category_id
    LEFT JOIN suppliers s ON s.id = p.supplier_id
"""


def product_from_row(row: dict[str, Any]) -> Product:
    """Build a Product from a row of the products query."""
    cost = row["cost_cents"]
    return Product(
        sku=Sku(row["sku"]),
        name_en=row["name_en"],
        name_es=row["name_es"],
        category=row["category"],
        barcode=row["barcode"],
        cost=None if cost is None else Money(cost),
        price=Money(row["price_cents"]),
        vat_rate=Decimal(row["vat_rate_bp"]).scaleb(-2),
        stock=Quantity(row["stock_milli"]),
        unit=row["unit"],
        supplier=row["supplier"],
        category_es=row["category_es"],
        version=row["row_version"],
    )


class ProductRepository:
    """Products of one shop database, read through one connection."""

    def __init__(self, db: sqlite_utils.Database) -> None:
        self._db = db

    def all(self) -> list[Product]:
        """Return every product, ordered by SKU."""
        return [product_from_row(row) for row in self._rows(_SELECT + " ORDER BY p.sku")]

    def get(self, sku: str) -> Product | None:
        """Return the product with this SKU, or None."""
        rows = list(self._rows(_SELECT + " WHERE p.sku = ?", [sku]))
        return product_from_row(rows[0]) if rows else None

    def by_code(self, code: str) -> Product | None:
        """Return the product whose SKU (exactly, else ignoring case) or barcode is `code`, or None."""
        rows = self._rows(
            _SELECT + " WHERE p.sku = ? OR p.barcode = ? OR p.sku = ? COLLATE NOCASE "
            "ORDER BY p.sku = ? DESC, p.barcode = ? DESC LIMIT 1",
            [code, code, code, code, code],
        )
        return product_from_row(rows[0]) if rows else None

    def count(self) -> int:
        """Return the number of products."""
        return self._scalar("SELECT count(*) FROM products", [])

    def page(self, *, search: str, offset: int, limit: int, language: str = "en") -> list[Product]:
        """Return one page of products whose names, SKU or barcode contain `search`, by name in `language`."""
        where, params = _search_clause(search)
        order = "p.name_es" if language == "es" else "p.name_en"
        sql = f"{_SELECT} {where} ORDER BY {order} COLLATE NOCASE, p.sku LIMIT ? OFFSET ?"
        return [product_from_row(row) for row in self._rows(sql, [*params, limit, offset])]

    def count_matching(self, search: str) -> int:
        """Return the number of products that `page` would list for `search`."""
        where, params = _search_clause(search)
        return self._scalar(f"SELECT count(*) FROM products p {where}", params)

    def _scalar(self, sql: str, params: list[object]) -> int:
        try:
            return self._db.execute(sql, params).fetchone()[0]
        except sqlite3.Error as error:
            raise _store_error(error) from error

    def _rows(self, sql: str, params: Iterable[object] = ()) -> list[dict[str, Any]]:
        try:
            cursor = self._db.execute(sql, list(params))
            columns = [column[0] for column in cursor.description]
            return [dict(zip(columns, values)) for values in cursor]
        except sqlite3.Error as error:
            raise _store_error(error) from error


def _store_error(error: sqlite3.Error) -> StoreError:
    return StoreError(f"cannot read the products from the shop database: {error}; "
                      "close other programs using it and try again")


def _search_clause(search: str) -> tuple[str, list[str]]:
    text = search.strip()
    if not text:
        return "", []
    pattern = f"%{text}%"
    return (
        "WHERE p.name_en LIKE ? OR p.name_es LIKE ? OR p.sku LIKE ? OR p.barcode LIKE ?",
        [pattern, pattern, pattern, pattern],
    )
