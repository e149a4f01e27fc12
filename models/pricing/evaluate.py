#!/usr/bin/env python3
"""Evaluate the pricing model's decisions on held-out simulated shops with known demand.

Run from the repository root:

    .venv/bin/python models/pricing/evaluate.py             # writes evaluation.txt and evaluation.json
    .venv/bin/python models/pricing/evaluate.py --shops 4   # a quicker, noisier look

Each shop is simulated from a seed no training run uses, up to a decision day that falls
in a different season for each shop. On that day every product is priced by four
policies, all within the same default shop rules (the same candidate prices, bounds and
endings):

- model: the app's own path, `pricing_items` and `plan_prices` with the ONNX model
  through the onnxruntime adapter, calibration included;
- oracle: the candidate with the highest expected profit under the true demand curve;
- keep: the current price;
- cost-plus: cost times a category markup plus VAT, moved to the nearest candidate.

Each policy's expected profit over the product's horizon is computed from the true
demand curve with the same profit formula the app uses. That formula takes demand as
Poisson, and for stock expiring within the horizon it caps sales by the stock and counts
unsold expiring units as lost at cost. The score of a policy is its total profit as a
share of the oracle's.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from card import write_model_card  # noqa: E402
from dataset import calendar_at, histories  # noqa: E402
from simulator import SimShop, simulate_shop  # noqa: E402

from retail_assistant.adapters.pricing.onnx_model import DemandModel  # noqa: E402
from retail_assistant.core.pricing import expected_profit, plan_prices  # noqa: E402
from retail_assistant.core.pricing_inputs import ProductRecord, ShopSnapshot, StockBatch, TimedDiscount, pricing_items  # noqa: E402
from retail_assistant.core.pricing_rules import PricingRules, candidate_prices, price_bounds  # noqa: E402

EVALUATION_SEED = 90_000_000
"""First seed of the evaluation shops; training uses seeds from 20,250,301 to 20,750,308."""

COST_PLUS_MARKUP = {
    "fruit": 0.40, "vegetables": 0.40, "bakery": 0.60, "dairy": 0.30, "cheese": 0.60, "charcuterie": 0.55,
    "canned-fish": 0.55, "preserves": 0.50, "oils": 0.30, "pantry": 0.40, "seasonings": 0.60, "honey": 0.55,
    "sweets": 0.60, "breakfast": 0.45, "snacks": 0.55, "wine": 0.50, "beer-spirits": 0.45, "soft-drinks": 0.45,
    "cleaning": 0.55, "household": 0.60, "books": 0.40, "stationery": 0.80, "hardware": 0.70,
    "parapharmacy": 0.50, "clothing": 1.20, "accessories": 1.20, "other": 0.50,
}
"""Markup on cost per category for the cost-plus baseline: rules of thumb of small retail,
set by hand and not fitted to the simulator."""

POLICIES = ("model", "keep", "cost_plus", "oracle")


@dataclass
class Totals:
    """Expected profit in cents per policy, summed over products."""

    profit: dict[str, float]
    products: int

    def share(self, policy: str) -> float:
        """Return the policy's profit as a share of the oracle's."""
        return self.profit[policy] / self.profit["oracle"] if self.profit["oracle"] else float("nan")


def main(argv: list[str] | None = None) -> int:
    """Run the evaluation command line and return its exit status."""
    parser = argparse.ArgumentParser(description="Evaluate pricing decisions against the oracle and two baselines.")
    parser.add_argument("--model", type=Path, default=HERE / "demand.onnx", help="ONNX model to evaluate")
    parser.add_argument("--shops", type=int, default=16, help="number of held-out shops (default 16)")
    parser.add_argument("--products", type=int, default=150, help="products per shop (default 150)")
    parser.add_argument("--output", type=Path, default=HERE,
                        help="folder for evaluation.txt and evaluation.json; 'none' writes nothing")
    options = parser.parse_args(argv)

    started = time.perf_counter()
    model = DemandModel.load(options.model)
    rules = PricingRules()
    results = [evaluate_shop(EVALUATION_SEED + number, model, rules, products=options.products) for number in range(options.shops)]
    report = render(results, rules, seconds=time.perf_counter() - started, model_path=options.model)
    print(report)

    if str(options.output) != "none":
        (options.output / "evaluation.txt").write_text(report + "\n", encoding="utf-8")
        (options.output / "evaluation.json").write_text(json.dumps(summary(results), indent=2) + "\n", encoding="utf-8")
        write_model_card(options.output)
    return 0


def evaluate_shop(seed: int, model: DemandModel, rules: PricingRules, *, products: int) -> dict:
    """Price every product of one held-out shop with each policy; return profits by policy and group."""
    rng = np.random.default_rng(seed + 1)
    first_day = date(2023, 1, 2) + timedelta(days=int(rng.integers(0, 365)))
    shop = simulate_shop(seed, history_days=500, products=products, first_day=first_day)
    snapshot = _snapshot(shop, rng)
    items = pricing_items(snapshot, rules)
    recommendations = plan_prices(items, model, rules)

    groups: dict[str, Totals] = {}
    for number, (record, item, recommendation) in enumerate(zip(snapshot.products, items, recommendations)):
        if record.cost_cents is None:
            continue
        bounds = price_bounds(record.current_price_cents, record.cost_cents, record.vat_rate, rules,
                              clearance=item.expiring_units > 0)
        candidates = candidate_prices(record.current_price_cents, bounds, record.vat_rate, rules)

        def true_profit(price: float, number: int = number, item=item, record=record) -> float:
            horizon = item.context.horizon_days
            days = np.arange(shop.history_days, shop.history_days + horizon)
            mean = float(shop.mean_demand(number, days, price, shop.discount[number, days]).sum())
            return expected_profit(price, mean, cost_cents=record.cost_cents, vat_rate=record.vat_rate,
                                   discount=item.context.horizon_discount, stock_units=item.stock_units,
                                   expiring_units=item.expiring_units)[1]

        cost_plus_target = record.cost_cents * (1 + COST_PLUS_MARKUP[record.category]) * (1 + float(record.vat_rate) / 100)
        cost_plus = min(candidates, key=lambda price: (abs(price - cost_plus_target), price))
        profits = {
            "model": true_profit(recommendation.new_price.cents),
            "keep": true_profit(record.current_price_cents),
            "cost_plus": true_profit(cost_plus),
            "oracle": max(true_profit(price) for price in candidates),
        }
        for group in ("all", f"type:{shop.shop_type}", "clearance" if item.expiring_units > 0 else "regular"):
            totals = groups.setdefault(group, Totals({policy: 0.0 for policy in POLICIES}, 0))
            totals.products += 1
            for policy, profit in profits.items():
                totals.profit[policy] += profit
    return {"seed": seed, "shop_type": shop.shop_type, "decision_day": str(first_day + timedelta(days=500)), "groups": groups}


def summary(results: list[dict]) -> dict:
    """Return the evaluation's totals as plain JSON values."""
    pooled = _pooled(results)
    shares = {
        group: {
            "products": totals.products,
            "share_of_oracle": {policy: round(totals.share(policy), 4) for policy in POLICIES},
        }
        for group, totals in sorted(pooled.items(), key=lambda pair: (pair[0] != "all", pair[0]))
        if group != "clearance"
    }
    clearance = pooled.get("clearance")
    return {
        "shops": len(results),
        "groups": shares,
        "clearance": None if clearance is None else {
            "products": clearance.products,
            "shortfall": {policy: round(_shortfall(clearance, policy), 2) for policy in POLICIES},
        },
        "per_shop_model_share": [round(result["groups"]["all"].share("model"), 4) for result in results],
    }


def render(results: list[dict], rules: PricingRules, *, seconds: float, model_path: Path) -> str:
    """Return the evaluation report as text."""
    pooled = _pooled(results)
    lines = [
        f"Pricing model evaluation: {len(results)} held-out simulated shops, "
        f"{pooled['all'].products} products, decision days from "
        f"{min(result['decision_day'] for result in results)} to {max(result['decision_day'] for result in results)}",
        f"Model: {model_path.name}; rules: min margin {rules.min_margin}, max change {rules.max_change}, "
        f"endings {rules.endings}, horizon {rules.horizon_days} days; {seconds:.0f} s",
        "",
        "Expected profit over the horizon as a share of the oracle's (same rules and candidates):",
        "",
        f"{'group':26} {'products':>8} {'model':>8} {'keep':>8} {'cost-plus':>10}",
    ]
    for group, totals in sorted(pooled.items(), key=lambda pair: (pair[0] != "all", pair[0])):
        if group == "clearance":
            continue
        lines.append(
            f"{group:26} {totals.products:>8} {_percent(totals.share('model')):>8} {_percent(totals.share('keep')):>8} "
            f"{_percent(totals.share('cost_plus')):>10}"
        )
    shares = [result["groups"]["all"].share("model") for result in results]
    lines += [
        "",
        f"Model share per shop: lowest {_percent(min(shares))}, median {_percent(float(np.median(shares)))}, "
        f"highest {_percent(max(shares))}",
    ]
    clearance = pooled.get("clearance")
    if clearance is not None:
        lines += [
            "",
            f"Stock expiring within the horizon ({clearance.products} products, included above): the oracle's own",
            "profit there is often negative, because some stock is lost whatever the price, so shares mean",
            "little. Mean shortfall against the oracle per product: "
            f"model {_shortfall(clearance, 'model'):.2f} €, keep {_shortfall(clearance, 'keep'):.2f} €, "
            f"cost-plus {_shortfall(clearance, 'cost_plus'):.2f} €.",
        ]
    return "\n".join(lines)


def _shortfall(totals: Totals, policy: str) -> float:
    """Return the mean profit per product the policy leaves to the oracle, in euros."""
    return (totals.profit["oracle"] - totals.profit[policy]) / totals.products / 100


def _pooled(results: list[dict]) -> dict[str, Totals]:
    pooled: dict[str, Totals] = {}
    for result in results:
        for group, totals in result["groups"].items():
            target = pooled.setdefault(group, Totals({policy: 0.0 for policy in POLICIES}, 0))
            target.products += totals.products
            for policy in POLICIES:
                target.profit[policy] += totals.profit[policy]
    return pooled


def _percent(share: float) -> str:
    return f"{100 * share:.1f} %"


def _snapshot(shop: SimShop, rng: np.random.Generator) -> ShopSnapshot:
    """Return what the shop database would hold on the decision day, with stock drawn for perishables."""
    anchor = shop.history_days
    today = shop.first_day + timedelta(days=anchor)
    calendar = calendar_at(shop, anchor)
    records = []
    for number, (spec, history) in enumerate(zip(shop.products, histories(shop))):
        price = int(shop.regular_price[number, anchor - 1])
        batches = _batches(shop, number, today, price, rng)
        records.append(
            ProductRecord(
                sku=spec.sku,
                name_en=spec.sku,
                name_es=spec.sku,
                unit="unit",
                category=spec.category,
                perishable=spec.shelf_life is not None,
                current_price_cents=price,
                cost_cents=spec.cost_cents,
                vat_rate=Decimal(str(spec.vat_percent)),
                stock_units=sum(batch.quantity_units for batch in batches) if batches else 100.0,
                history=history,
                batches=batches,
                promotions=_promotions(shop, number, today),
            )
        )
    return ShopSnapshot(today=today, calendar=calendar, products=tuple(records))


def _batches(shop: SimShop, number: int, today: date, price: int, rng: np.random.Generator) -> tuple[StockBatch, ...]:
    """Draw the perishable stock on hand: the oldest batch, which expires on the simulator's expiry day
    with 0.5 to 2 times the demand expected until then, and a fresher batch behind it."""
    spec = shop.products[number]
    if spec.shelf_life is None:
        return ()
    anchor = shop.history_days
    days_left = int(shop.days_to_expiry[number, anchor]) + 1
    days = np.arange(anchor, anchor + min(days_left, shop.future_days))
    expected = float(shop.mean_demand(number, days, price, shop.discount[number, days]).sum()) * days_left / len(days)
    oldest = round(expected * rng.uniform(0.5, 2.0))
    fresh = round(expected * rng.uniform(0.3, 1.0))
    batches = []
    if oldest > 0:
        batches.append(StockBatch(float(oldest), today - timedelta(days=spec.shelf_life - days_left),
                                  today + timedelta(days=days_left - 1)))
    if fresh > 0:
        batches.append(StockBatch(float(fresh), today, today + timedelta(days=spec.shelf_life - 1)))
    return tuple(batches)


def _promotions(shop: SimShop, number: int, today: date) -> tuple[TimedDiscount, ...]:
    """Return the promotions scheduled in the simulated future as rows of the promotions table."""
    future = shop.discount[number, shop.history_days:]
    promotions = []
    start = None
    for offset, discount in enumerate(list(future) + [0.0]):
        if discount > 0 and start is None:
            start = offset
        elif discount <= 0 and start is not None:
            promotions.append(TimedDiscount(today + timedelta(days=start), today + timedelta(days=offset - 1), float(future[start])))
            start = None
    return tuple(promotions)


if __name__ == "__main__":
    raise SystemExit(main())
