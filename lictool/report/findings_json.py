"""A JSON array of findings: path, line, column, end_line, end_column, code, rule, severity,
message, hint where there is advice, and the
structured facts of ``Finding.data`` (``have``, ``need``, ...) where a finding has them."""

from __future__ import annotations

import json


def as_dict(f) -> dict:
    d = {"path": f.path, "line": f.line, "column": f.column, "end_line": f.end_line,
         "end_column": f.end_column, "code": f.code, "rule": f.rule, "severity": f.severity,
         "message": f.message}
    if f.hint:
        d["hint"] = f.hint
    if f.data:
        d.update((k, v) for k, v in f.data.items() if k not in d)
    return d


def render(findings) -> str:
    return json.dumps([as_dict(f) for f in findings], indent=2, ensure_ascii=False) + "\n"
