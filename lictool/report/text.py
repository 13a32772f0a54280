"""``path:line:col: CODE [severity] message (rule-name)``, a hint line, and a summary."""

from __future__ import annotations

from collections import Counter
from typing import List

from ..lint.rules.unreadable_input import RULE as UNREADABLE_RULE

COLORS = {"error": "\033[31m", "warning": "\033[33m", "info": "\033[36m"}
BOLD, DIM, RESET = "\033[1m", "\033[2m", "\033[0m"
UNREADABLE = UNREADABLE_RULE.code


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def render(findings, color: bool = False, files_checked: int = 0) -> str:
    out: List[str] = []
    for f in findings:
        sev = f"[{f.severity}]"
        code = f.code
        if color:
            sev = f"{COLORS.get(f.severity, '')}{sev}{RESET}"
            code = f"{BOLD}{code}{RESET}"
        out.append(f"{f.path}:{f.line}:{f.column}: {code} {sev} {f.message} ({f.rule})")
        if f.hint:
            hint = f"    hint: {f.hint}"
            out.append(f"{DIM}{hint}{RESET}" if color else hint)
    out.append(summary(findings, files_checked))
    return "\n".join(out) + "\n"


def summary(findings, files_checked: int = 0) -> str:
    """The last line. It never says "no problems" when an input could not be read: such an
    input (an ``unreadable-input`` finding) is counted on its own."""
    failed = [f for f in findings if f.code == UNREADABLE]
    problems = [f for f in findings if f.code != UNREADABLE]
    counts = Counter(f.severity for f in problems)
    where = f" in {_plural(files_checked, 'file')}" if files_checked else ""
    unread = (f"{_plural(len(failed), 'input')} could not be read or checked"
              if failed else "")
    if problems:
        parts = [_plural(counts[s], s) for s in ("error", "warning", "info") if counts[s]]
        line = f"Found {_plural(len(problems), 'problem')} ({', '.join(parts)}){where}"
        return f"{line}; {unread}." if unread else f"{line}."
    if unread:
        verb = "was" if files_checked == 1 else "were"
        unread = unread[0].upper() + unread[1:]
        if not files_checked:
            return f"{unread}."
        return f"{unread}; no problems in the {_plural(files_checked, 'file')} that {verb} checked."
    return f"No problems found{where}."
