from retail_assistant.core.answers import check_phrasing, price_answer, stock_answer

from tests.core.fakes import product

HONEY = product("H1", "Rosemary honey 500 g", "Miel de romero 500 g", stock="37", price="6.95", unit="jar", vat="10")


def test_stock_template_in_english():
    assert stock_answer([HONEY], "en").text == "There are 37 jars of Rosemary honey 500 g in stock."


def test_stock_template_in_spanish():
    assert stock_answer([HONEY], "es").text == "Quedan 37 tarros de Miel de romero 500 g."


def test_price_template_in_spanish():
    text = price_answer([HONEY], "es").text
    assert text == "Miel de romero 500 g cuesta 6,95 € por tarro (IVA del 10 % incluido)."


def test_several_products_are_listed():
    other = product("H2", "Orange blossom honey 1 kg", "Miel de azahar 1 kg", stock="4", unit="jar")
    text = stock_answer([HONEY, other], "en").text
    assert "• Rosemary honey 500 g: 37 jars" in text
    assert "• Orange blossom honey 1 kg: 4 jars" in text


def test_rewording_with_right_numbers_passes():
    answer = stock_answer([HONEY], "en")
    assert check_phrasing("Good news: we still have 37 jars of Rosemary honey 500 g!", answer)


def test_rewording_with_wrong_number_fails():
    answer = stock_answer([HONEY], "en")
    assert not check_phrasing("We have 38 jars of Rosemary honey 500 g.", answer)


def test_rewording_without_key_number_fails():
    answer = stock_answer([HONEY], "en")
    assert not check_phrasing("We have plenty of Rosemary honey 500 g.", answer)


def test_rewording_without_product_name_fails():
    answer = stock_answer([HONEY], "en")
    assert not check_phrasing("We have 37 jars left.", answer)


def test_spanish_price_rewording_passes():
    answer = price_answer([HONEY], "es")
    assert check_phrasing("La Miel de romero 500 g está a 6,95 € con el IVA del 10 %.", answer)


def test_unlisted_matches_are_counted():
    other = product("H2", "Orange blossom honey 1 kg", "Miel de azahar 1 kg", stock="4", unit="jar")
    assert stock_answer([HONEY, other], "en", more=7).text.endswith("…and 7 more. Add words from the name to narrow the list.")
    assert price_answer([HONEY, other], "es", more=2).text.endswith("…y 2 más. Añade palabras del nombre para acotar la lista.")
