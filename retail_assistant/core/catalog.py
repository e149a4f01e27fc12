"""Catalogue values: products as the rest of the domain sees them."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import NewType

from retail_assistant.core.money import Money, Quantity

__all__ = ["Product", "Sku"]

Sku = NewType("Sku", str)
"""A product's stock-keeping unit, kept exactly as the shop wrote it."""


@dataclass(frozen=True)
class Product:
    """One sellable product (or one variant of a product) with its current stock and price."""

    sku: Sku
    name_en: str
    name_es: str
    category: str
    barcode: str | None
    cost: Money | None
    price: Money
    vat_rate: Decimal
    stock: Quantity
    unit: str
    supplier: str | None = None
    category_es: str = ""
    version: int = 0
    """The row's version in the store; it goes up on every change, so cached answers can tell."""

    def category_name(self, language: str) -> str:
        """Return the category's name in the requested language, falling back to English."""
        if language == "es" and self.category_es:
            return self.category_es
        return self.category

    def name(self, language: str) -> str:
        """Return the name in the requested language, falling back to the other one."""
        if language == "es":
            return self.name_es or self.name_en
        return self.name_en or self.name_es
