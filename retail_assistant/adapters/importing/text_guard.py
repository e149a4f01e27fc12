"""Treating text from imported files as data: defusing chat-template markers, flagging instructions.

Product names and descriptions end up in prompts for the local and the cloud model.
A marker such as "<|im_end|>" in a name could close the user's turn, so it is stored
with the look-alike bracket of `neutralise_markers` (it reads the same to a person).
Text that reads like an instruction to a model ("ignore previous instructions",
"system:") cannot be defused without changing its meaning, so it is stored as given
and flagged for a person to check.
"""

from __future__ import annotations

import re

from retail_assistant.core.streaming import DEFAULT_STOP_STRINGS, neutralise_markers

__all__ = ["guard_text"]

# Markers of other chat templates that neutralise_markers does not know; they are
# flagged, not changed, because some ("[INST]") could be ordinary text.
_OTHER_MARKERS = re.compile(r"\[/?INST\]|<</?SYS>>|<\|(?:system|user|assistant)\|>|###\s*(?:Instruction|System)\b", re.I)

_INSTRUCTIONS = re.compile(
    r"""
    \b(?:ignore|disregard|forget|override)\s+(?:all\s+|any\s+|the\s+|your\s+)*
        (?:previous|prior|above|earlier|preceding|system)\s+(?:instructions?|prompts?|messages?|rules?)
    | \byou\s+are\s+now\b
    | \bnew\s+instructions?\s*:
    | (?:^|\n)\s*(?:system|assistant|developer)\s*:
    | \bignora\w*\s+(?:todas\s+)?(?:las\s+)?instrucciones
    | \bolvida\w*\s+(?:todas\s+)?(?:las\s+|tus\s+)?instrucciones
    | \bahora\s+eres\b
    | (?:^|\n)\s*sistema\s*:
    """,
    re.IGNORECASE | re.VERBOSE,
)


# Every marker and instruction above contains one of these, so text without any of
# them (nearly all product text) skips the slower checks.
_CANDIDATE = re.compile(
    r"<|\[|#|ignor|disregard|forget|override|you\s+are|instruction|system|assistant|developer|olvida|eres|sistema",
    re.IGNORECASE,
)


def guard_text(text: str, *, column: str) -> tuple[str, list[str]]:
    """Return `text` with chat-template markers defused, and the warnings to flag its row with."""
    if _CANDIDATE.search(text) is None:
        return text, []
    warnings: list[str] = []
    safe = neutralise_markers(text)
    if safe != text:
        found = sorted({marker for marker in DEFAULT_STOP_STRINGS if marker in text})
        warnings.append(
            f"the {column} contains the chat-template marker {', '.join(found)}; it is stored with a "
            "look-alike bracket so it cannot act on a language model"
        )

    other = _OTHER_MARKERS.search(safe)
    if other is not None:
        warnings.append(f"the {column} contains {other.group()!r}, a marker of chat prompts; check the text")

    instruction = _INSTRUCTIONS.search(safe)
    if instruction is not None:
        phrase = " ".join(instruction.group().split())
        warnings.append(
            f"the {column} reads like an instruction to a language model ({phrase!r}); "
            "it is stored as plain data, check the text"
        )
    return safe, warnings
