"""The command line, run as a user runs it: a separate process on a real shop folder."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from retail_assistant.adapters.store import ProductRepository, open_database


def run_cli(*args, home=None, env_extra=None, timeout=120):
    command = [sys.executable, "-m", "retail_assistant", *args]
    if home is not None:
        command += ["--home", str(home)]
    import os

    env = {**os.environ, **(env_extra or {})}
    return subprocess.run(command, capture_output=True, text=True, timeout=timeout, env=env, check=False)


@pytest.fixture(scope="module")
def demo_home(tmp_path_factory):
    home = tmp_path_factory.mktemp("demo-shop")
    result = run_cli("demo", home=home)
    assert result.returncode == 0, result.stderr
    return home


@pytest.fixture(scope="module")
def demo_products(demo_home):
    db = open_database(demo_home / "shop.sqlite")
    products = ProductRepository(db).all()
    db.conn.close()
    return products


def sample(products, count=4):
    step = max(1, len(products) // count)
    return products[::step][:count]


def test_demo_reports_its_size(demo_home, demo_products):
    assert len(demo_products) >= 300


def test_demo_twice_needs_reset(demo_home):
    result = run_cli("demo", home=demo_home)
    assert result.returncode == 2
    assert "--reset" in result.stderr


def test_english_stock_question_is_exact(demo_home, demo_products):
    for product in sample(demo_products):
        result = run_cli("ask", f"How many {product.name_en} are in stock?", "--json", home=demo_home)
        assert result.returncode == 0, result.stderr
        answer = json.loads(result.stdout)
        assert answer["route"] == "local"
        assert answer["skus"] == [product.sku]
        assert product.stock.format("en") in answer["answer"]


def test_spanish_stock_question_is_exact(demo_home, demo_products):
    for product in sample(demo_products[1:]):
        result = run_cli("ask", f"¿Cuántas unidades de {product.name_es} quedan?", "--json", home=demo_home)
        assert result.returncode == 0, result.stderr
        answer = json.loads(result.stdout)
        assert answer["route"] == "local"
        assert answer["skus"] == [product.sku]
        assert answer["language"] == "es"
        assert product.stock.format("es") in answer["answer"]


def test_json_output_is_one_object(demo_home):
    result = run_cli("ask", "Write a one-line greeting for our customers.", "--json", home=demo_home)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 1
    answer = json.loads(lines[0])
    assert answer["route"] == "local"
    assert answer["intent"] == "writing"
    assert answer["reason_code"] == "cloud_not_configured"


def test_empty_question_exits_two(demo_home):
    result = run_cli("ask", "   ", home=demo_home)
    assert result.returncode == 2
    assert "empty" in result.stderr


def test_cloud_route_exits_two(demo_home):
    result = run_cli("ask", "Write a label", "--route", "cloud", home=demo_home)
    assert result.returncode == 2


def test_missing_model_still_answers_stock(demo_home, demo_products, tmp_path):
    product = demo_products[0]
    missing = tmp_path / "no-such-model.gguf"
    result = run_cli("ask", f"How many {product.name_en} are in stock?", "--json", "--model", str(missing),
                     home=demo_home)
    assert result.returncode == 0, result.stderr
    assert product.stock.format("en") in json.loads(result.stdout)["answer"]


def test_missing_model_chat_names_path(demo_home, tmp_path):
    missing = tmp_path / "no-such-model.gguf"
    result = run_cli("ask", "Write a greeting", "--json", "--model", str(missing), home=demo_home)
    assert result.returncode == 1
    assert str(missing) in json.loads(result.stdout)["answer"]


def test_import_missing_file_exits_two(tmp_path):
    result = run_cli("import", str(tmp_path / "absent.csv"), home=tmp_path / "shop")
    assert result.returncode == 2
    assert "absent.csv" in result.stderr


def test_bad_settings_file_exits_two(tmp_path):
    (tmp_path / "settings.json").write_text("{not json", encoding="utf-8")
    result = run_cli("ask", "How many jars of honey are left?", home=tmp_path)
    assert result.returncode == 2
    assert "settings.json" in result.stderr


@pytest.fixture(scope="module")
def imported_home(tmp_path_factory):
    from pathlib import Path

    data = Path(__file__).parent / "data" / "import"
    home = tmp_path_factory.mktemp("imported-shop")
    for name in ("shopify_products_export.csv", "square_item_library.csv"):
        result = run_cli("import", str(data / name), "--json", home=home)
        assert result.returncode == 0, result.stderr
        assert json.loads(result.stdout)["new"] > 0
    return home


@pytest.mark.parametrize(
    ("question", "sku", "expected"),
    [
        ("How many Queso Manchego Curado 500 g are in stock?", "QMC-500", "9"),
        ("How many Queso Manchego Curado 1 kg are left?", "QMC-1000", "3"),
        ("¿Cuántas unidades de Aceitunas Gordal Aliñadas frasco 700 g quedan?", "ACE-GOR-700", "3"),
        ("What does the Aceite de Oliva Virgen Extra Picual cost?", "000481", "€14.95"),
        ("¿A cuánto está el turrón artesano Alicante 300 g?", "TUR-A-300", "11,40 €"),
        ("How many Chorizo Ibérico de Bellota are in stock?", "CHO-IB-225", "19"),
    ],
)
def test_imported_products_are_answered(imported_home, question, sku, expected):
    result = run_cli("ask", question, "--json", home=imported_home)
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout)
    assert answer["skus"] == [sku]
    assert expected in answer["answer"]
    assert answer["route"] == "local"


def test_self_test_passes_offscreen(demo_home):
    result = run_cli("self-test", "--json", home=demo_home, env_extra={"QT_QPA_PLATFORM": "offscreen"})
    assert result.returncode == 0, result.stdout + result.stderr
    report = json.loads(result.stdout)
    assert report["passed"] is True
    assert [check["name"] for check in report["checks"]] == [
        "database", "local model", "data question", "pricing model", "window", "cloud settings",
    ]


def test_self_test_fails_without_model(demo_home, tmp_path):
    result = run_cli("self-test", "--json", "--model", str(tmp_path / "gone.gguf"), home=demo_home,
                     env_extra={"QT_QPA_PLATFORM": "offscreen"})
    assert result.returncode == 1
    checks = {check["name"]: check for check in json.loads(result.stdout)["checks"]}
    assert checks["local model"]["passed"] is False
    assert "gone.gguf" in checks["local model"]["detail"]
    assert checks["data question"]["passed"] is True


def test_damaged_database_fails_cleanly(tmp_path):
    (tmp_path / "shop.sqlite").write_bytes(b"\x00garbage" * 2000)
    env = {"QT_QPA_PLATFORM": "offscreen"}
    for command in (["self-test", "--json"], ["gui"]):
        result = run_cli(*command, home=tmp_path, env_extra=env)
        assert result.returncode == 1, command
        assert "Traceback" not in result.stderr
        assert "Aborted" not in result.stderr
    assert "move it aside" in result.stderr


def test_dry_run_leaves_no_shop(tmp_path):
    from pathlib import Path

    data = Path(__file__).parent / "data" / "import" / "shopify_products_export.csv"
    home = tmp_path / "new-shop"
    result = run_cli("import", str(data), "--dry-run", "--json", home=home)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["new"] > 0
    assert not (home / "shop.sqlite").exists()


def test_unencodable_output_is_replaced(demo_home):
    result = run_cli("ask", "How many 😀 are in stock?", home=demo_home, env_extra={"PYTHONIOENCODING": "cp1252"})
    assert "Traceback" not in result.stderr
    assert result.returncode == 0


def test_out_of_range_setting_exits_two(tmp_path):
    (tmp_path / "settings.json").write_text('{"n_ctx": 1e400}', encoding="utf-8")
    result = run_cli("ask", "How many jars of honey are left?", home=tmp_path)
    assert result.returncode == 2
    assert "n_ctx" in result.stderr


def test_pricing_question_uses_model(demo_home, demo_products):
    product = demo_products[3]
    result = run_cli("ask", f"What should I charge for {product.name_en}?", "--json", home=demo_home)
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout)
    assert answer["intent"] == "pricing"
    assert answer["reason_code"] == "pricing_model"
    assert answer["skus"] == [product.sku]


def test_price_all_covers_every_product(demo_home, demo_products):
    result = run_cli("price", "--all", "--json", home=demo_home)
    assert result.returncode == 0, result.stderr
    recommendations = json.loads(result.stdout)
    assert {item["sku"] for item in recommendations} == {product.sku for product in demo_products}
