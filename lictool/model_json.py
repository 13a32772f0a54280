"""The JSON form of the model, as ``lictool parse --format json`` prints it (a contract). Each
record kind says what it shows (:meth:`lictool.model.Record.json_fields`)."""

from __future__ import annotations

from typing import Any, Dict

from .model import LicenseFile, Record, auth_json, diagnostic_json

__all__ = ["NEWLINE_NAMES", "auth", "diagnostic", "record", "license_file"]

NEWLINE_NAMES = {"\n": "LF", "\r\n": "CRLF", "\r": "CR"}

auth = auth_json                # a braced AUTH= value
diagnostic = diagnostic_json    # a diagnostic


def record(rec: Record) -> Dict[str, Any]:
    out: Dict[str, Any] = {"kind": rec.kind, "line": rec.line, "end_line": rec.end_line}
    out.update(rec.json_fields())
    return out


def license_file(lf: LicenseFile, path: str) -> Dict[str, Any]:
    return {
        "path": path,
        "encoding": lf.encoding,
        "bom": lf.bom,
        "newline": NEWLINE_NAMES.get(lf.newline, lf.newline),
        "records": [record(r) for r in lf.records],
        "diagnostics": [diagnostic(d) for d in lf.diagnostics],
    }
