"""Output formats of findings: text, json, sarif, github. Each is a function
``render(findings, files, rules) -> str``; same input, same bytes."""

from __future__ import annotations


def render(fmt: str, findings, *, files=None, rules=None, color: bool = False,
           files_checked: int = 0) -> str:
    if fmt == "text":
        from .text import render as r

        return r(findings, color=color, files_checked=files_checked)
    if fmt == "json":
        from .json_ import render as r

        return r(findings)
    if fmt == "sarif":
        from .sarif import render as r

        return r(findings, files or {}, rules or [])
    if fmt == "github":
        from .github import render as r

        return r(findings)
    raise ValueError(fmt)
