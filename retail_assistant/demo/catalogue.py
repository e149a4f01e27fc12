"""The demo shop's catalogue: categories, suppliers, and products with SKUs, barcodes, costs.

The product list itself is in the `catalogue_*` modules, as hand-written names and
shelf prices. This module numbers the products, gives each a barcode and derives its
cost from the group's typical margin with a little seeded noise.

Barcodes are EAN-13 with the GS1 prefix of the brand owner's country (84 for Spain;
US and Canadian products start with 0, as UPC-A codes read as EAN-13 do). Loose
produce sold by the kilogram gets an in-store code from the restricted range 20.
"""

from __future__ import annotations

import random

from stdnum import ean

from retail_assistant.demo.catalogue_drinks import DRINKS_GROUPS
from retail_assistant.demo.catalogue_fresh import FRESH_GROUPS
from retail_assistant.demo.catalogue_nonfood import NONFOOD_GROUPS
from retail_assistant.demo.catalogue_pantry import PANTRY_GROUPS
from retail_assistant.demo.demand import SEASONS
from retail_assistant.demo.records import UNITS, Category, Group, Item, ProductSpec, Supplier

__all__ = ["CATEGORIES", "GROUPS", "SUPPLIERS", "build_catalogue"]

CATEGORIES: tuple[Category, ...] = (
    Category("fruit", "Fruit", "Fruta", True),
    Category("vegetables", "Vegetables", "Verduras y hortalizas", True),
    Category("bakery", "Bread and pastries", "Pan y bollería", True),
    Category("dairy", "Milk, eggs and chilled", "Lácteos, huevos y refrigerados", True),
    Category("cheese", "Cheese", "Quesos", True),
    Category("charcuterie", "Cured meats", "Embutidos y charcutería", True),
    Category("canned-fish", "Canned fish and seafood", "Conservas de pescado y marisco", False),
    Category("preserves", "Preserved vegetables and sauces", "Conservas vegetales y salsas",
             False),
    Category("oils", "Oils and vinegars", "Aceites y vinagres", False),
    Category("pantry", "Rice, pasta, pulses and flour", "Arroz, pasta, legumbres y harinas",
             False),
    Category("seasonings", "Spices, salt, sugar and stock", "Especias, sal, azúcar y caldos",
             False),
    Category("honey", "Honey and jams", "Miel y mermeladas", False),
    Category("sweets", "Turrón, chocolate and sweets", "Turrones, chocolates y dulces", False),
    Category("breakfast", "Biscuits, coffee and tea", "Galletas, café e infusiones", False),
    Category("snacks", "Nuts and snacks", "Frutos secos y aperitivos", False),
    Category("wine", "Wine and sherry", "Vinos y generosos", False),
    Category("beer-spirits", "Cava, beer and spirits", "Cava, cerveza y licores", False),
    Category("soft-drinks", "Water, juices and soft drinks", "Agua, zumos y refrescos", False),
    Category("cleaning", "Cleaning", "Limpieza y droguería", False),
    Category("household", "Household and personal care", "Hogar e higiene personal", False),
)

# Every e-mail domain is under .example, which RFC 2606 reserves, so no real
# supplier can receive mail written from the demo shop.
SUPPLIERS: tuple[Supplier, ...] = (
    Supplier("horno-san-anton", "Horno San Antón", 1, (0, 1, 2, 3, 4, 5),
             "pedidos@hornosananton.example"),
    Supplier("frutas-la-vega", "Frutas y Verduras La Vega", 1, (0, 1, 2, 3, 4, 5),
             "pedidos@frutaslavega.example"),
    Supplier("lacteos-sierra-norte", "Lácteos Sierra Norte", 2, (0, 2, 4),
             "comercial@lacteossierranorte.example"),
    Supplier("queseria-la-mancha", "Quesería La Mancha", 3, (1, 4),
             "ventas@queserialamancha.example"),
    Supplier("chacinas-del-valle", "Chacinas del Valle", 3, (1, 4),
             "pedidos@chacinasdelvalle.example"),
    Supplier("conservas-cantabrico", "Conservas del Cantábrico", 5, (0,),
             "tiendas@conservascantabrico.example"),
    Supplier("distribuciones-centro", "Distribuciones Alimentarias Centro", 2, (0, 3),
             "pedidos@dacentro.example"),
    Supplier("almazara-sierra-segura", "Almazara Sierra de Segura", 5, (2,),
             "ventas@almazarasegura.example"),
    Supplier("mieles-alcarria", "Mieles de la Alcarria", 6, (2,),
             "info@mielesalcarria.example"),
    Supplier("turrones-levante", "Turrones y Dulces de Levante", 7, (0,),
             "comercial@turroneslevante.example"),
    Supplier("vinos-ribera", "Vinos y Cavas Ribera", 4, (1,), "pedidos@vinosribera.example"),
    Supplier("bebidas-del-norte", "Bebidas del Norte", 2, (0, 3),
             "pedidos@bebidasdelnorte.example"),
    Supplier("drogueria-levante", "Droguería Levante", 4, (2,),
             "ventas@droguerialevante.example"),
)

GROUPS: tuple[Group, ...] = FRESH_GROUPS + PANTRY_GROUPS + DRINKS_GROUPS + NONFOOD_GROUPS

# GS1 company prefixes by country of the brand owner. "07" and "06" fall in the
# 060-139 range that GS1 US and GS1 Canada share.
_GS1_PREFIXES = {
    "es": "84",
    "fr": "30",
    "it": "80",
    "nl": "87",
    "gb": "50",
    "us": "07",
    "ca": "06",
    "cr": "744",
    "il": "729",
}
_IN_STORE_PREFIX = "20"
_MARGIN_JITTER_BP = 500


def build_catalogue(seed: int) -> list[ProductSpec]:
    """Build every demo product in catalogue order, with barcodes and costs drawn from `seed`.

    Raises ValueError when a catalogue entry names an unknown category, supplier,
    unit, season or origin, which is a mistake in the catalogue modules.
    """
    rng = random.Random(f"{seed}:catalogue")
    categories = {category.id: category for category in CATEGORIES}
    suppliers = {supplier.id for supplier in SUPPLIERS}
    numbers: dict[str, int] = {}
    used_barcodes: set[str] = set()
    products: list[ProductSpec] = []

    for group in GROUPS:
        if group.category_id not in categories:
            raise ValueError(f"unknown category {group.category_id!r} in the demo catalogue")
        if group.supplier_id not in suppliers:
            raise ValueError(f"unknown supplier {group.supplier_id!r} in the demo catalogue")
        perishable = categories[group.category_id].perishable
        if perishable and group.shelf_life_days is None:
            raise ValueError(f"perishable category {group.category_id!r} has no shelf life")

        for item in group.items:
            _check_item(item)
            numbers[group.sku_prefix] = numbers.get(group.sku_prefix, 0) + 1
            products.append(
                _build_product(
                    item,
                    group,
                    sku=f"{group.sku_prefix}-{numbers[group.sku_prefix]:03d}",
                    barcode=_new_barcode(rng, item, used_barcodes),
                    margin_bp=group.margin_bp + rng.randint(-_MARGIN_JITTER_BP, _MARGIN_JITTER_BP),
                    perishable=perishable,
                )
            )
    return products


def _check_item(item: Item) -> None:
    if item.unit not in UNITS:
        raise ValueError(f"unknown unit {item.unit!r} for {item.name_en!r} in the demo catalogue")
    if item.season not in SEASONS:
        raise ValueError(f"unknown season {item.season!r} for {item.name_en!r}")
    if item.origin not in _GS1_PREFIXES:
        raise ValueError(f"no barcode prefix for origin {item.origin!r} of {item.name_en!r}")


def _build_product(
    item: Item, group: Group, *, sku: str, barcode: str, margin_bp: int, perishable: bool
) -> ProductSpec:
    vat_bp = group.vat_bp if item.vat_bp is None else item.vat_bp
    price_cents = _cents(item.price)
    shelf_life = item.shelf_life_days or group.shelf_life_days
    return ProductSpec(
        sku=sku,
        name_en=item.name_en,
        name_es=item.name_es,
        category_id=group.category_id,
        supplier_id=group.supplier_id,
        barcode=barcode,
        unit=item.unit,
        price_cents=price_cents,
        cost_cents=_cost_cents(price_cents, vat_bp=vat_bp, margin_bp=margin_bp),
        vat_bp=vat_bp,
        demand=item.demand,
        season=item.season,
        shelf_life_days=shelf_life if perishable else None,
        portion_kg=item.portion_kg,
    )


def _cents(euros: str) -> int:
    whole, _, fraction = euros.partition(".")
    return int(whole) * 100 + int(fraction.ljust(2, "0"))


def _cost_cents(price_cents: int, *, vat_bp: int, margin_bp: int) -> int:
    """Return the cost that leaves `margin_bp` of the price excluding VAT, rounded half up."""
    numerator = price_cents * 10_000 * (10_000 - margin_bp)
    denominator = (10_000 + vat_bp) * 10_000
    return (2 * numerator + denominator) // (2 * denominator)


def _new_barcode(rng: random.Random, item: Item, used_barcodes: set[str]) -> str:
    """Draw an EAN-13 not in `used_barcodes`, add it there and return it."""
    prefix = _IN_STORE_PREFIX if item.unit == "kg" else _GS1_PREFIXES[item.origin]
    while True:
        body = prefix + "".join(str(rng.randrange(10)) for _ in range(12 - len(prefix)))
        barcode = body + ean.calc_check_digit(body)
        if barcode not in used_barcodes:
            used_barcodes.add(barcode)
            return barcode
