"""The JSON form of the model, as ``lictool parse --format json`` prints it (a contract)."""

from __future__ import annotations

from typing import Any, Dict

from .errors import Diagnostic
from .model import (Blank, Comment, Decimal_, Feature, FeatureSet, LicenseFile, Opaque,
                    Package, Record, Server, Unparsed, Vendor, _Keyworded)

NEWLINE_NAMES = {"\n": "LF", "\r\n": "CRLF", "\r": "CR"}


def attributes(rec: _Keyworded) -> Dict[str, Any]:
    """keyword as written -> value without quotes (continuations joined); a flag -> true.
    A keyword written twice maps to the list of its values."""
    out: Dict[str, Any] = {}
    for a in rec.attributes:
        v: Any = True if a.value is None else a.value
        if a.key in out:
            prev = out[a.key]
            out[a.key] = (prev if isinstance(prev, list) else [prev]) + [v]
        else:
            out[a.key] = v
    return out


def auth(entries) -> list:
    """A braced ``AUTH={ daemon=( KEY=value ... ) ... }``: one object per daemon, with its
    keywords as in :func:`attributes` (a flag -> true)."""
    return [{"daemon": e.daemon,
             "attributes": {k: (True if v is None else v) for k, v in e.attributes}}
            for e in entries]


def diagnostic(d: Diagnostic) -> Dict[str, Any]:
    out = {"line": d.line, "column": d.column, "end_line": d.end_line,
           "end_column": d.end_column, "code": d.code, "severity": d.severity,
           "message": d.message}
    if d.hint:
        out["hint"] = d.hint
    return out


def record(rec: Record) -> Dict[str, Any]:
    out: Dict[str, Any] = {"kind": rec.kind, "line": rec.line, "end_line": rec.end_line}
    if isinstance(rec, _Keyworded):
        out["keyword"] = rec.keyword
    if isinstance(rec, Feature):
        out.update(name=rec.name, vendor=rec.vendor, version=rec.version.text)
        if rec.from_version is not None:
            out["from_version"] = rec.from_version.text
        out.update(expiry=rec.expiry.iso, count=rec.count.value if rec.count.value is not None
                   else "uncounted")
        if rec.license_key:
            out["license_key"] = rec.license_key
        if rec.vendor_string_v2 is not None:
            out["vendor_string"] = rec.vendor_string_v2
        if rec.hostid_v2 is not None:
            out["hostid"] = rec.hostid_v2
        out["attributes"] = attributes(rec)
        if rec.auth:
            out["auth"] = auth(rec.auth)
        hostids = rec.hostids
        if hostids:
            out["hostids"] = [{"type": h.type, "value": h.value} for h in hostids]
    elif isinstance(rec, Package):
        out.update(name=rec.name, vendor=rec.vendor,
                   version=rec.version.text if rec.version else None)
        if rec.license_key:
            out["license_key"] = rec.license_key
        out["components"] = [{"name": c.name, "version": c.version.text if c.version else None,
                              "count": c.count} for c in rec.components]
        out["attributes"] = attributes(rec)
        if rec.auth:
            out["auth"] = auth(rec.auth)
    elif isinstance(rec, Server):
        out.update(host=rec.host, hostid=rec.hostid.text if rec.hostid else None,
                   hostid_type=rec.hostid.type if rec.hostid else None, port=rec.port,
                   attributes=attributes(rec))
    elif isinstance(rec, Vendor):
        out.update(name=rec.name, path=rec.path, options=rec.options, port=rec.port,
                   attributes=attributes(rec))
    elif isinstance(rec, FeatureSet):
        out.update(vendor=rec.vendor, key=rec.key)
    elif isinstance(rec, Unparsed):
        out.update(text=rec.text)
        if rec.diagnostic is not None:
            out["error"] = diagnostic(rec.diagnostic)
    elif isinstance(rec, (Comment, Opaque, Decimal_)):
        out["text"] = rec.text
    elif isinstance(rec, Blank):
        pass
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
