"""Output formats of findings: text, json, sarif, github. Each is a function
``render(findings, files, rules) -> str``; same input, same bytes."""

from __future__ import annotations


def render(fmt: str, findings, *, files=None, rules=None, color: bool = False,
           files_checked: int = 0, **text_options) -> str:
    """``text_options`` (``quiet``, ``concise``, ``statistics``, ``hidden``, ``level``: see
    :func:`lictool.report.text.render`) are for the text format; the others ignore them."""
    if fmt == "text":
        from .text import render as r

        return r(findings, color=color, files_checked=files_checked, **text_options)
    if fmt == "json":
        from .findings_json import render as r

        return r(findings)
    if fmt == "sarif":
        from .sarif import render as r

        return r(findings, files or {}, rules or [])
    if fmt == "github":
        from .github import render as r

        return r(findings)
    raise ValueError(fmt)
