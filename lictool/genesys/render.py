"""The output of ``lictool require``: text, JSON and order-ready CSV of the requirements.

JSON (a contract): an array of objects, one per requirement, with the keys ``feature`` (or
null), ``license``, ``quantity``, ``reason``, ``source`` (these five since the first release),
then ``quote`` (the guide's sentences behind the count, or null), ``unknown`` (null, or what to
set when the description does not give the quantity; ``quantity`` is then 0), ``served_by``
(feature names of higher tiers that serve the need too), ``release`` (null, or the release the
checkout requests when it is not that of the applications: ``ha_redundancy``, the Solution
Control Server's) and ``shares`` (``[{"application", "quantity", "instances"}]``: what each
application checks out).

CSV: one row per license type, license server and version requested (the shares of the
applications of one license server and major release add up), in the order of the
requirements, with the license server's host and MAC (the hostid the license file is issued
for): the rows to order from. Columns :data:`CSV_COLUMNS`; ``quantity`` is empty and
``unknown`` says what to set when the description does not give it.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Dict, List, Optional, Sequence, Tuple

from ..lint.settings import checkout_version
from .model import Application, Deployment, LicenseServer, Requirement

__all__ = ["requirement_dict", "render_json", "render_text", "render_csv", "CSV_COLUMNS"]

CSV_COLUMNS = ("feature", "version", "quantity", "license_server", "host", "mac", "license",
               "product", "applications", "unknown", "source", "quote")


def requirement_dict(req: Requirement) -> dict:
    return {
        "feature": req.feature, "license": req.license, "quantity": req.quantity,
        "reason": req.reason, "source": req.source, "quote": req.quote, "unknown": req.unknown,
        "served_by": list(req.served_by), "release": req.release,
        "shares": [{"application": s.application, "quantity": s.quantity,
                    "instances": s.instances} for s in req.shares],
    }


def render_json(reqs: Sequence[Requirement]) -> str:
    return json.dumps([requirement_dict(r) for r in reqs], indent=2, ensure_ascii=False) + "\n"


def render_text(reqs: Sequence[Requirement]) -> str:
    """Per product, each license: the quantity ("?" when unknown), the feature name, the license
    id; the reason and the guide sections; the guide's sentence; the higher tiers."""
    lines: List[str] = []
    product = None
    for r in reqs:
        if r.product != product:
            if lines:
                lines.append("")
            product = r.product
            lines.append(product)
        feature = r.feature or "(no feature name)"
        shown = "?" if r.unknown else str(r.quantity)
        lines.append(f"  {shown:>6}  {feature:32s} {r.license}")
        lines.append(f"          {r.reason}  [{r.source}]")
        if r.quote:
            lines.append(f"          guide: \"{r.quote}\"")
        if r.served_by:
            lines.append(f"          also served by: {', '.join(r.served_by)}")
    return "\n".join(lines) + "\n" if lines else "No technical licenses needed.\n"


def _major(release: str) -> int:
    head = release.split(".")[0]
    return int(head) if head.isdigit() else 0


def _unknown_of(req: Requirement, app: str) -> Optional[str]:
    if not req.unknown:
        return None
    mine = [u for u in req.unknown.split("; ") if u.endswith(f" on {app}")]
    return "; ".join(mine) or None


def render_csv(reqs: Sequence[Requirement], dep: Deployment) -> str:
    apps: Dict[str, Application] = {a.name: a for a in dep.applications}
    servers: Dict[str, LicenseServer] = {s.name: s for s in dep.license_servers}
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(CSV_COLUMNS)
    for req in reqs:
        # (license server, version) -> [quantity, applications, unknowns]
        rows: Dict[Tuple[str, str], list] = {}
        for share in req.shares:
            app = apps.get(share.application)
            server = (app.license_server if app is not None else None) or ""
            release = req.release or (app.release if app is not None else dep.release)
            row = rows.setdefault((server, checkout_version(_major(release))), [0, [], []])
            row[0] += share.quantity
            row[1].append(share.application)
            unknown = _unknown_of(req, share.application)
            if unknown:
                row[2].append(unknown)
        for (server, version), (quantity, names, unknowns) in rows.items():
            ls = servers.get(server)
            w.writerow([req.feature or "", version, "" if unknowns else quantity, server,
                        (ls.host or "") if ls else "", (ls.mac or "") if ls else "",
                        req.license, req.product, " ".join(names), "; ".join(unknowns),
                        req.source, req.quote or ""])
    return buf.getvalue()
