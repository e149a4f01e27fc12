"""The demand model's input: category vocabulary, feature columns and exposure.

The model predicts a demand multiplier, not units. Expected units over a horizon are
`exposure(context) * multiplier`, where the exposure is the product's own recent sales
rate times the weight of the horizon's days. Anchoring on the shop's own rate keeps
the model's job small (how price, season, promotions and expiry move demand) and
makes it usable in shops whose sales volumes it never saw.

The training script (`models/pricing/train.py`) builds its rows with these same
functions, so a feature cannot mean one thing in training and another at run time.
"""

from __future__ import annotations

import math
from array import array
from collections.abc import Sequence
from dataclasses import dataclass

from retail_assistant.core.text import fold

__all__ = [
    "CATEGORY_KEYS",
    "FEATURE_NAMES",
    "DemandContext",
    "FeatureMatrix",
    "category_key",
    "exposure",
    "feature_matrix",
    "feature_row",
]

CATEGORY_KEYS: tuple[str, ...] = (
    "books",
    "seasonings",
    "hardware",
    "stationery",
    "bakery",
    "household",
    "cleaning",
    "parapharmacy",
    "accessories",
    "dairy",
    "clothing",
    "honey",
    "other",
    "preserves",
    "pantry",
    "cheese",
    "breakfast",
    "canned-fish",
    "vegetables",
    "wine",
    "sweets",
    "charcuterie",
    "snacks",
    "fruit",
    "beer-spirits",
    "soft-drinks",
    "oils",
)
"""Categories the model was trained on, in the order of their codes; any other category is "other".

Twenty of them are the demo shop's category ids. They are ordered from the least to the
most price-sensitive, as the training simulator sets them after common retail
experience (staples and specialist goods react least, drinks, produce and olive oil
most), so a tree groups similar categories with one split on the code instead of several.
"""

# Folded words of category ids and names (English and Spanish) -> category key.
_SYNONYMS = {
    "fruta": "fruit",
    "frutas": "fruit",
    "fruits": "fruit",
    "verduras": "vegetables",
    "hortalizas": "vegetables",
    "vegetable": "vegetables",
    "produce": "vegetables",
    "bread": "bakery",
    "pan": "bakery",
    "panaderia": "bakery",
    "pastries": "bakery",
    "bolleria": "bakery",
    "milk": "dairy",
    "lacteos": "dairy",
    "eggs": "dairy",
    "chilled": "dairy",
    "cheeses": "cheese",
    "quesos": "cheese",
    "queso": "cheese",
    "embutidos": "charcuterie",
    "charcuteria": "charcuterie",
    "cured": "charcuterie",
    "deli": "charcuterie",
    "conservas": "canned-fish",
    "canned": "canned-fish",
    "sauces": "preserves",
    "salsas": "preserves",
    "oil": "oils",
    "aceites": "oils",
    "aceite": "oils",
    "rice": "pantry",
    "pasta": "pantry",
    "arroz": "pantry",
    "legumbres": "pantry",
    "flour": "pantry",
    "spices": "seasonings",
    "especias": "seasonings",
    "jams": "honey",
    "miel": "honey",
    "mermeladas": "honey",
    "chocolate": "sweets",
    "dulces": "sweets",
    "turrones": "sweets",
    "confectionery": "sweets",
    "coffee": "breakfast",
    "cafe": "breakfast",
    "tea": "breakfast",
    "biscuits": "breakfast",
    "galletas": "breakfast",
    "nuts": "snacks",
    "aperitivos": "snacks",
    "wines": "wine",
    "vinos": "wine",
    "vino": "wine",
    "sherry": "wine",
    "beer": "beer-spirits",
    "spirits": "beer-spirits",
    "cerveza": "beer-spirits",
    "licores": "beer-spirits",
    "cava": "beer-spirits",
    "drinks": "soft-drinks",
    "bebidas": "soft-drinks",
    "refrescos": "soft-drinks",
    "water": "soft-drinks",
    "juices": "soft-drinks",
    "limpieza": "cleaning",
    "drogueria": "cleaning",
    "hogar": "household",
    "personal": "household",
    "book": "books",
    "libros": "books",
    "libreria": "books",
    "papeleria": "stationery",
    "tools": "hardware",
    "ferreteria": "hardware",
    "herramientas": "hardware",
    "pharmacy": "parapharmacy",
    "parafarmacia": "parapharmacy",
    "cosmetics": "parapharmacy",
    "cosmetica": "parapharmacy",
    "clothes": "clothing",
    "ropa": "clothing",
    "fashion": "clothing",
    "moda": "clothing",
    "jewellery": "accessories",
    "bisuteria": "accessories",
    "complementos": "accessories",
}

FEATURE_NAMES: tuple[str, ...] = (
    "log_price_ratio",
    "log_ref_price_ratio",
    "log_price_level",
    "ref_discount",
    "horizon_discount",
    "log_ref_units",
    "ref_coverage",
    "ref_stockout_share",
    "recent_trend",
    "season_product",
    "season_category",
    "has_last_year",
    "category_code",
    "perishable",
    "log_shelf_life",
    "days_to_expiry",
    "horizon_days",
)
"""Columns of the model's input, in order. The ONNX file stores the list it was trained
with, and the adapter refuses a file whose list differs."""

NO_EXPIRY_DAYS = 30
"""`days_to_expiry` of products without an expiry in sight: far enough to have no effect."""

REFERENCE_DAYS = 56
"""Length of the window whose sales rate anchors the prediction: eight whole weeks, so
each weekday counts equally."""

RECENT_DAYS = 28
"""The last part of the reference window, compared with the whole to see a trend."""

# Pseudo-counts that keep the rate finite and positive for products with no sales or no
# in-stock days: with nothing known, the rate is 0.1 units a day.
_RATE_PRIOR_UNITS = 0.2
_RATE_PRIOR_WEIGHT = 2.0


@dataclass(frozen=True)
class DemandContext:
    """What the shop's history says about one product on the day a price is chosen.

    Weights are sums of the shop's weekday weights over open, in-stock days; an average
    open day weighs about 1 (see `ShopCalendar`). Units are in the product's unit.
    """

    current_price_cents: int
    category: str
    perishable: bool
    shelf_life_days: float | None
    ref_units: float
    ref_weight: float
    ref_full_weight: float
    """Weight the reference window would have with no stock-outs and no missing history."""
    ref_price_cents: float
    """Mean regular shelf price over the reference window, weighted by day weight."""
    ref_discount: float
    """Mean promotion discount (0 to 1) over the reference window, weighted by day weight."""
    ref_stockout_share: float
    recent_units: float
    recent_weight: float
    last_year_horizon_units: float | None
    last_year_horizon_weight: float | None
    last_year_ref_units: float | None
    last_year_ref_weight: float | None
    category_season_ratio: float | None
    """Log ratio of the category's sales in last year's horizon to its reference window."""
    horizon_days: int
    horizon_weight: float
    horizon_discount: float
    days_to_expiry: int | None

    @property
    def rate(self) -> float:
        """Units sold per average open day in the reference window, with a small prior."""
        return (self.ref_units + _RATE_PRIOR_UNITS) / (self.ref_weight + _RATE_PRIOR_WEIGHT)

    @property
    def product_season_ratio(self) -> float | None:
        """Log ratio of last year's horizon sales to what last year's reference rate predicts."""
        if self.last_year_horizon_units is None or self.last_year_ref_units is None:
            return None
        if not self.last_year_ref_weight or not self.last_year_horizon_weight:
            return None
        flat = self.last_year_ref_units * self.last_year_horizon_weight / self.last_year_ref_weight
        return math.log((self.last_year_horizon_units + 0.5) / (flat + 0.5))


@dataclass(frozen=True)
class FeatureMatrix:
    """Rows of features in one flat float32 buffer, row after row.

    A flat `array("f")` takes 4 bytes a value, where lists of Python floats would take
    about ten times that for the millions of rows of a large catalogue.
    """

    values: array
    columns: int

    @property
    def rows(self) -> int:
        """The number of rows."""
        return len(self.values) // self.columns


def category_key(category_id: str | None, name: str | None = None) -> str:
    """Return the model's key for a shop category, from its id or its English or Spanish name."""
    for text in (category_id, name):
        if not text:
            continue
        folded = fold(text).strip().replace("_", "-").replace(" ", "-")
        if folded in CATEGORY_KEYS:
            return folded
        for word in folded.replace(",", "-").split("-"):
            if word in CATEGORY_KEYS:
                return word
            if word in _SYNONYMS:
                return _SYNONYMS[word]
    return "other"


def exposure(context: DemandContext) -> float:
    """Return the units the product would sell over the horizon at its reference rate."""
    return context.rate * context.horizon_weight


def feature_row(context: DemandContext, candidate_price_cents: float) -> list[float]:
    """Return the model's input row for `context` at a candidate shelf price, in FEATURE_NAMES order."""
    current = max(context.current_price_cents, 1)
    recent_trend = 0.0
    if context.ref_weight > 0 and context.recent_weight > 0:
        expected_recent = context.ref_units * context.recent_weight / context.ref_weight
        recent_trend = math.log((context.recent_units + 0.5) / (expected_recent + 0.5))

    product_season = context.product_season_ratio
    category_season = context.category_season_ratio
    has_last_year = product_season is not None and category_season is not None
    coverage = context.ref_weight / context.ref_full_weight if context.ref_full_weight > 0 else 0.0
    expiry = NO_EXPIRY_DAYS if context.days_to_expiry is None else min(max(context.days_to_expiry, 0), NO_EXPIRY_DAYS)
    return [
        math.log(max(candidate_price_cents, 1.0) / current),
        math.log(max(context.ref_price_cents, 1.0) / current),
        math.log(current / 100.0),
        context.ref_discount,
        context.horizon_discount,
        math.log1p(context.ref_units),
        coverage,
        context.ref_stockout_share,
        recent_trend,
        product_season if has_last_year else 0.0,
        category_season if has_last_year else 0.0,
        1.0 if has_last_year else 0.0,
        float(_category_code(context.category)),
        1.0 if context.perishable else 0.0,
        math.log1p(context.shelf_life_days) if context.shelf_life_days else 0.0,
        float(expiry),
        float(context.horizon_days),
    ]


def feature_matrix(rows: Sequence[Sequence[float]]) -> FeatureMatrix:
    """Pack rows of FEATURE_NAMES length into a FeatureMatrix."""
    values = array("f")
    for row in rows:
        values.extend(row)
    return FeatureMatrix(values, len(FEATURE_NAMES))


def _category_code(key: str) -> int:
    try:
        return CATEGORY_KEYS.index(key)
    except ValueError:
        return CATEGORY_KEYS.index("other")
