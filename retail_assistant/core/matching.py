"""Finding the products a question names, in either language.

Each product is indexed under the stemmed words of both its names. A question's words
are matched against that vocabulary exactly, or with a small typo (rapidfuzz's
normalised Levenshtein ratio) for words long enough that a typo cannot turn them into
another word. Numbers only match exactly, so "500 g" never matches "250 g".

A product scores by how much of the question it covers and, to break ties, how much of
its own name the question covers. When several products cover the question equally
well, all of them are returned and the caller lists them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from retail_assistant.core.catalog import Product, Sku
from retail_assistant.core.text import tokens

__all__ = ["MatchResult", "ProductIndex"]

TYPO_MIN_LENGTH = 5
"""Shorter words must match exactly: "sal" and "sol" are one edit apart."""

TYPO_MIN_RATIO = 80.0
"""rapidfuzz ratio (0-100) above which a word counts as a typo of a catalogue word."""

MAX_CANDIDATES = 8


@dataclass(frozen=True)
class MatchResult:
    """The products a phrase names, best first, and whether one of them is a clear winner."""

    skus: tuple[Sku, ...]
    unique: bool
    total: int = 0
    """How many products matched equally well; `skus` lists at most MAX_CANDIDATES of them."""

    @property
    def found(self) -> bool:
        """Whether any product matched."""
        return bool(self.skus)


@dataclass(frozen=True)
class _Entry:
    sku: Sku
    words: frozenset[str]


class ProductIndex:
    """An in-memory word index over the names of a catalogue."""

    def __init__(self, products: Iterable[Product]) -> None:
        self._entries: list[_Entry] = []
        self._postings: dict[str, set[int]] = defaultdict(set)
        for product in products:
            for name in {product.name_en, product.name_es}:
                words = frozenset(tokens(name))
                if not words:
                    continue
                position = len(self._entries)
                self._entries.append(_Entry(product.sku, words))
                for word in words:
                    self._postings[word].add(position)
        self._vocabulary = list(self._postings)

    def __len__(self) -> int:
        return len(self._entries)

    def match(
        self,
        words: Sequence[str],
        *,
        optional: frozenset[str] = frozenset(),
        context: frozenset[str] = frozenset(),
    ) -> MatchResult:
        """Return the products whose names best cover `words` (already folded and stemmed).

        Words in `optional` (packaging words such as "jar" or "lata") select products
        only when the question has no other words. Words in `context` (the whole
        question, grammar and packaging words included) do not select products, but a
        name word found there counts as covered, so "Still water" is named whole by
        "how much still water".
        """
        # Packaging words never select a product on their own: "latas de atún" must not
        # list every canned drink. They still complete a name through `context`.
        required = [word for word in words if word not in optional]
        if not required:
            required = [word for word in words if word in self._postings]
        words = required
        if not words:
            return MatchResult((), unique=False)

        similarity = {word: self._similar_words(word) for word in set(words)}
        scores: dict[int, float] = defaultdict(float)
        for word in words:
            for position, weight in self._positions(similarity[word]).items():
                scores[position] += weight

        best: dict[Sku, tuple[float, float]] = {}
        for position, covered in scores.items():
            entry = self._entries[position]
            query_coverage = covered / len(words)
            covered_names = (entry.words & _matched(similarity, entry.words)) | (entry.words & context)
            name_coverage = len(covered_names) / len(entry.words)
            score = (query_coverage, name_coverage)
            if score > best.get(entry.sku, (0.0, 0.0)):
                best[entry.sku] = score

        return _rank(best)

    def _similar_words(self, word: str) -> dict[str, float]:
        if word in self._postings:
            return {word: 1.0}
        if word[0].isdigit() or len(word) < TYPO_MIN_LENGTH:
            return {}
        close = process.extract(
            word, self._vocabulary, scorer=fuzz.ratio, score_cutoff=TYPO_MIN_RATIO, limit=3
        )
        return {candidate: score / 100 for candidate, score, _ in close}

    def _positions(self, similar: dict[str, float]) -> dict[int, float]:
        weights: dict[int, float] = {}
        for candidate, weight in similar.items():
            for position in self._postings[candidate]:
                weights[position] = max(weights.get(position, 0.0), weight)
        return weights


def _matched(similarity: dict[str, dict[str, float]], name_words: frozenset[str]) -> set[str]:
    return {candidate for similar in similarity.values() for candidate in similar if candidate in name_words}


def _rank(best: dict[Sku, tuple[float, float]]) -> MatchResult:
    if not best:
        return MatchResult((), unique=False)

    ranked = sorted(best.items(), key=lambda item: (-item[1][0], -item[1][1], item[0]))
    top_query = ranked[0][1][0]

    # Half the question's words must name the product, or it is a chance overlap
    # ("how much olive oil" should not match "Olive bread" through "olive" alone
    # when a better candidate exists, and never match on a lone unit word).
    if top_query < 0.5:
        return MatchResult((), unique=False)

    contenders = [(sku, score) for sku, score in ranked if score[0] >= top_query - 1e-9]
    whole_names = [sku for sku, score in contenders if score[1] >= 1.0 - 1e-9]
    if len(contenders) == 1:
        return MatchResult((contenders[0][0],), unique=True, total=1)
    if len(whole_names) == 1 and top_query >= 1.0 - 1e-9:
        # The question names one product completely, and the rest only share words with it.
        return MatchResult((whole_names[0],), unique=True, total=1)
    return MatchResult(tuple(sku for sku, _ in contenders[:MAX_CANDIDATES]), unique=False, total=len(contenders))
