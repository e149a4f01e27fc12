"""Text normalisation shared by question understanding and product matching.

Matching must survive accents, case, plurals and small typos in two languages, so both
the question and the catalogue names go through the same folding and the same crude
singular stem. The stem is not linguistically right ("olive" becomes "oliv"); it only
has to map the singular and plural of one word to the same key.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["fold", "stem", "tokens"]

_WORD = re.compile(r"[a-z0-9]+(?:[.,][0-9]+)?")


def fold(text: str) -> str:
    """Lower-case `text` and strip accents and other combining marks ("Piña" -> "pina")."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def stem(word: str) -> str:
    """Map a folded English or Spanish word and its plural to one key ("jars", "jar" -> "jar")."""
    if word[0].isdigit():
        return word
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s"):
        word = word[:-1]
    if len(word) > 3 and word.endswith("e"):
        word = word[:-1]
    return word


def tokens(text: str) -> list[str]:
    """Split `text` into folded, stemmed words; numbers keep their decimal part ("1,5")."""
    return [stem(word) for word in _WORD.findall(fold(text))]
