"""SARIF 2.1.0, as GitHub code scanning takes it: rule metadata with help text, relative
artifact URIs under ``%SRCROOT%``, 1-based regions with an exclusive end column, and
``partialFingerprints`` that follow a finding when lines move. No timestamps: deterministic."""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from pathlib import Path, PurePosixPath
from typing import Dict, List, Mapping, Sequence

from .. import __version__
from ..lint.rules.syntax.unreadable_input import RULE as UNREADABLE_RULE
from ..io import STDIN

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}


def artifact_uri(path: str) -> str:
    """A path relative to the current directory, in URI form; absolute when outside it."""
    if path in ("-", STDIN):
        return "stdin"
    p = Path(path)
    try:
        rel = p.resolve().relative_to(Path.cwd().resolve())
        return PurePosixPath(*rel.parts).as_posix()
    except ValueError:
        return p.resolve().as_uri() if p.is_absolute() else PurePosixPath(*p.parts).as_posix()


def _rule_entry(rule) -> dict:
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.summary},
        "help": {"text": rule.doc, "markdown": rule.doc},
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": {"tags": ["flexnet", "license"]},
    }


def _notification(f, index: Mapping[str, int]) -> dict:
    """An input that could not be read or checked, as a tool execution notification."""
    note = {
        "level": "error",
        "message": {"text": f.message},
        "locations": [{"physicalLocation": {
            "artifactLocation": {"uri": artifact_uri(f.path), "uriBaseId": "%SRCROOT%"},
            "region": {"startLine": f.line, "startColumn": f.column}}}],
    }
    if f.code in index:
        note["associatedRule"] = {"id": f.code, "index": index[f.code]}
    return note


def render(findings, files: Mapping[str, Sequence[str]], rules: List) -> str:
    """``files`` maps a finding's path to the lines of the file (for fingerprints)."""
    rules_by_code = {r.code: r for r in rules}
    for f in findings:  # a finding's rule is always described, even if not passed in
        if f.code not in rules_by_code:
            from ..lint.registry import find

            r = find(f.code)
            if r is not None:
                rules_by_code[r.code] = r
    ordered = sorted(rules_by_code.values(), key=lambda r: r.code)
    index: Dict[str, int] = {r.code: i for i, r in enumerate(ordered)}
    seen: Counter = Counter()
    results = []
    notifications = []
    for f in findings:
        if f.code == UNREADABLE_RULE.code:  # an input not read: the run failed, no result
            notifications.append(_notification(f, index))
            continue
        lines = files.get(f.path, ())
        text = lines[f.line - 1].strip() if 0 < f.line <= len(lines) else ""
        base = f"{f.code}\0{artifact_uri(f.path)}\0{text}"
        seen[base] += 1
        fp = hashlib.sha256(f"{base}\0{seen[base]}".encode("utf-8")).hexdigest()[:32]
        result = {
            "ruleId": f.code,
            "ruleIndex": index.get(f.code, -1),
            "level": LEVELS.get(f.severity, "warning"),
            "message": {"text": f.message + (f" Hint: {f.hint}" if f.hint else "")},
            "locations": [{
                "physicalLocation": {
                    "artifactLocation": {"uri": artifact_uri(f.path), "uriBaseId": "%SRCROOT%"},
                    "region": {"startLine": f.line, "startColumn": f.column,
                               "endLine": f.end_line, "endColumn": f.end_column},
                }
            }],
            "partialFingerprints": {"lictoolFingerprint/v1": fp},
        }
        if result["ruleIndex"] < 0:
            del result["ruleIndex"]
        if f.data:
            result["properties"] = dict(f.data)
        results.append(result)
    doc = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "lictool", "version": __version__,
                                "rules": [_rule_entry(r) for r in ordered]}},
            "invocations": [{"executionSuccessful": not notifications,
                             "toolExecutionNotifications": notifications}],
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    }
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
