"""Value types of the demo shop: catalogue entries as written, and products as built.

The catalogue modules list `Item`s in `Group`s, one group per category and supplier,
with the shelf price as a shop would print it ("6.95"). `build_catalogue` turns them
into `ProductSpec`s with SKUs, barcodes and costs; the simulation and the writer only
see `ProductSpec`s.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["UNITS", "Category", "Group", "Item", "ProductSpec", "Supplier"]

UNITS = frozenset({"unit", "jar", "can", "bottle", "pack", "box", "bag", "kg"})
"""Units a demo product is sold in. Stock and sales quantities are thousandths of one."""


@dataclass(frozen=True)
class Category:
    """A row of the categories table."""

    id: str
    name_en: str
    name_es: str
    perishable: bool


@dataclass(frozen=True)
class Supplier:
    """A row of the suppliers table, plus the weekdays the shop orders from it."""

    id: str
    name: str
    lead_time_days: int
    order_weekdays: tuple[int, ...]
    """Weekdays (Monday is 0) on which the shop sends this supplier an order."""
    email: str


@dataclass(frozen=True)
class Item:
    """One product as the catalogue modules write it."""

    name_en: str
    name_es: str
    unit: str
    price: str
    """Shelf price in euros including VAT, as printed on the label ("6.95")."""
    demand: float
    """Mean quantity sold per open day (kilograms for unit 'kg'), before the
    weekday, seasonal and promotion factors."""
    season: str = "flat"
    """Name of a seasonal profile in `retail_assistant.demo.demand.SEASONS`."""
    vat_bp: int | None = None
    """VAT rate in basis points when it differs from the group's."""
    shelf_life_days: int | None = None
    """Days a delivery can be sold, counting the day it arrives, when it differs
    from the group's."""
    origin: str = "es"
    """Country of the brand owner (ISO 3166 alpha-2), which picks the barcode prefix."""
    portion_kg: float = 1.0
    """Mean weight of one purchase, for items sold by the kilogram."""


@dataclass(frozen=True)
class Group:
    """Items of one category bought from one supplier, with their shared defaults."""

    category_id: str
    sku_prefix: str
    supplier_id: str
    vat_bp: int
    margin_bp: int
    """Typical gross margin on the price excluding VAT, in basis points."""
    items: tuple[Item, ...]
    shelf_life_days: int | None = None
    """Default days a delivery can be sold, or None for groups that are not perishable."""


@dataclass(frozen=True)
class ProductSpec:
    """A demo product with everything the simulation and the products table need."""

    sku: str
    name_en: str
    name_es: str
    category_id: str
    supplier_id: str
    barcode: str
    unit: str
    price_cents: int
    """Current shelf price including VAT."""
    cost_cents: int
    """Current purchase cost per unit, excluding VAT."""
    vat_bp: int
    demand: float
    season: str
    shelf_life_days: int | None
    """None for products that are not perishable (no batches, no expiry)."""
    portion_kg: float

    @property
    def perishable(self) -> bool:
        """Whether deliveries of this product carry an expiry date."""
        return self.shelf_life_days is not None

    @property
    def sold_by_weight(self) -> bool:
        """Whether quantities are kilograms rather than pieces."""
        return self.unit == "kg"
