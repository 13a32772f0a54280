"""An entitlement diff (:mod:`lictool.diff`) as text, Markdown and JSON, for ``lictool diff``.
Same input and date, same bytes.

Text: one line per change, marked ``+`` (added), ``-`` (removed), ``~`` (changed), ``!`` (a line
that now serves nothing), ``*`` (a line that serves again), in sections (pools, lines that now
serve nothing, lines that serve again, SERVER lines, version-sort ambiguities, records), then
one summary line. Markdown: a heading, the summary, and the text in a ``diff`` code block
(GitHub colours the ``+`` and ``-`` lines), for a pull-request comment.

JSON (a contract other tools rely on)::

    {"today": "YYYY-MM-DD", "version_sort": "higher-first", "same": bool, "records_same": bool,
     "summary": "...",
     "pools": {"added": [POOL], "removed": [POOL],
               "changed": [{"old": POOL, "new": POOL,
                            "seats": {"old", "new", "delta"} or null,
                            "expires": {"old", "new"} or null,
                            "latest_expiry": {"old", "new"} or null,
                            "hostids": {"old", "new"} or null}]},
     "unserved": {"new": [{"path", "line", "vendor", "feature", "reason", "message", "text",
                           "before": "serving" | "absent" | REASON}],
                  "gone": [{"path", "line", "text", "old_path", "old_line", "old_reason"}]},
     "servers": {"added": [SERVER], "removed": [SERVER], "changed": [{"old": SERVER,
                                                                      "new": SERVER}]},
     "ambiguities": {"added": [AMBIGUITY], "removed": [AMBIGUITY]},
     "records": {"added": [RECORD], "removed": [RECORD]}}

POOL is a pool of ``lictool report --format json`` (:func:`lictool.report.serve.pool_dict`)
plus ``"pooled_by"`` (the pooling attributes that keep it apart: ``["DUP_GROUP=U"]``); seats
are an integer or ``"uncounted"`` (``delta`` is null then), dates ``"YYYY-MM-DD"`` or
``"permanent"``. SERVER is ``{"path", "line", "host", "hostid", "port"}``, AMBIGUITY as in
``lictool report``, RECORD ``{"path", "line", "kind", "text"}`` (the canonical text, signatures
shown as ``SIGN=...``). Paths and lines are OLD's for what was removed, NEW's otherwise.
"""

from __future__ import annotations

import json
from typing import Any, Dict, List, Optional

from ..diff import EntitlementDiff, NowUnserved, PoolChange, ServerChange, ServerRef
from ..entitlement import Entitlement, Pool
from .serve import date_text, pool_dict
from ..words import plural

MARK = {"added": "+", "removed": "-", "changed": "~"}


def _seats(seats: Optional[int]) -> str:
    return "uncounted" if seats is None else plural(seats, "seat")


# ---------------------------------------------------------------------------------------------
# the summary
# ---------------------------------------------------------------------------------------------

def _kinds(title: str, changes) -> List[str]:
    """``["pools: 2 added, 1 changed"]``, or ``[]`` without changes."""
    kinds = [c.kind for c in changes]
    counts = [f"{kinds.count(k)} {k}" for k in ("added", "removed", "changed") if k in kinds]
    return [f"{title}: {', '.join(counts)}"] if counts else []


def _counts(d: EntitlementDiff) -> List[str]:
    counts = ((len(d.now_unserved), "line now serving nothing", "lines now serving nothing"),
              (len(d.serve_again), "line serving again", "lines serving again"),
              (len(d.ambiguities_added) + len(d.ambiguities_removed), "ambiguity changed",
               "ambiguities changed"))
    return (_kinds("pools", d.pools) + [plural(n, one, many) for n, one, many in counts if n]
            + _kinds("SERVER lines", d.servers))


def _records_count(d: EntitlementDiff) -> str:
    return f"{len(d.records_added)} added, {len(d.records_removed)} removed"


def summary(d: EntitlementDiff) -> str:
    if d.same and d.records_same:
        return "No change: the same entitlement and the same records (layout aside)."
    if d.same:
        return (f"Entitlement unchanged; records: {_records_count(d)} (they change nothing the "
                "license server serves).")
    return f"Entitlement changed: {'; '.join(_counts(d))}. Records: {_records_count(d)}."


# ---------------------------------------------------------------------------------------------
# text
# ---------------------------------------------------------------------------------------------

def pool_label(c: PoolChange) -> str:
    """``genesys.d tserver_sdn 8.1``, with its pooling attributes, PACKAGE and hostids."""
    p = c.pool
    out = f"{p.vendor} {p.feature} {p.version}"
    if c.key.pooled_by:
        out += f" [{' '.join(c.key.pooled_by)}]"
    if p.package:
        out += f" (in {p.package})"
    if p.hostids and not c.hostids_changed:
        out += f" on {' '.join(p.hostids)}"
    return out


def _where(p: Pool) -> str:
    first = p.lines[0]
    more = len(p.lines) - 1
    return f"{first.path}:{first.line}" + (f" and {plural(more, 'more line')}" if more else "")


def _expiry(p: Pool) -> str:
    return "permanent" if p.expires is None else f"expires {p.expires.isoformat()}"


def _hostids(p: Pool) -> str:
    return " ".join(p.hostids) if p.hostids else "floating"


def _change_parts(c: PoolChange) -> List[str]:
    old, new = c.old, c.new
    parts = []
    if c.seats_changed:
        delta = c.seats_delta
        sign = "" if delta is None else f" ({delta:+d})"
        parts.append(f"{'uncounted' if old.seats is None else old.seats} -> "
                     f"{_seats(new.seats)}{sign}")
    if c.expiry_changed:
        parts.append(f"expiry {date_text(old.expires)} -> {date_text(new.expires)}")
    elif c.latest_changed:
        parts.append(f"latest expiry {date_text(old.latest)} -> {date_text(new.latest)}")
    if c.hostids_changed:
        parts.append(f"hostids {_hostids(old)} -> {_hostids(new)}")
    return parts


def pool_line(c: PoolChange) -> str:
    p = c.pool
    if c.kind == "added":
        what = f"{_seats(p.seats)}, {_expiry(p)} (new pool; {_where(p)})"
    elif c.kind == "removed":
        what = f"{_seats(p.seats)}, {_expiry(p)} (pool removed; was {_where(p)})"
    else:
        what = "; ".join(_change_parts(c)) + f" ({_where(p)})"
    return f"{MARK[c.kind]} {pool_label(c)}: {what}"


def unserved_line(n: NowUnserved) -> str:
    u = n.unserved
    was = {"serving": "it served in OLD", "absent": "a new line"}.get(
        n.before, f"in OLD: {n.before}")
    return (f"! {u.path}:{u.line}: {n.text} now serves nothing ({was}): {u.reason}: "
            f"{u.message}")


def _server(s: ServerRef) -> str:
    port = "" if s.port is None else f" port {s.port}"
    return f"SERVER {s.host} hostid {s.hostid or '(none)'}{port}"


def server_line(c: ServerChange) -> str:
    if c.old is None or c.new is None:
        s = c.new or c.old
        return f"{MARK[c.kind]} {s.path}:{s.line}: {_server(s)}"
    parts = [f"{what} {a or '(none)'} -> {b or '(none)'}"
             for what, a, b in (("host", c.old.host, c.new.host),
                                ("hostid", c.old.hostid, c.new.hostid),
                                ("port", c.old.port, c.new.port)) if a != b]
    return (f"~ {c.new.path}:{c.new.line}: SERVER {c.new.host}: {'; '.join(parts)} "
            f"(was {c.old.path}:{c.old.line})")


def text_lines(d: EntitlementDiff) -> List[str]:
    """Every change, one line each, in sections; without the summary."""
    out: List[str] = []

    def section(title: str, lines: List[str]) -> None:
        if lines:
            out.append(f"{title}:")
            out.extend(lines)

    section("Pools", [pool_line(c) for c in d.pools])
    section("Lines that now serve nothing", [unserved_line(n) for n in d.now_unserved])
    section("Lines that serve again", [
        f"* {a.path}:{a.line}: {a.text} serves again (in OLD: {a.old.reason}, "
        f"{a.old.path}:{a.old.line})" for a in d.serve_again])
    section("SERVER lines", [server_line(c) for c in d.servers])
    section("Version-sort ambiguities", [f"+ {a.message}" for a in d.ambiguities_added]
            + [f"- {a.message}" for a in d.ambiguities_removed])
    section(f"Records ({_records_count(d)})",
            [f"- {r.path}:{r.line}: {r.text}" for r in d.records_removed]
            + [f"+ {r.path}:{r.line}: {r.text}" for r in d.records_added])
    return out


def _heading(d: EntitlementDiff) -> str:
    sort = d.new.options.version_sort
    return f"Entitlement change on {d.today.isoformat()} (version sort: {sort})"


def render_text(d: EntitlementDiff) -> str:
    return "\n".join([_heading(d), *text_lines(d), summary(d)]) + "\n"


def render_markdown(d: EntitlementDiff) -> str:
    out = [f"### {_heading(d)}", "", f"**{summary(d)}**"]
    lines = text_lines(d)
    if lines:
        out += ["", "```diff", *(ln.replace("```", "'''") for ln in lines), "```"]
    return "\n".join(out) + "\n"


# ---------------------------------------------------------------------------------------------
# JSON
# ---------------------------------------------------------------------------------------------

def _pool(ent: Entitlement, c: PoolChange, p: Pool) -> Dict[str, Any]:
    return {**pool_dict(ent, p), "pooled_by": list(c.key.pooled_by)}


def _pair(changed: bool, old: Any, new: Any) -> Optional[Dict[str, Any]]:
    return {"old": old, "new": new} if changed else None


def changed_dict(d: EntitlementDiff, c: PoolChange) -> Dict[str, Any]:
    old, new = _pool(d.old, c, c.old), _pool(d.new, c, c.new)
    seats = _pair(c.seats_changed, old["seats"], new["seats"])
    if seats is not None:
        seats["delta"] = c.seats_delta
    return {"old": old, "new": new, "seats": seats,
            "expires": _pair(c.expiry_changed, old["expires"], new["expires"]),
            "latest_expiry": _pair(c.latest_changed, old["latest_expiry"],
                                   new["latest_expiry"]),
            "hostids": _pair(c.hostids_changed, old["hostids"], new["hostids"])}


def _server_dict(s: Optional[ServerRef]) -> Optional[Dict[str, Any]]:
    if s is None:
        return None
    return {"path": s.path, "line": s.line, "host": s.host, "hostid": s.hostid, "port": s.port}


def _servers(d: EntitlementDiff) -> Dict[str, Any]:
    out: Dict[str, Any] = {kind: [_server_dict(c.new or c.old) for c in d.servers
                                  if c.kind == kind] for kind in ("added", "removed")}
    out["changed"] = [{"old": _server_dict(c.old), "new": _server_dict(c.new)}
                      for c in d.servers if c.kind == "changed"]
    return out


def _ambiguity(a) -> Dict[str, Any]:
    return {"vendor": a.vendor, "feature": a.feature, "setting": a.setting,
            "message": a.message, "outcomes": dict(a.outcomes)}


def _unserved(n: NowUnserved) -> Dict[str, Any]:
    u = n.unserved
    return {"path": u.path, "line": u.line, "vendor": u.vendor, "feature": u.feature,
            "reason": u.reason, "message": u.message, "text": n.text, "before": n.before}


def _records(refs) -> List[Dict[str, Any]]:
    return [{"path": r.path, "line": r.line, "kind": r.kind, "text": r.text} for r in refs]


def as_dict(d: EntitlementDiff) -> Dict[str, Any]:
    return {
        "today": d.today.isoformat(),
        "version_sort": d.new.options.version_sort,
        "same": d.same,
        "records_same": d.records_same,
        "summary": summary(d),
        "pools": {"added": [_pool(d.new, c, c.new) for c in d.pools_of("added")],
                  "removed": [_pool(d.old, c, c.old) for c in d.pools_of("removed")],
                  "changed": [changed_dict(d, c) for c in d.pools_of("changed")]},
        "unserved": {"new": [_unserved(n) for n in d.now_unserved],
                     "gone": [{"path": a.path, "line": a.line, "text": a.text,
                               "old_path": a.old.path, "old_line": a.old.line,
                               "old_reason": a.old.reason} for a in d.serve_again]},
        "servers": _servers(d),
        "ambiguities": {"added": [_ambiguity(a) for a in d.ambiguities_added],
                        "removed": [_ambiguity(a) for a in d.ambiguities_removed]},
        "records": {"added": _records(d.records_added), "removed": _records(d.records_removed)},
    }


def render_json(d: EntitlementDiff) -> str:
    return json.dumps(as_dict(d), indent=2, ensure_ascii=False) + "\n"
