"""The model card, written from the metrics of the last training and evaluation runs.

`train.py` and `evaluate.py` both call `write_model_card` after writing their figures,
so the card never shows numbers from another run than the files beside it.
"""

from __future__ import annotations

import json
from pathlib import Path

__all__ = ["write_model_card"]

FEATURES = {
    "log_price_ratio": "log of the candidate shelf price over the current one",
    "log_ref_price_ratio": "log of the mean regular price in the last 8 weeks over the current one",
    "log_price_level": "log of the current price in euros",
    "ref_discount": "mean promotion discount over the last 8 weeks (0 to 1)",
    "horizon_discount": "mean promotion discount scheduled over the horizon",
    "log_ref_units": "log(1 + units sold in the last 8 weeks), which tells the model how noisy the rate is",
    "ref_coverage": "share of the last 8 weeks' day weight the product was in stock and the shop open",
    "ref_stockout_share": "share of open days in the last 8 weeks the product was out of stock",
    "recent_trend": "log ratio of the last 4 weeks' sales to what the 8-week rate predicts",
    "season_product": "log ratio of the product's sales in the same weeks last year to its rate before them",
    "season_category": "the same ratio for the product's category, pooled",
    "has_last_year": "1 when a year of history gives the two season ratios, else 0",
    "category_code": "category, ordered from the least to the most price-sensitive",
    "perishable": "1 for products with expiry dates",
    "log_shelf_life": "log(1 + days a delivery can be sold), 0 when unknown",
    "days_to_expiry": "days until the oldest stock expires, capped at 30 (30 without expiry)",
    "horizon_days": "days the price is compared over (1 to 14)",
}


def write_model_card(folder: Path) -> Path:
    """Write MODEL_CARD.md into `folder` from its metrics.json and, when present, evaluation.json."""
    metrics = json.loads((folder / "metrics.json").read_text(encoding="utf-8"))
    evaluation_file = folder / "evaluation.json"
    evaluation = json.loads(evaluation_file.read_text(encoding="utf-8")) if evaluation_file.exists() else None
    path = folder / "MODEL_CARD.md"
    path.write_text(_render(metrics, evaluation), encoding="utf-8")
    return path


def _render(metrics: dict, evaluation: dict | None) -> str:
    config = metrics["config"]
    validation = metrics["validation"]
    versions = metrics["versions"]
    lines = [
        "# Pricing demand model",
        "",
        "This file is written by `models/pricing/train.py` and `models/pricing/evaluate.py`; edit",
        "`models/pricing/card.py` rather than this file.",
        "",
        "## What it does",
        "",
        "`demand.onnx` predicts how much of one product a shop will sell over the next 1 to 14 days",
        "at a candidate shelf price, as a multiplier of the product's own recent sales rate.",
        "Expected units are `rate * weight of the horizon's days * multiplier`. The app tries",
        "21 candidate prices per product within the shop's rules and recommends the one with",
        "the highest expected profit (`retail_assistant/core/pricing.py`). Nothing is applied",
        "until a person accepts it.",
        "",
        "Input: `features`, float32, shape (rows, 17), one row per product and candidate price.",
        "Output: `demand_multiplier`, float32, shape (rows, 1). The batch dimension is variable.",
        "",
        "## Training data",
        "",
        "Simulated shops from `models/pricing/simulator.py`, not real sales. Each shop is a grocery",
        "(half of them), bakery, bookshop, hardware store, parapharmacy or boutique with its own",
        "weekday profile, closed days, month-by-month traffic and daily noise. Each product's true",
        "mean demand is",
        "",
        "    base * season(day) * weekday(day) * traffic(day)",
        "         * exp(-b * (effective price / anchor price - 1))",
        "         * (1 + 0.8 * promotion discount) * freshness(days to expiry)",
        "",
        "with `b` the category's price sensitivity (1.4 for books to 3.2 for olive oil) varied by",
        "about 15 % per product. Daily units are a gamma-Poisson draw around it, so slow movers",
        "have many days without sales; products run out of stock now and then, shelf prices change",
        "a few times a year, and promotions of 10 to 40 % run for one or two weeks. Perishable",
        "products sell 10 to 20 % less on their stock's last two days.",
        "",
        f"- {config['train_shops']} training shops and {config['validation_shops']} validation shops of "
        f"{config['products_per_shop']} products, {config['history_days']} days of history each;",
        f"- {config['anchors_per_shop']} decision days per shop (80 % with a year of history behind them),",
        f"  {config['prices_per_context']} candidate prices per product and day, from 36 % below to 57 % above the current price;",
        f"- {metrics['training_rows']:,} training rows and {metrics['validation_rows']:,} validation rows;",
        f"- seed {config['seed']} for everything (training shops from it, validation shops from it + 500,000).",
        "",
        "Targets are the simulator's expected demand over the horizon, not a random draw: the",
        "noise the model has to cope with is in its inputs, which are computed from the simulated",
        "sales history with the same code the app runs on a shop database",
        "(`retail_assistant/core/pricing_history.py` and `pricing_features.py`).",
        "",
        "## Features",
        "",
        "| # | name | meaning |",
        "| --- | --- | --- |",
    ]
    for number, name in enumerate(metrics["feature_names"]):
        lines.append(f"| {number} | `{name}` | {FEATURES.get(name, '')} |")
    lines += [
        "",
        "## Model",
        "",
        f"scikit-learn GradientBoostingRegressor, {config['trees']} trees of depth {config['max_depth']}, learning rate "
        f"{config['learning_rate']}, subsample {config['subsample']}, at least {config['min_samples_leaf']} rows a leaf,",
        "fitted to the log multiplier with the exposure (expected units at the reference rate) as",
        "sample weight, and exported with skl2onnx; an Exp node after the trees returns the",
        "multiplier. HistGradientBoostingRegressor with a Poisson loss was the first choice, but",
        "skl2onnx 1.20 fails to export it with protobuf 7 (a Python bool in an integer attribute).",
        "",
        f"- file size {metrics['model_bytes']:,} bytes, sha256 `{metrics['model_sha256']}`;",
        f"- ONNX and scikit-learn multipliers differ by at most {metrics['onnx_max_relative_difference']:.1e} relative "
        "on the validation rows (float32 thresholds);",
        f"- trained in {metrics['training_seconds']:.0f} s ({metrics['simulation_seconds']:.0f} s simulating, "
        f"{metrics['fit_seconds']:.0f} s fitting) with Python {versions['python']}, numpy {versions['numpy']}, "
        f"scikit-learn {versions['scikit-learn']}, skl2onnx {versions['skl2onnx']}, onnx {versions['onnx']}.",
        "",
        "## Metrics on the validation shops",
        "",
        "Units are the expected units over each row's horizon.",
        "",
        f"- Poisson deviance per row: {validation['poisson_deviance']} (the product's own rate alone, "
        f"multiplier 1: {validation['poisson_deviance_exposure_only']}), so the model explains "
        f"{100 * validation['deviance_explained']:.1f} % of the deviance the rate leaves;",
        f"- mean absolute error: {validation['mean_abs_error_units']} units, for a mean of {validation['mean_units']} "
        f"(predicted mean {validation['mean_predicted_units']});",
        f"- price sensitivity (minus the slope of log demand in log price at the row's price, ±10 %): mean "
        f"absolute error {validation['elasticity_mean_abs_error']} against the true local value. For comparison, "
        f"each row's true category mean is off by {validation['elasticity_category_mean_abs_error']} on average, "
        "because each product's sensitivity differs from its category's by about 15 % and the local value also "
        "moves with the price.",
        "",
        "| category | rows | true sensitivity | model |",
        "| --- | --- | --- | --- |",
    ]
    for category, row in validation["elasticity_by_category"].items():
        lines.append(f"| {category} | {row['rows']} | {row['true']} | {row['model']} |")
    errors = [(row["model"] - row["true"]) / row["true"] for row in validation["elasticity_by_category"].values()]
    if max(errors) < 0:
        spread = f"{-100 * max(errors):.0f} % to {-100 * min(errors):.0f} % below"
    elif min(errors) > 0:
        spread = f"{100 * min(errors):.0f} % to {100 * max(errors):.0f} % above"
    else:
        spread = f"between {100 * min(errors):+.0f} % and {100 * max(errors):+.0f} % off"
    lines += [
        "",
        f"Per category, the model's mean sensitivity is {spread} the true one. Where it is too low, the",
        "optimizer leans toward slightly higher prices than the best.",
    ]

    lines += ["", "## Decisions on held-out shops", ""]
    if evaluation is None:
        lines.append("Not evaluated yet: run `.venv/bin/python models/pricing/evaluate.py`.")
    else:
        lines += _evaluation_lines(evaluation)

    lines += [
        "",
        "## Reproducing",
        "",
        "    .venv/bin/python models/pricing/train.py          # writes demand.onnx, metrics.json, this card",
        "    .venv/bin/python models/pricing/evaluate.py       # writes evaluation.txt, evaluation.json, this card",
        "    .venv/bin/python models/pricing/train.py --check  # retrains in a scratch folder and compares",
        "",
        "Every draw comes from fixed seeds. With the library versions above, a retraining gives",
        "the same metrics and a byte-identical model file. `--check` accepts a relative difference",
        "of each validation metric up to 1 %, the margin allowed for other numpy and scikit-learn",
        "versions; that margin is an allowance, not a measured spread across versions.",
        "",
        "## Limits",
        "",
        "- Trained only on simulated shops. The curve shapes (one exponential price response per",
        "  category, promotions as a price cut plus a display lift) are assumptions, and a real shop's",
        "  customers may react differently. The calibration to the shop's last eight weeks corrects",
        "  the level of demand, not its response to price.",
        "- Categories outside the 27 known ones are all \"other\", with an average response.",
        "- No competitor prices, substitution between products, or cannibalisation by promotions.",
        "- Slow movers (a few sales a year) get a noisy rate; their recommendations rest mostly on",
        "  the category's response and are marked as slow movers.",
        "- Expected profit assumes Poisson demand, restocking outside clearance windows, and no",
        "  deliveries inside them.",
    ]
    return "\n".join(lines) + "\n"


def _evaluation_lines(evaluation: dict) -> list[str]:
    groups = evaluation["groups"]
    lines = [
        f"From `evaluation.txt` ({evaluation['shops']} shops, {groups['all']['products']} products, default rules):",
        "expected profit over the horizon as a share of the oracle's, where the oracle picks the best",
        "candidate with the true demand curve. Keep is the current price; cost-plus is cost times a",
        "category markup plus VAT.",
        "",
        "| group | products | model | keep | cost-plus |",
        "| --- | --- | --- | --- | --- |",
    ]
    for name, group in groups.items():
        shares = group["share_of_oracle"]
        if name.startswith("clearance") or shares["oracle"] != 1.0:
            continue
        lines.append(
            f"| {name} | {group['products']} | {100 * shares['model']:.1f} % | {100 * shares['keep']:.1f} % | "
            f"{100 * shares['cost_plus']:.1f} % |"
        )
    clearance = evaluation.get("clearance")
    if clearance:
        lines += [
            "",
            f"Stock expiring within the horizon ({clearance['products']} products): mean shortfall against the oracle "
            f"per product {clearance['shortfall']['model']} € for the model, {clearance['shortfall']['keep']} € "
            f"for keep and {clearance['shortfall']['cost_plus']} € for cost-plus. Shares mean little there, "
            "because the oracle's own profit is often negative (some stock is lost whatever the price).",
        ]
    return lines
