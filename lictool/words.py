"""English for messages and summaries, in one place: ``plural(1, "file")`` is ``1 file``,
``and_list(["a", "b", "c"])`` is ``a, b and c``."""

from __future__ import annotations

from typing import Iterable

__all__ = ["plural", "and_list"]


def plural(n: int, word: str, words: str = "") -> str:
    """``1 file``, ``2 files``; ``words`` when the plural is not ``word + "s"``."""
    return f"{n} {word}" if n == 1 else f"{n} {words or word + 's'}"


def and_list(items: Iterable[str], conjunction: str = "and") -> str:
    """``a``, ``a and b``, ``a, b and c`` (no serial comma); ``""`` for no items."""
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {conjunction} " + items[-1]
