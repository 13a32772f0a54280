"""``path:line:col: CODE [severity] message (rule-name)``, a hint line, and a summary.

Repeats are folded: a finding may carry a ``group`` key (:attr:`lictool.lint.rule.Finding.group`;
the hostid rules set it to the hostid). Of the findings of one file and rule
with the same key, the first :data:`SHOWN` are printed in full and the rest are summed up in one
line after them (``... and 597 more lines with the same hostid '000C29A41B7E'``), unless that
line would stand for only one finding. Only this report folds: JSON, SARIF and GitHub keep every
finding, and the summary counts every finding.

The options of ``lictool lint``/``verify``/``check``: ``quiet`` (no hint lines, no summary),
``concise`` (one line per finding: no hint lines, nothing folded), ``statistics`` (a count per
rule instead of the findings)."""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Dict, List, Set, Tuple

from ..lint.rule import SEVERITY_RANK
from ..lint.rules.syntax.unreadable_input import RULE as UNREADABLE_RULE
from ..words import plural

COLORS = {"error": "\033[31m", "warning": "\033[33m", "info": "\033[36m"}
BOLD, DIM, RESET = "\033[1m", "\033[2m", "\033[0m"
UNREADABLE = UNREADABLE_RULE.code
SHOWN = 3   # findings of a group printed in full before the rest are summed up
#: the words of a count of findings of each severity (singular, plural), most severe first
SEVERITY_WORDS = {"error": ("error", "errors"), "warning": ("warning", "warnings"),
                  "info": ("info finding", "info findings")}


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


def render(findings, color: bool = False, files_checked: int = 0, *, quiet: bool = False,
           concise: bool = False, statistics: bool = False, hidden: int = 0,
           level: str = "") -> str:
    """The report. ``quiet``: the findings only (no hint lines, no summary). ``concise``: one
    line per finding (no hint lines, nothing folded). ``statistics``: a count per rule
    (:func:`statistics`) instead of the findings. ``hidden`` findings below ``level`` were left
    out (``--severity``); the summary says so."""
    findings = list(findings)
    if statistics:
        out = statistics_lines(findings, color)
    else:
        out = _finding_lines(findings, color, hints=not (quiet or concise), fold=not concise)
    if not quiet:
        out.append(summary(findings, files_checked, hidden=hidden, level=level))
    return "".join(line + "\n" for line in out)


def _finding_lines(findings, color: bool, hints: bool, fold: bool) -> List[str]:
    after, hidden = _groups(findings) if fold else ({}, set())
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
        if hints and f.hint:
            hint = f"    hint: {f.hint}"
            out.append(f"{DIM}{hint}{RESET}" if color else hint)
        if i in after:
            out.append(f"{DIM}{after[i]}{RESET}" if color else after[i])
    return out


def statistics_lines(findings, color: bool = False) -> List[str]:
    """One line per rule (and severity), most frequent first, ties by code:
    ``   12  L101  expired  [error]``, the columns aligned. Every finding is counted (nothing
    is folded)."""
    counts = Counter((f.code, f.rule, f.severity) for f in findings)
    rows = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0][0], SEVERITY_RANK.get(kv[0][2], 9),
                                                  kv[0][1]))
    if not rows:
        return []
    nw = max(5, *(len(str(n)) for _, n in rows))
    cw = max(len(code) for (code, _, _), _ in rows)
    rw = max(len(rule) for (_, rule, _), _ in rows)
    out = []
    for (code, rule, sev), n in rows:
        tag = f"[{sev}]"
        if color:
            tag = f"{COLORS.get(sev, '')}{tag}{RESET}"
            code_s = f"{BOLD}{code}{RESET}" + " " * (cw - len(code))
        else:
            code_s = code.ljust(cw)
        out.append(f"{n:>{nw}}  {code_s}  {rule.ljust(rw)}  {tag}")
    return out


def severity_counts(findings) -> str:
    """``1 error, 2 warnings, 3 info findings`` (the severities present, most severe first)."""
    counts = Counter(f.severity for f in findings)
    return ", ".join(plural(counts[s], *SEVERITY_WORDS[s]) for s in SEVERITY_WORDS if counts[s])


def summary(findings, files_checked: int = 0, *, hidden: int = 0, level: str = "") -> str:
    """The last line: ``Found 4 problems (1 error, 3 info findings) in 2 files (3 checked).``:
    the files are those with a finding, and how many were checked when that is more;
    ``No problems found in 3 files.`` It never says "no problems" when an input could not be
    read: such an input (an ``unreadable-input`` finding) is counted on its own. ``hidden``:
    findings below ``level`` (``--severity``) that are not in the report."""
    failed = [f for f in findings if f.code == UNREADABLE]
    problems = [f for f in findings if f.code != UNREADABLE]
    unread = (f"{plural(len(failed), 'input')} could not be read or checked"
              if failed else "")
    tail = (f"; {plural(hidden, 'finding')} below --severity {level} not shown"
            if hidden else "")
    if problems:
        with_findings = len({f.path for f in problems})
        where = f" in {plural(with_findings, 'file')}"
        if files_checked > with_findings:
            where += f" ({files_checked} checked)"
        line = (f"Found {plural(len(problems), 'problem')} ({severity_counts(problems)})"
                f"{where}")
        return f"{line}; {unread}{tail}." if unread else f"{line}{tail}."
    if unread:
        verb = "was" if files_checked == 1 else "were"
        unread = unread[0].upper() + unread[1:]
        if not files_checked:
            return f"{unread}{tail}."
        return (f"{unread}; no problems in the {plural(files_checked, 'file')} that {verb} "
                f"checked{tail}.")
    where = f" in {plural(files_checked, 'file')}" if files_checked else ""
    return f"No problems found{where}{tail}."
