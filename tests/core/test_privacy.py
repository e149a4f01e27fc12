from retail_assistant.core.privacy import PlaceholderRestorer, mask_personal_data


def test_personal_data_is_masked():
    masked = mask_personal_data(
        "Write to ana.lopez@example.com or call 612 345 678 about IBAN ES91 2100 0418 4502 0005 1332, "
        "card 4111 1111 1111 1111, DNI 12345678Z"
    )
    for value in ("ana.lopez@example.com", "612 345 678", "ES91 2100 0418 4502 0005 1332",
                  "4111 1111 1111 1111", "12345678Z"):
        assert value not in masked.text
    assert masked.kinds() == ["CARD", "EMAIL", "IBAN", "ID", "PHONE"]


def test_prices_and_invalid_numbers_stay():
    text = "Price 1.234,56 €, order 20240917, card 4111 1111 1111 1112, DNI 12345678A"
    assert mask_personal_data(text).text == text


def test_same_value_same_placeholder():
    masked = mask_personal_data("ana@example.com and again ana@example.com")
    assert masked.text == "[EMAIL_1] and again [EMAIL_1]"


def test_restorer_handles_split_placeholder():
    restorer = PlaceholderRestorer({"[EMAIL_1]": "ana@example.com"})
    pieces = list(restorer.restore_all(iter(["Dear [EM", "AIL", "_1], thanks [not a placeholder]"])))
    assert "".join(pieces) == "Dear ana@example.com, thanks [not a placeholder]"
