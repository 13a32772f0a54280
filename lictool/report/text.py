"""``path:line:col: CODE [severity] message (rule-name)``, a hint line, and a summary."""

from __future__ import annotations

from collections import Counter
from typing import List

COLORS = {"error": "\033[31m", "warning": "\033[33m", "info": "\033[36m"}
BOLD, DIM, RESET = "\033[1m", "\033[2m", "\033[0m"


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
    counts = Counter(f.severity for f in findings)
    where = f" in {_plural(files_checked, 'file')}" if files_checked else ""
    if findings:
        parts = [_plural(counts[s], s) for s in ("error", "warning", "info") if counts[s]]
        out.append(f"Found {_plural(len(findings), 'problem')} ({', '.join(parts)}){where}.")
    else:
        out.append(f"No problems found{where}.")
    return "\n".join(out) + "\n"
