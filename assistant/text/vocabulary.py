"""English word frequencies (wordfreq's offline list), the yardstick for "is this a word?" in cleaning:
rejoining kerning splits, choosing how to de-hyphenate, and recognising OCR gibberish."""

from __future__ import annotations

import math
from functools import lru_cache


@lru_cache(maxsize=1)
def _frequencies() -> dict[str, float]:
    from wordfreq import get_frequency_dict

    # 'large' (~320k words) knows British spellings and rare forms ("liveability", "urbanisation").
    return get_frequency_dict("en", wordlist="large")


@lru_cache(maxsize=200_000)
def zipf(word: str) -> float:
    """log10 of occurrences per billion words; 0 for a word wordfreq has never seen."""
    frequency = _frequencies().get(word.lower(), 0.0)
    return math.log10(frequency * 1e9) if frequency > 0 else 0.0


@lru_cache(maxsize=200_000)
def is_word(word: str) -> bool:
    """Single letters other than 'a' and 'I' are fragments, however often they occur on their own."""
    if len(word) == 1:
        return word in "aAI"
    return word.lower() in _frequencies()
