"""lictool's own error type and the diagnostics the parser attaches to a file."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional


@dataclass(frozen=True)
class Diagnostic:
    """A problem at a place in a file: 1-based line and column (a tab is one column), the end
    exclusive, a stable ``code`` (``syntax-error``, ``unknown-line``) and a severity."""

    line: int
    column: int
    message: str
    end_line: int = 0
    end_column: int = 0
    code: str = "syntax-error"
    severity: str = "error"
    hint: Optional[str] = None

    def format(self, path: Optional[str] = None) -> str:
        where = f"{path or '<string>'}:{self.line}:{self.column}"
        return f"{where}: {self.message}"


class LictoolError(Exception):
    """Every error lictool raises on bad input: unreadable files, binary data, bad usage.

    ``path``, ``line`` and ``column`` say where, when known; ``str()`` is ``path:line:col: message``.
    """

    def __init__(self, message: str, path: Optional[str] = None, line: Optional[int] = None,
                 column: Optional[int] = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line
        self.column = column

    def __str__(self) -> str:
        where = self.path or ""
        if self.line is not None:
            where += f":{self.line}:{self.column or 1}"
        return f"{where}: {self.message}" if where else self.message
