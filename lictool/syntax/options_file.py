"""Telling an lmgrd options file from a license file, by the keywords its lines start with
(``grammars/options.toml``; license-file line keywords from ``grammars/flexnet.toml``).

lictool does not read options files yet: a command given one says so, with the place of the
first options keyword, instead of reading it as a license file (where ``RESERVE`` would be an
unknown line, "did you mean SERVER?")."""

from __future__ import annotations

from typing import Optional, Tuple

from ..source import first_word, is_continued, physical_lines
from .vocabulary import options_spec, spec

__all__ = ["options_file_line", "NOT_A_LICENSE_FILE"]

NOT_A_LICENSE_FILE = ("{keyword}: an lmgrd options file, not a license file (lictool does not "
                      "check options files yet)")


def options_file_line(text: str) -> Optional[Tuple[int, int, str]]:
    """``(line, column, keyword)`` of the first line that starts with an options-file keyword,
    when ``text`` is an options file: no line starts with a license-file line keyword, and most
    of its lines (comments, blank lines and continuations aside) start with options keywords.
    None otherwise."""
    license_words = spec().keyword_to_kind
    option_words = options_spec().keywords
    first: Optional[Tuple[int, int, str]] = None
    options = others = 0
    continued = False
    for n, line in enumerate(physical_lines(text), 1):      # the parser's line numbers
        was_continued, continued = continued, is_continued(line)
        start, end = first_word(line)
        word = line[start:end]
        if was_continued or not word or word.startswith("#"):
            continue
        upper = word.upper()
        if upper in license_words:
            return None
        if upper in option_words:
            options += 1
            if first is None:
                first = (n, start + 1, word)
        else:
            others += 1
    return first if first is not None and options >= others else None
