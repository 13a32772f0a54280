"""The canonical form of a whole file, refusing when it would change the file's meaning."""

from __future__ import annotations

import dataclasses
from typing import Tuple

from .errors import Diagnostic, LictoolError
from .model import KeywordRecord, LicenseFile
from .words import plural


class FormatRefused(LictoolError):
    def __init__(self, message: str, diagnostics: Tuple[Diagnostic, ...] = ()) -> None:
        super().__init__(message)
        self.diagnostics = diagnostics


def canonical(lf: LicenseFile) -> LicenseFile:
    """Every keyword record without its original text, so the writer renders it canonically;
    comments, blank lines and opaque lines keep their bytes."""
    recs = tuple(dataclasses.replace(r) if isinstance(r, KeywordRecord) else r for r in lf.records)
    return dataclasses.replace(lf, records=recs)


def format_file(lf: LicenseFile) -> Tuple[LicenseFile, str, str]:
    """-> (formatted file, its text, the original text). Raises FormatRefused when ``lf`` has
    syntax errors or when the formatted text would not parse back to the same records."""
    from .syntax.parser import parse
    from .writer import dumps

    if lf.errors:
        raise FormatRefused(plural(len(lf.errors), "syntax error"), lf.errors)
    new = canonical(lf)
    text = dumps(new)
    again = parse(text, lf.path)   # fmt's one reading of its output: the check is the point
    if again.errors or again.records != lf.records:
        for i, (a, b) in enumerate(zip(lf.records, again.records)):
            if a != b:
                where = f"line {a.line}" if a.line else f"record {i + 1}"
                raise FormatRefused(f"formatting would change the meaning of {where}; "
                                    "the file is left as it is")
        raise FormatRefused("formatting would change the meaning of the file")
    return new, text, dumps(lf)
