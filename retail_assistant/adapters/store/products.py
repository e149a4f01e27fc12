"""Reading and writing products in the shop database."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import sqlite_utils

from retail_assistant.core.catalog import Product, Sku
from retail_assistant.core.errors import StoreError
from retail_assistant.core.money import Money, Quantity

__all__ = ["EDITABLE_COLUMNS", "SORT_KEYS", "ProductQuery", "ProductRepository", "product_from_row"]

_SELECT = """
    SELECT p.sku, p.name_en, p.name_es, coalesce(c.name_en, p.category_id, '') AS category,
           coalesce(c.name_es, c.name_en, p.category_id, '') AS category_es,
           p.barcode, p.cost_cents, p.price_cents, p.vat_rate_bp, p.stock_milli, p.unit,
           s.name AS supplier, p.row_version
    FROM products p
    LEFT JOIN categories c ON c.id = p.category_id
    LEFT JOIN suppliers s ON s.id = p.supplier_id
"""


SORT_KEYS = ("sku", "name", "category", "barcode", "stock", "price", "vat", "cost")
"""The orders a ProductQuery can list products in."""

EDITABLE_COLUMNS = ("name_en", "name_es", "barcode", "stock_milli", "price_cents", "vat_rate_bp", "cost_cents")
"""The products columns `set_field` may change."""


@dataclass(frozen=True)
class ProductQuery:
    """The selection and order of a product list: a search, filters and a sort key."""

    search: str = ""
    """Text that the name in either language, the SKU or the barcode contains; '' for all."""

    category_id: str | None = None
    stock_below_milli: int | None = None
    """Only products whose stock is below this many thousandths (low stock); None for any stock."""

    sort: str = "name"
    """One of SORT_KEYS; ties are broken by SKU."""

    descending: bool = False


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

    @property
    def database(self) -> sqlite_utils.Database:
        """The connection the products are read and written through."""
        return self._db

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

    def query_page(
        self, query: ProductQuery, *, after: Product | None = None, limit: int, language: str = "en"
    ) -> list[Product]:
        """Return the next `limit` products `query` selects, in its order, after the product `after`.

        Pages are found by the sort key of the previous page's last product rather than
        by OFFSET, so the thousandth page costs no more than the first.
        """
        where, params = _query_clause(query)
        expression = _sort_expression(query, language)
        if after is not None:
            comparison = "<" if query.descending else ">"
            where = f"{where} {'AND' if where else 'WHERE'} ({expression}, p.sku) {comparison} (?, ?)"
            params = [*params, _sort_value(after, query.sort, language), after.sku]
        direction = "DESC" if query.descending else "ASC"
        sql = f"{_SELECT} {where} ORDER BY {expression} {direction}, p.sku {direction} LIMIT ?"
        return [product_from_row(row) for row in self._rows(sql, [*params, limit])]

    def query_count(self, query: ProductQuery) -> int:
        """Return the number of products `query` selects."""
        where, params = _query_clause(query)
        return self._scalar(f"SELECT count(*) FROM products p {where}", params)

    def query_products(self, query: ProductQuery, *, language: str = "en") -> Iterator[Product]:
        """Yield every product `query` selects, in its order, reading the rows as they are needed."""
        where, params = _query_clause(query)
        direction = "DESC" if query.descending else "ASC"
        sql = f"{_SELECT} {where} ORDER BY {_sort_expression(query, language)} {direction}, p.sku {direction}"
        try:
            cursor = self._db.execute(sql, params)
            columns = [column[0] for column in cursor.description]
            for values in cursor:
                yield product_from_row(dict(zip(columns, values)))
        except sqlite3.Error as error:
            raise _store_error(error) from error

    def categories(self) -> list[tuple[str, str, str]]:
        """Return (id, English name, Spanish name) of every category, by English name."""
        try:
            return [tuple(row) for row in self._db.execute(
                "SELECT id, name_en, name_es FROM categories ORDER BY name_en COLLATE NOCASE"
            )]
        except sqlite3.Error as error:
            raise _store_error(error) from error

    def set_field(self, sku: str, column: str, *, expected: object, value: object) -> bool:
        """Set one column of one product if it still holds `expected`, commit, and return whether it did.

        Sets `updated_at` to now. Raises ValueError for a column outside EDITABLE_COLUMNS
        and StoreError when the database cannot be written.
        """
        if column not in EDITABLE_COLUMNS:
            raise ValueError(f"the column {column!r} cannot be edited; use one of {', '.join(EDITABLE_COLUMNS)}")
        try:
            with self._db.conn:
                cursor = self._db.execute(
                    f"UPDATE products SET {column} = ?, updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') "
                    f"WHERE sku = ? AND {column} IS ?",
                    [value, sku, expected],
                )
        except sqlite3.Error as error:
            raise StoreError(
                f"cannot save the change to {sku}: {error}; wait for other work on the shop database "
                "(an import) to finish and try again"
            ) from error
        return cursor.rowcount == 1

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


# Each sort expression is total (no NULL), so a page can start after a row value.
_SORT_EXPRESSIONS = {
    "sku": "p.sku",
    "barcode": "coalesce(p.barcode, '')",
    "stock": "p.stock_milli",
    "price": "p.price_cents",
    "vat": "p.vat_rate_bp",
    "cost": "coalesce(p.cost_cents, -1)",
}


def _query_clause(query: ProductQuery) -> tuple[str, list[object]]:
    conditions: list[str] = []
    params: list[object] = []
    text = query.search.strip()
    if text:
        conditions.append("(p.name_en LIKE ? OR p.name_es LIKE ? OR p.sku LIKE ? OR p.barcode LIKE ?)")
        params.extend([f"%{text}%"] * 4)
    if query.category_id is not None:
        conditions.append("p.category_id IS ?")
        params.append(query.category_id)
    if query.stock_below_milli is not None:
        conditions.append("p.stock_milli < ?")
        params.append(query.stock_below_milli)
    return ("WHERE " + " AND ".join(conditions) if conditions else ""), params


def _sort_expression(query: ProductQuery, language: str) -> str:
    if query.sort not in SORT_KEYS:
        raise ValueError(f"unknown sort key {query.sort!r}; use one of {', '.join(SORT_KEYS)}")
    if query.sort == "name":
        # The name indexes are COLLATE NOCASE on (name, sku), so this order reads them directly.
        return "p.name_es COLLATE NOCASE" if language == "es" else "p.name_en COLLATE NOCASE"
    if query.sort == "category":
        if language == "es":
            return "coalesce(c.name_es, c.name_en, p.category_id, '') COLLATE NOCASE"
        return "coalesce(c.name_en, p.category_id, '') COLLATE NOCASE"
    return _SORT_EXPRESSIONS[query.sort]


def _sort_value(product: Product, sort: str, language: str) -> object:
    """Return the value of the sort expression for `product`, matching _sort_expression."""
    if sort == "name":
        return product.name_es if language == "es" else product.name_en
    if sort == "category":
        return product.category_es if language == "es" else product.category
    values: dict[str, object] = {
        "sku": product.sku,
        "barcode": product.barcode or "",
        "stock": product.stock.milli,
        "price": product.price.cents,
        "vat": int(product.vat_rate.scaleb(2)),
        "cost": product.cost.cents if product.cost is not None else -1,
    }
    return values[sort]
