"""What a merge does to the entitlement (what the license server serves, by
:mod:`lictool.entitlement`), for ``lictool merge``: the pools before and after, the change per
pool, and every loss.

    ent = assess(inputs, written, "merged.lic", placed, dropped, today, options)
    ent.before, ent.after      # entitlement of EXISTING alone / of the file that is written
    ent.diff.pools             # the change per pool (lictool.diff's vocabulary)
    ent.losses                 # what the merge makes unservable: each is a conflict

A **loss** is one of:

- a feature line that serves something in its own input file alone (EXISTING alone, or a NEW
  file alone with its own SERVER/VENDOR lines) and is in the merged file but serves nothing
  there (``what="line"``, with the engine's reason: ``ignored-feature`` when another FEATURE
  line of the feature is processed first, ``superseded`` by a new SUPERSEDE line, ...);
- for a (vendor, feature) and a version v of a pool of an input file alone, fewer seats for a
  checkout of v after the merge than with that file alone (``what="seats"``; uncounted is any
  number), or an earlier last date such a checkout can be served (``what="expiry"``;
  permanent is later than any date).

Lines the merge removes on purpose (``--drop-expired`` / ``--drop-superseded``) are not losses,
nor are their seats; an exact duplicate that is dropped serves the same licenses as the copy
that stays. Where the answer depends on the version sort (the FlexNet guides disagree; an
ambiguity of the engine), the loss says so.

Cost: one entitlement per input file and one of the merged file (2 + number of NEW files).
"""

from __future__ import annotations

import datetime as _dt
import math
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any, Collection, Dict, List, Optional, Sequence, Tuple

from .diff import EntitlementDiff, PoolChange, compare, short
from .entitlement import Ambiguity, Entitlement, Options, Pool, entitlement
from .model import Feature, LicenseFile, Package, Record

RULE = "entitlement-loss"
LINE, SEATS, EXPIRY = "line", "seats", "expiry"
#: the merged file's name in the report when the caller gives none
MERGED = "the merged file"
_FOREVER = _dt.date.max      # permanent, for comparisons


@dataclass(frozen=True)
class Loss:
    """Something an input file serves alone that the merged file does not."""

    file: str                       # the input file, as the merge report names it
    line: int                       # the input line (for seats/expiry: a line of the pool)
    what: str                       # "line", "seats" or "expiry"
    vendor: str
    feature: str
    version: str
    message: str
    reason: Optional[str] = None    # the engine's reason code (a line that serves nothing)
    merged_line: Optional[int] = None
    #: seats: of the line (``line``), or a checkout of ``version`` can draw on alone and after
    #: (``seats``); None is uncounted
    seats_before: Optional[int] = None
    seats_after: Optional[int] = None
    #: the last date a checkout of ``version`` can be served, alone and after; None: permanent
    expires_before: Optional[_dt.date] = None
    expires_after: Optional[_dt.date] = None
    depends_on: Optional[str] = None   # "version-sort" when an ambiguity decides it

    def as_dict(self) -> Dict[str, Any]:
        d: Dict[str, Any] = {"file": self.file, "line": self.line,
                             "merged_line": self.merged_line, "what": self.what,
                             "vendor": self.vendor, "feature": self.feature,
                             "version": self.version, "reason": self.reason,
                             "message": self.message, "depends_on": self.depends_on}
        if self.what == LINE:
            d["seats"] = _seats_value(self.seats_before)
        elif self.what == SEATS:
            d["seats"] = {"before": _seats_value(self.seats_before),
                          "after": _seats_value(self.seats_after)}
        else:
            d["expires"] = {"before": _date_value(self.expires_before),
                            "after": _date_value(self.expires_after)}
        return d


@dataclass(frozen=True)
class MergeEntitlement:
    before: Entitlement                 # EXISTING alone
    after: Entitlement                  # the file that is written (after the drops)
    alone: Tuple[Entitlement, ...]      # each NEW file alone, in argument order
    diff: EntitlementDiff               # EXISTING -> the merged file
    losses: Tuple[Loss, ...]

    @property
    def changes(self) -> Tuple[PoolChange, ...]:
        return self.diff.pools

    def change_lines(self) -> List[str]:
        """One line per pool change: ``genesys.d tserver_sdn 8.1: +600 seats (new)``."""
        return [change_text(c) for c in self.diff.pools]

    def as_dict(self) -> Dict[str, Any]:
        from .report.serve import pool_dict

        return {"before": [pool_dict(self.before, p) for p in self.before.pools],
                "after": [pool_dict(self.after, p) for p in self.after.pools],
                "changes": [change_dict(self.diff, c) for c in self.diff.pools],
                "lost": [x.as_dict() for x in self.losses]}


# ---------------------------------------------------------------------------------------------
# the change per pool, as text and JSON
# ---------------------------------------------------------------------------------------------

def _seats_value(seats: Optional[int]) -> Any:
    return "uncounted" if seats is None else seats


def _date_value(d: Optional[_dt.date]) -> str:
    return "permanent" if d is None else d.isoformat()


def seats_text(seats: Optional[int]) -> str:
    if seats is None:
        return "uncounted"
    return f"{seats} seat" if seats == 1 else f"{seats} seats"


def change_text(c: PoolChange) -> str:
    """``genesys.d tserver_sdn 8.1: +600 seats (new)``, ``... 7.6: -400 seats (removed)``,
    ``... 8.1: +12000 seats (500 -> 12500); latest expiry 2026-06-30 -> permanent``."""
    from .report.diff_text import pool_label

    p = c.pool
    if c.kind in ("added", "removed"):
        sign = "+" if c.kind == "added" else "-"
        seats = "uncounted" if p.seats is None else f"{sign}{seats_text(p.seats)}"
        extra = "" if p.expires is None else f", expires {p.expires.isoformat()}"
        return f"{pool_label(c)}: {seats} ({'new' if c.kind == 'added' else 'removed'}{extra})"
    parts = []
    if c.seats_changed:
        delta = c.seats_delta
        if delta is None:
            parts.append(f"{seats_text(c.old.seats)} -> {seats_text(c.new.seats)}")
        else:
            parts.append(f"{delta:+d} {'seat' if abs(delta) == 1 else 'seats'} "
                         f"({c.old.seats} -> {c.new.seats})")
    if c.expiry_changed:
        parts.append(f"expiry {_date_value(c.old.expires)} -> {_date_value(c.new.expires)}")
    elif c.latest_changed:
        parts.append(f"latest expiry {_date_value(c.old.latest)} -> "
                     f"{_date_value(c.new.latest)}")
    if c.hostids_changed:
        parts.append(f"hostids {' '.join(c.old.hostids) or 'floating'} -> "
                     f"{' '.join(c.new.hostids) or 'floating'}")
    return f"{pool_label(c)}: {'; '.join(parts) or 'changed'}"


def change_dict(d: EntitlementDiff, c: PoolChange) -> Dict[str, Any]:
    """A pool change in ``lictool diff --format json``'s vocabulary: ``change`` (added, removed,
    changed), the pool ``old`` and ``new`` (null when absent), and for a changed pool the
    ``seats`` (with ``delta``), ``expires``, ``latest_expiry`` and ``hostids`` pairs that differ
    (null otherwise); ``text`` is the line of the text report."""
    from .report.diff_text import changed_dict
    from .report.serve import pool_dict

    p = c.pool
    head = {"change": c.kind, "vendor": p.vendor, "feature": p.feature, "version": p.version,
            "text": change_text(c)}
    if c.kind == "changed":
        return {**head, **changed_dict(d, c)}
    ent = d.new if c.kind == "added" else d.old
    pool = {**pool_dict(ent, p), "pooled_by": list(c.key.pooled_by)}
    return {**head, "old": pool if c.kind == "removed" else None,
            "new": pool if c.kind == "added" else None,
            "seats": None, "expires": None, "latest_expiry": None, "hostids": None}


# ---------------------------------------------------------------------------------------------
# the computation
# ---------------------------------------------------------------------------------------------

def _line_seats(rec: Record) -> Optional[int]:
    count = getattr(rec, "count", None)
    return None if count is None else count.value


def _line_expiry(rec: Record) -> Optional[_dt.date]:
    """The last day a line serves: ``_FOREVER`` when permanent; None when it has no expiry
    (a PACKAGE line: its components expire with the enabling line)."""
    if not isinstance(rec, Feature) or rec.expiry is None:
        return None
    exp = rec.expiry
    return _FOREVER if exp.permanent or exp.date is None else exp.date


def _ambiguity(ents: Sequence[Entitlement], vendor: str, feature: str) -> Optional[Ambiguity]:
    """The first of ``ents`` whose answer for the feature depends on the version sort."""
    return next((a for a in (e.ambiguity(vendor, feature) for e in ents) if a is not None), None)


def _depends(a: Optional[Ambiguity]) -> str:
    if a is None:
        return ""
    return ("; the answer depends on the version sort, where the FlexNet guides disagree "
            f"({a.message})")


def _explain(message: str, what: str) -> str:
    """The engine's reason without the line's own name in front: ``only the first counted
    FEATURE line of 'f' is processed (...)``, ``it is superseded by ...``."""
    for lead in (f"{what} is ignored: ", f"{what} "):
        if message.startswith(lead):
            rest = message[len(lead):]
            return rest if lead.endswith(": ") else "it " + rest
    return message


def _checkout(pools: Sequence[Pool], records: Dict[int, Record], number: Decimal,
              skip: Collection[int] = ()) -> Tuple[float, Optional[_dt.date]]:
    """(seats, last date) a checkout of version ``number`` can draw on from ``pools`` (of one
    feature; as :meth:`Entitlement.seats`): seats ``math.inf`` when uncounted; the date
    ``_FOREVER`` when permanent, None when nothing serves it. ``skip``: lines (of the file, by
    number) not to count for the date."""
    seats: float = 0
    last: Optional[_dt.date] = None
    for p in pools:
        if p.number < number:
            continue
        seats = math.inf if p.seats is None or seats == math.inf else seats + p.seats
        if not any(ref.line in skip for ref in p.lines):
            latest: Optional[_dt.date] = _FOREVER if p.latest is None else p.latest
        else:
            dates = [_line_expiry(records[ref.line]) for ref in p.lines
                     if ref.line not in skip and ref.line in records]
            dates = [x for x in dates if x is not None]
            latest = max(dates) if dates else None
        if latest is not None and (last is None or latest > last):
            last = latest
    return seats, last


def _seat_words(seats: float) -> str:
    return "any number (uncounted)" if seats == math.inf else seats_text(int(seats))


def assess(inputs: Sequence[Tuple[str, LicenseFile]], written: LicenseFile,
           merged_name: Optional[str], placed: Sequence[Tuple[int, Record, Record]],
           dropped: Collection[Tuple[int, int]], today: _dt.date,
           options: Optional[Options] = None) -> MergeEntitlement:
    """The entitlement of ``inputs`` (``(name, file)``: EXISTING first, then each NEW file)
    and of the merged file ``written`` (named ``merged_name`` in its pools and messages), and
    every loss. ``placed``: for each record of ``written``, ``(index of its input file, the
    input record, the record in written)`` (index -1: a comment lictool wrote); ``dropped``:
    ``(index of the input file, line)`` of the records ``--drop-*`` removed."""
    options = options or Options()
    alone = [entitlement([lf], today, options) for _, lf in inputs]
    merged = replace(written, path=merged_name or MERGED)
    after = entitlement([merged], today, options)
    diff = compare([inputs[0][1]], alone[0], [merged], after)
    idle = [{u.line for u in ent.unserved} for ent in alone]   # lines that serve nothing alone

    found: List[Tuple[int, Loss]] = []
    unserved_after = {u.line: u for u in after.unserved}
    at_merged: Dict[Tuple[int, int], int] = {}
    for i, orig, rec in placed:
        if i < 0:
            continue
        at_merged.setdefault((i, orig.line), rec.line)
        u = unserved_after.get(rec.line)
        if u is None or not isinstance(orig, (Feature, Package)) or orig.line in idle[i]:
            continue
        seats = _line_seats(orig)
        count = f" ({seats_text(seats)})" if isinstance(orig, Feature) else ""
        amb = _ambiguity([after, alone[i]], u.vendor, u.feature)
        src = inputs[i][0]
        found.append((i, Loss(
            src, orig.line, LINE, u.vendor, u.feature,
            orig.version.text if orig.version is not None else "",
            f"{short(orig)}{count} is served by {src} today but not after the merge: "
            f"{_explain(u.message, short(rec))}{_depends(amb)}",
            u.reason, rec.line, seats_before=seats, depends_on=amb.setting if amb else None)))

    merged_records = {r.line: r for r in merged.records}
    for i, ((src, lf), ent) in enumerate(zip(inputs, alone)):
        records = {r.line: r for r in lf.records}
        skip = {line for j, line in dropped if j == i}
        # the seats of the lines --drop-* removes that served: removed on purpose
        excused: Dict[Tuple[str, str], List[Feature]] = {}
        for line in skip:
            rec = records.get(line)
            if isinstance(rec, Feature) and line not in idle[i]:
                excused.setdefault((rec.vendor, rec.name), []).append(rec)
        first: Dict[Tuple[str, str, Decimal], Pool] = {}
        for p in ent.pools:
            first.setdefault((p.vendor, p.feature, p.number), p)
        for (vendor, feature, number), pool in first.items():
            seats_b, last_b = _checkout(ent.pools_of(vendor, feature), records, number, skip)
            seats_a, last_a = _checkout(after.pools_of(vendor, feature), merged_records, number)
            gone: float = 0
            for rec in excused.get((vendor, feature), ()):
                if rec.version.number >= number:
                    n = _line_seats(rec)
                    gone = math.inf if n is None else gone + n
            ref = pool.lines[0].line
            amb = _ambiguity([after, ent], vendor, feature)
            depends = amb.setting if amb else None
            where = f"{feature} {pool.version} ({vendor}): a checkout of version {pool.version}"
            if gone != math.inf and seats_a < seats_b - gone:
                note = (f" (not counting {_seat_words(gone)} of the lines --drop-* removes)"
                        if gone else "")
                found.append((i, Loss(
                    src, ref, SEATS, vendor, feature, pool.version,
                    f"{where} can draw on {_seat_words(seats_b)} with {src} alone today but "
                    f"on {_seat_words(seats_a)} after the merge{note}{_depends(amb)}",
                    None, at_merged.get((i, ref)),
                    seats_before=None if seats_b == math.inf else int(seats_b),
                    seats_after=None if seats_a == math.inf else int(seats_a),
                    depends_on=depends)))
            elif seats_a > 0 and last_b is not None and last_a is not None and last_a < last_b:
                found.append((i, Loss(
                    src, ref, EXPIRY, vendor, feature, pool.version,
                    f"{where} can be served until {_until(last_b)} with {src} alone but only "
                    f"until {_until(last_a)} after the merge{_depends(amb)}",
                    None, at_merged.get((i, ref)),
                    expires_before=None if last_b == _FOREVER else last_b,
                    expires_after=last_a, depends_on=depends)))
    found.sort(key=lambda x: (x[0], x[1].line, (LINE, SEATS, EXPIRY).index(x[1].what)))
    return MergeEntitlement(alone[0], after, tuple(alone[1:]), diff,
                            tuple(loss for _, loss in found))


def _until(d: _dt.date) -> str:
    return "permanent (no expiry)" if d == _FOREVER else d.isoformat()
