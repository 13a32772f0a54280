"""English for messages and summaries, in one place: ``plural(1, "file")`` is ``1 file``."""

from __future__ import annotations

__all__ = ["plural"]


def plural(n: int, word: str, words: str = "") -> str:
    """``1 file``, ``2 files``; ``words`` when the plural is not ``word + "s"``."""
    return f"{n} {word}" if n == 1 else f"{n} {words or word + 's'}"
