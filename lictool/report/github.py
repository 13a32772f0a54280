"""GitHub Actions workflow commands: ``::error file=...,line=...,col=...::message``."""

from __future__ import annotations

LEVELS = {"error": "error", "warning": "warning", "info": "notice"}


def _data(s: str) -> str:
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _prop(s: str) -> str:
    return _data(s).replace(":", "%3A").replace(",", "%2C")


def render(findings) -> str:
    lines = []
    for f in findings:
        props = (f"file={_prop(f.path)},line={f.line},endLine={f.end_line},col={f.column},"
                 f"endColumn={f.end_column},title={_prop(f'{f.code} {f.rule}')}")
        msg = f.message + (f" (hint: {f.hint})" if f.hint else "")
        lines.append(f"::{LEVELS.get(f.severity, 'warning')} {props}::{_data(msg)}")
    return "".join(line + "\n" for line in lines)
