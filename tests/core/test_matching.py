from retail_assistant.core.matching import ProductIndex
from retail_assistant.core.text import tokens
from retail_assistant.core.understanding import PACKAGING_WORDS

from tests.core.fakes import product

CATALOGUE = [
    product("H1", "Rosemary honey 500 g", "Miel de romero 500 g"),
    product("H2", "Orange blossom honey 1 kg", "Miel de azahar 1 kg"),
    product("M1", "Cured Manchego cheese 250 g", "Queso manchego curado 250 g"),
    product("M2", "Semi-cured Manchego cheese 250 g", "Queso manchego semicurado 250 g"),
    product("T1", "Tuna in olive oil can 120 g", "Atún en aceite de oliva lata 120 g"),
    product("O1", "Extra virgin olive oil 1 l", "Aceite de oliva virgen extra 1 l"),
    product("S1", "Sea salt 1 kg", "Sal marina 1 kg"),
]
INDEX = ProductIndex(CATALOGUE)


def match(text):
    return INDEX.match(tokens(text), optional=PACKAGING_WORDS)


def test_full_english_name_is_unique():
    result = match("Rosemary honey 500 g")
    assert result.skus == ("H1",)
    assert result.unique


def test_full_spanish_name_is_unique():
    result = match("miel de romero 500 g")
    assert result.skus == ("H1",)


def test_accents_and_case_are_ignored():
    assert match("ATUN EN ACEITE DE OLIVA LATA 120 G").skus == ("T1",)


def test_plural_matches_singular():
    result = match("jars of honeys")
    assert set(result.skus) == {"H1", "H2"}
    assert not result.unique


def test_typo_still_matches():
    result = match("manchgo curado")
    assert result.skus[0] == "M1"
    assert result.unique


def test_generic_word_lists_all_candidates():
    result = match("manchego")
    assert set(result.skus) == {"M1", "M2"}
    assert not result.unique


def test_numbers_must_match_exactly():
    assert match("honey 250 g").skus != ("H1",)


def test_unknown_words_match_nothing():
    assert not match("unicorn glitter").found


def test_short_words_need_exact_spelling():
    # "sol" is one edit from "sal", but a three-letter typo is too risky to accept.
    assert not match("sol").found


def test_grammar_word_in_name_completes_it():
    index = ProductIndex([
        product("W1", "Still mineral water 1.5 l", "Agua mineral sin gas 1,5 l"),
        product("W2", "Mineral water pack 6 x 1.5 l", "Agua mineral pack 6 x 1,5 l"),
    ])
    words = tokens("How many Still mineral water 1.5 l are in stock?")
    result = index.match([w for w in words if w not in {"how", "many", "still", "are", "in", "stock"}],
                         context=frozenset(words))
    assert result.skus == ("W1",)


def test_packaging_word_selects_nothing_alone():
    index = ProductIndex([
        product("T1", "Tuna in olive oil 120 g", "Atún en aceite de oliva 120 g"),
        product("C1", "Cola can 330 ml", "Refresco de cola lata 330 ml"),
    ])
    words = tokens("¿Cuántas latas de atún quedan?")
    result = index.match([w for w in words if w in {"lata", "atun"}], optional=PACKAGING_WORDS,
                         context=frozenset(words))
    assert result.skus == ("T1",)
