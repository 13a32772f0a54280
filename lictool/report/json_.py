"""A JSON array of findings: path, line, column, end_line, end_column, code, rule, severity,
message, and hint where there is advice."""

from __future__ import annotations

import json


def as_dict(f) -> dict:
    d = {"path": f.path, "line": f.line, "column": f.column, "end_line": f.end_line,
         "end_column": f.end_column, "code": f.code, "rule": f.rule, "severity": f.severity,
         "message": f.message}
    if f.hint:
        d["hint"] = f.hint
    return d


def render(findings) -> str:
    return json.dumps([as_dict(f) for f in findings], indent=2, ensure_ascii=False) + "\n"
