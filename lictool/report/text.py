"""``path:line:col: CODE [severity] message (rule-name)``, a hint line, and a summary.

Repeats are folded: a finding may carry a ``group`` key (:attr:`lictool.lint.rule.Finding.group`;
the hostid rules set it to the hostid). Of the findings of one file and rule
with the same key, the first :data:`SHOWN` are printed in full and the rest are summed up in one
line after them (``... and 597 more lines with the same hostid '000C29A41B7E'``), unless that
line would stand for only one finding. Only this report folds: JSON, SARIF and GitHub keep every
finding, and the summary counts every finding."""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Dict, List, Set, Tuple

from ..lint.rules.unreadable_input import RULE as UNREADABLE_RULE

COLORS = {"error": "\033[31m", "warning": "\033[33m", "info": "\033[36m"}
BOLD, DIM, RESET = "\033[1m", "\033[2m", "\033[0m"
UNREADABLE = UNREADABLE_RULE.code
SHOWN = 3   # findings of a group printed in full before the rest are summed up


def plural(n: int, word: str, words: str = "") -> str:
    """``1 file``, ``2 files``; ``words`` when the plural is not ``word + "s"``."""
    return f"{n} {word}" if n == 1 else f"{n} {words or word + 's'}"


def _groups(findings) -> Tuple[Dict[int, str], Set[int]]:
    """(index of the last finding shown of each folded group -> its summary line, the indexes
    of the findings it stands for)."""
    members: Dict[Tuple[str, str, str], List[int]] = defaultdict(list)
    for i, f in enumerate(findings):
        key = f.group
        if key:
            members[(f.path, f.rule, key)].append(i)
    after: Dict[int, str] = {}
    hidden: Set[int] = set()
    for (_, rule, key), idx in members.items():
        if len(idx) <= SHOWN + 1:
            continue
        rest = idx[SHOWN:]
        first, last = findings[rest[0]].line, findings[rest[-1]].line
        after[idx[SHOWN - 1]] = (f"    ... and {len(rest)} more lines with the same {key}, from "
                                 f"line {first} to line {last} ({rule})")
        hidden.update(rest)
    return after, hidden


def render(findings, color: bool = False, files_checked: int = 0) -> str:
    findings = list(findings)
    after, hidden = _groups(findings)
    out: List[str] = []
    for i, f in enumerate(findings):
        if i in hidden:
            continue
        sev = f"[{f.severity}]"
        code = f.code
        if color:
            sev = f"{COLORS.get(f.severity, '')}{sev}{RESET}"
            code = f"{BOLD}{code}{RESET}"
        out.append(f"{f.path}:{f.line}:{f.column}: {code} {sev} {f.message} ({f.rule})")
        if f.hint:
            hint = f"    hint: {f.hint}"
            out.append(f"{DIM}{hint}{RESET}" if color else hint)
        if i in after:
            out.append(f"{DIM}{after[i]}{RESET}" if color else after[i])
    out.append(summary(findings, files_checked))
    return "\n".join(out) + "\n"


def summary(findings, files_checked: int = 0) -> str:
    """The last line. It never says "no problems" when an input could not be read: such an
    input (an ``unreadable-input`` finding) is counted on its own."""
    failed = [f for f in findings if f.code == UNREADABLE]
    problems = [f for f in findings if f.code != UNREADABLE]
    counts = Counter(f.severity for f in problems)
    where = f" in {plural(files_checked, 'file')}" if files_checked else ""
    unread = (f"{plural(len(failed), 'input')} could not be read or checked"
              if failed else "")
    if problems:
        parts = [plural(counts[s], s) for s in ("error", "warning", "info") if counts[s]]
        line = f"Found {plural(len(problems), 'problem')} ({', '.join(parts)}){where}"
        return f"{line}; {unread}." if unread else f"{line}."
    if unread:
        verb = "was" if files_checked == 1 else "were"
        unread = unread[0].upper() + unread[1:]
        if not files_checked:
            return f"{unread}."
        return f"{unread}; no problems in the {plural(files_checked, 'file')} that {verb} checked."
    return f"No problems found{where}."
