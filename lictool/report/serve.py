"""The entitlement (what the license server serves, :mod:`lictool.entitlement`) as text, JSON
and CSV, for ``lictool report``. Same input and date, same bytes.

JSON (a contract other tools rely on)::

    {"today": "YYYY-MM-DD", "version_sort": "higher-first",
     "pools": [{"vendor", "feature", "version", "seats" (int or "uncounted"), "hostids",
                "expires" ("YYYY-MM-DD" or "permanent"), "latest_expiry", "days_left",
                "package", "lines": [{"path", "line"}]}],
     "unserved": [{"path", "line", "vendor", "feature", "reason", "message"}],
     "ambiguities": [{"vendor", "feature", "setting", "message", "outcomes": {value: text}}]}
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any, Dict, List, Optional

from ..entitlement import SOURCES, Entitlement, Pool

CSV_COLUMNS = ("vendor", "feature", "version", "seats", "hostids", "expires", "latest_expiry",
               "days_left", "package", "lines")


def date_text(d) -> str:
    """An expiry as the reports write it: ``YYYY-MM-DD``, or ``permanent`` for None."""
    return "permanent" if d is None else d.isoformat()


def days_left(ent: Entitlement, pool: Pool) -> Optional[int]:
    return None if pool.expires is None else (pool.expires - ent.today).days


def pool_dict(ent: Entitlement, p: Pool) -> Dict[str, Any]:
    return {"vendor": p.vendor, "feature": p.feature, "version": p.version,
            "seats": "uncounted" if p.seats is None else p.seats, "hostids": list(p.hostids),
            "expires": date_text(p.expires),
            "latest_expiry": None if p.expires is None else date_text(p.latest),
            "days_left": days_left(ent, p), "package": p.package,
            "lines": [{"path": ln.path, "line": ln.line} for ln in p.lines]}


def as_dict(ent: Entitlement) -> Dict[str, Any]:
    return {
        "today": ent.today.isoformat(),
        "version_sort": ent.options.version_sort,
        "pools": [pool_dict(ent, p) for p in ent.pools],
        "unserved": [{"path": u.path, "line": u.line, "vendor": u.vendor, "feature": u.feature,
                      "reason": u.reason, "message": u.message} for u in ent.unserved],
        "ambiguities": [{"vendor": a.vendor, "feature": a.feature, "setting": a.setting,
                         "message": a.message, "outcomes": dict(a.outcomes)}
                        for a in ent.ambiguities],
    }


def render_json(ent: Entitlement) -> str:
    return json.dumps(as_dict(ent), indent=2, ensure_ascii=False) + "\n"


def _lines(p: Pool, most: int = 3) -> str:
    by_path: Dict[str, List[int]] = {}
    for ln in p.lines:
        by_path.setdefault(ln.path, []).append(ln.line)
    parts = []
    for path, nums in by_path.items():
        shown = ", ".join(str(n) for n in nums[:most])
        more = f" and {len(nums) - most} more" if len(nums) > most else ""
        parts.append(f"{path}:{shown}{more}")
    return "; ".join(parts)


def render_text(ent: Entitlement) -> str:
    sort = ent.options.version_sort
    out = [f"What the license server serves on {ent.today.isoformat()} "
           f"(version sort: {sort}, as in the {SOURCES[sort]})", ""]
    if not ent.pools:
        out.append("Nothing: no line of these files serves a license on this date.")
    vendors: Dict[str, List[Pool]] = {}
    for p in ent.pools:
        vendors.setdefault(p.vendor, []).append(p)
    for vendor, pools in vendors.items():
        rows = [("FEATURE", "VERSION", "SEATS", "EXPIRES", "DAYS", "LINES")]
        for p in pools:
            days = days_left(ent, p)
            seats = "uncounted" if p.seats is None else str(p.seats)
            name = p.feature + (f" (in {p.package})" if p.package else "")
            where = _lines(p) + (f" (on {' '.join(p.hostids)})" if p.hostids else "")
            rows.append((name, p.version, seats, date_text(p.expires),
                         "" if days is None else str(days), where))
        widths = [max(len(r[i]) for r in rows) for i in range(5)]
        out.append(vendor)
        for r in rows:
            cells = [r[0].ljust(widths[0]), r[1].ljust(widths[1]), r[2].rjust(widths[2]),
                     r[3].ljust(widths[3]), r[4].rjust(widths[4]), r[5]]
            out.append("  " + "  ".join(cells).rstrip())
        out.append("")
    if ent.unserved:
        out.append(f"Lines that serve nothing ({len(ent.unserved)}):")
        for u in ent.unserved:
            out.append(f"  {u.path}:{u.line}: {u.reason}: {u.message}")
        out.append("")
    if ent.ambiguities:
        out.append(f"Depends on the version sort, where the FlexNet guides disagree "
                   f"({len(ent.ambiguities)}; set version-sort to choose):")
        for a in ent.ambiguities:
            out.append(f"  {a.message}")
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


def render_csv(ent: Entitlement) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(CSV_COLUMNS)
    for p in ent.pools:
        d = pool_dict(ent, p)
        w.writerow([d["vendor"], d["feature"], d["version"], d["seats"], " ".join(d["hostids"]),
                    d["expires"], d["latest_expiry"] or "",
                    "" if d["days_left"] is None else d["days_left"], d["package"] or "",
                    " ".join(f"{ln['path']}:{ln['line']}" for ln in d["lines"])])
    return buf.getvalue()
