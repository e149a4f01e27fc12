from retail_assistant.core.text import fold, stem, tokens


def test_fold_strips_accents_and_case():
    assert fold("Piña ATÚN Jamón") == "pina atun jamon"


def test_stem_maps_plurals_together():
    pairs = [("jars", "jar"), ("tomatoes", "tomato"), ("cherries", "cherry"), ("limones", "limón"),
             ("latas", "lata"), ("cheeses", "cheese"), ("quesos", "queso"), ("panes", "pan")]
    for plural, singular in pairs:
        assert stem(fold(plural)) == stem(fold(singular)), (plural, singular)


def test_tokens_keep_decimal_numbers():
    assert tokens("Aceite 0,75 l") == ["aceit", "0,75", "l"]
