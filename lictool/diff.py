"""The entitlement change from one set of license files to another: what a reviewer of a
license-repository pull request wants to see (``lictool diff OLD NEW``).

    d = diff([old_lf], [new_lf], today=date(2026, 6, 1))
    d.same               # True when the license server would serve exactly the same
    d.pools              # PoolChange: added, removed or changed (seats, expiry, hostids)
    d.now_unserved       # lines of NEW that serve nothing where OLD's same line served
    d.serve_again        # lines that served nothing in OLD and serve in NEW
    d.servers            # SERVER lines added, removed or changed (host, hostid, port)
    d.ambiguities_added / d.ambiguities_removed
    d.records_added / d.records_removed    # record-level changes, layout ignored

Pure: no I/O, no clock. Both sides go through :func:`lictool.entitlement.entitlement` with the
same date and options; the results are compared by keys that survive moved lines, re-formatted
files and renamed paths, so ``lictool fmt`` output, or the same file at another path, diffs to
nothing:

- **Pools** are matched by :class:`PoolKey`: vendor, feature, version *number* (``8.1`` and
  ``8.10`` are one version to FlexNet), hostids (normalised, in any order), the PACKAGE a
  component pool belongs to, and the pooling attributes of the pool's first line (DUP_GROUP=,
  BORROW=, ... : what makes the vendor daemon count lines apart; VENDOR_STRING= only with
  ``vendor_string_pools``). The lines a pool comes from and the version as written are not
  part of the entitlement. Several pools of one key (rare) are matched identical ones first,
  then in order. A matched pool is *changed* when its seats (with the delta; uncounted <->
  counted has none), its earliest or its latest expiry differ. A pool removed and a pool added
  that differ only in their hostids are reported as one changed pool ("hostids changed"): a
  re-hosted node-locked license reads better as a move than as a loss and a gain.
- **Lines that now serve nothing**: each record of NEW is matched with a record of OLD as in
  the record-level changes below (by :func:`lictool.layout.layout_key`, the i-th copy with the
  i-th copy). A NEW line that serves nothing is reported when its OLD record served
  (``before = "serving"``), served nothing for another reason (``before`` is that reason
  code), or is not in OLD (``"absent"``: a line the change adds that serves nothing, such as a
  second counted FEATURE line or an expired INCREMENT). **Lines that serve again**: a matched
  record that served nothing in OLD and serves in NEW.
- **SERVER lines** of all the files of a side, as a multiset of (host, hostid, port); a removed
  and an added SERVER line of the same host (else of the same hostid) are one changed line.
- **Ambiguities** (version-sort disagreements) added and removed, by their message.
- **Records**, after the entitlement: every record but comments and blank lines (which are not
  license records), counted as multisets of :func:`~lictool.layout.layout_key`, so that pure
  layout changes (spacing, continuations, keyword case, quoting, signature spacing) are no
  change and the i-th copy of a record matches the i-th copy on the other side.

``same`` is about the entitlement: no pool, SERVER line, ambiguity or line-that-serves-nothing
change. A change of records alone (a comment reworded, a NOTICE= edited, lines reordered where
the order does not matter) leaves ``same`` true; ``records_same`` tells it apart.
"""

from __future__ import annotations

import datetime as _dt
from collections import deque
from dataclasses import dataclass
from decimal import Decimal
from typing import Callable, Deque, Dict, Hashable, List, Optional, Sequence, Tuple, TypeVar

from .entitlement import (Ambiguity, Entitlement, LineRef, Options, Pool, Unserved, entitlement,
                          file_path)
from .syntax.vocabulary import spec
from .layout import layout_key
from .model import Blank, Comment, LicenseFile, Record, Server
from .writer import tokens

T = TypeVar("T")
Keyed = Tuple[Hashable, T]

ABSENT, SERVING = "absent", "serving"
#: record kinds that are not compared: they are not license records
NOT_RECORDS = (Comment, Blank)


# ---------------------------------------------------------------------------------------------
# the result
# ---------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class PoolKey:
    """What identifies a license pool across two sets of files."""

    vendor: str
    feature: str
    number: Decimal
    hostids: Tuple[str, ...]             # normalised, sorted
    package: Optional[str]
    pooled_by: Tuple[str, ...]           # "DUP_GROUP=U": the pooling attributes of its lines

    def without_hostids(self) -> Tuple:
        return (self.vendor, self.feature, self.number, self.package, self.pooled_by)


@dataclass(frozen=True)
class PoolChange:
    """A pool of OLD (``old``), of NEW (``new``), or both when it changed."""

    key: PoolKey
    old: Optional[Pool]
    new: Optional[Pool]

    @property
    def kind(self) -> str:
        return "added" if self.old is None else "removed" if self.new is None else "changed"

    @property
    def pool(self) -> Pool:
        """The pool as it is in NEW (for a removed pool: as it was)."""
        return self.new if self.new is not None else self.old  # type: ignore[return-value]

    @property
    def seats_changed(self) -> bool:
        return self.kind == "changed" and self.old.seats != self.new.seats

    @property
    def seats_delta(self) -> Optional[int]:
        """NEW's seats minus OLD's; None when either is uncounted or the pool is not in both."""
        if self.old is None or self.new is None or self.old.seats is None \
                or self.new.seats is None:
            return None
        return self.new.seats - self.old.seats

    @property
    def expiry_changed(self) -> bool:
        return self.kind == "changed" and self.old.expires != self.new.expires

    @property
    def latest_changed(self) -> bool:
        return self.kind == "changed" and self.old.latest != self.new.latest

    @property
    def hostids_changed(self) -> bool:
        return self.kind == "changed" and hostid_key(self.old) != hostid_key(self.new)


@dataclass(frozen=True)
class RecordRef:
    """A record at a place: ``text`` is its canonical text, signatures elided."""

    path: str
    line: int
    kind: str
    text: str


@dataclass(frozen=True)
class NowUnserved:
    """A line of NEW that serves nothing, and what its record did in OLD (``before``:
    ``"serving"``, a reason code of :data:`lictool.entitlement.REASONS`, or ``"absent"``)."""

    unserved: Unserved
    before: str
    text: str                            # "FEATURE tserver_sdn 7.6": the line, in short


@dataclass(frozen=True)
class ServesAgain:
    """A line that served nothing in OLD (``old``) and serves at ``path:line`` in NEW."""

    old: Unserved
    path: str
    line: int
    text: str                            # "FEATURE tserver_sdn 7.6": the line, in short


@dataclass(frozen=True)
class ServerRef:
    path: str
    line: int
    host: str
    hostid: str                          # as written; "" when the line has none
    port: Optional[int]


@dataclass(frozen=True)
class ServerChange:
    old: Optional[ServerRef]
    new: Optional[ServerRef]

    @property
    def kind(self) -> str:
        return "added" if self.old is None else "removed" if self.new is None else "changed"


@dataclass(frozen=True)
class EntitlementDiff:
    old: Entitlement
    new: Entitlement
    pools: Tuple[PoolChange, ...]
    now_unserved: Tuple[NowUnserved, ...]
    serve_again: Tuple[ServesAgain, ...]
    servers: Tuple[ServerChange, ...]
    ambiguities_added: Tuple[Ambiguity, ...]
    ambiguities_removed: Tuple[Ambiguity, ...]
    records_added: Tuple[RecordRef, ...]
    records_removed: Tuple[RecordRef, ...]

    @property
    def today(self) -> _dt.date:
        return self.new.today

    @property
    def same(self) -> bool:
        """Whether the license server serves the same from NEW as from OLD."""
        return not (self.pools or self.now_unserved or self.serve_again or self.servers
                    or self.ambiguities_added or self.ambiguities_removed)

    @property
    def records_same(self) -> bool:
        """Whether the files hold the same records apart from layout, comments and blanks."""
        return not (self.records_added or self.records_removed)

    def pools_of(self, kind: str) -> Tuple[PoolChange, ...]:
        """The pool changes of one kind: ``"added"``, ``"removed"`` or ``"changed"``."""
        return tuple(c for c in self.pools if c.kind == kind)


# ---------------------------------------------------------------------------------------------
# matching
# ---------------------------------------------------------------------------------------------

def pair(olds: Sequence[Keyed], news: Sequence[Keyed]) -> Tuple[List[Tuple[T, T]], List[T],
                                                                List[T]]:
    """Multiset matching of keyed items, in order: the i-th OLD item of a key pairs with the
    i-th NEW item of that key. -> (pairs, OLD items left over, NEW items left over)."""
    waiting: Dict[Hashable, Deque[int]] = {}
    for j, (key, _) in enumerate(news):
        waiting.setdefault(key, deque()).append(j)
    pairs, only_old, used = [], [], set()
    for key, item in olds:
        queue = waiting.get(key)
        if queue:
            j = queue.popleft()
            used.add(j)
            pairs.append((item, news[j][1]))
        else:
            only_old.append(item)
    return pairs, only_old, [item for j, (_, item) in enumerate(news) if j not in used]


def rekey(items: Sequence[T], key: Callable[[T], Hashable]) -> List[Keyed]:
    """Items keyed by ``key(item)``: ``(key, item)``."""
    return [(key(item), item) for item in items]


def by(keyed: Sequence[Keyed], key: Callable[[Hashable, T], Hashable]) -> List[Keyed]:
    """Items keyed by ``key(old key, item)``, each kept with its old key: ``(key, item)``."""
    return [(key(k, item), (k, item)) for k, item in keyed]


class Side:
    """One side of the diff: its files, its entitlement, and its records and lines that serve
    nothing found by place."""

    def __init__(self, files: Sequence[LicenseFile], ent: Entitlement) -> None:
        self.files = files
        self.ent = ent
        self.at: Dict[LineRef, Record] = {}
        for path, rec in placed_records(files):
            self.at.setdefault(LineRef(path, rec.line), rec)
        self.order = {ref: n for n, ref in enumerate(self.at)}     # file order
        self.unserved_at = {LineRef(u.path, u.line): u for u in ent.unserved}

    def record(self, path: str, line: int) -> Optional[Record]:
        return self.at.get(LineRef(path, line))


def placed_records(files: Sequence[LicenseFile]) -> List[Tuple[str, Record]]:
    return [(file_path(lf, n), rec) for n, lf in enumerate(files) for rec in lf.records]


# ---------------------------------------------------------------------------------------------
# pools
# ---------------------------------------------------------------------------------------------

def hostid_key(pool: Pool) -> Tuple[str, ...]:
    return tuple(sorted(h.upper() for h in pool.hostids))


def pool_key(side: Side, pool: Pool) -> PoolKey:
    first = side.record(pool.lines[0].path, pool.lines[0].line) if pool.lines else None
    hostids = getattr(first, "hostids", None)
    normal = tuple(sorted(h.normalized for h in hostids)) if hostids else hostid_key(pool)
    return PoolKey(pool.vendor, pool.feature, pool.number, normal, pool.package,
                   pool.pooled_by)


def content(pool: Pool) -> Tuple:
    return (pool.seats, pool.expires, pool.latest)


def pool_changes(old: Side, new: Side) -> Tuple[PoolChange, ...]:
    olds = [(pool_key(old, p), p) for p in old.ent.pools]
    news = [(pool_key(new, p), p) for p in new.ent.pools]
    # identical pools first, then by key, then by key apart from the hostids
    _, olds, news = pair(by(olds, lambda k, p: (k, content(p))),
                         by(news, lambda k, p: (k, content(p))))
    changed, olds, news = pair(by(olds, lambda k, p: k), by(news, lambda k, p: k))
    moved, olds, news = pair(by(olds, lambda k, p: k.without_hostids()),
                             by(news, lambda k, p: k.without_hostids()))
    out = [PoolChange(n[0], o[1], n[1]) for o, n in changed + moved]
    out += [PoolChange(k, p, None) for k, p in olds]
    out += [PoolChange(k, None, p) for k, p in news]
    out.sort(key=lambda c: (c.key.vendor, c.key.feature.casefold(), c.key.feature,
                            -c.key.number, c.key.package or "", c.key.pooled_by, c.key.hostids,
                            ("removed", "changed", "added").index(c.kind)))
    return tuple(out)


# ---------------------------------------------------------------------------------------------
# lines that serve nothing
# ---------------------------------------------------------------------------------------------

def unserved_changes(old: Side, new: Side, matched: Sequence[Tuple[RecordRef, RecordRef]],
                     added: Sequence[RecordRef]) -> Tuple[Tuple[NowUnserved, ...],
                                                          Tuple[ServesAgain, ...]]:
    """What changed for each record of NEW (matched with its OLD record by layout key, or
    added): serves nothing now and did not, or for another reason; serves and did not."""
    now: List[NowUnserved] = []
    again: List[ServesAgain] = []
    for o, n in [*matched, *((None, n) for n in added)]:
        ref = LineRef(n.path, n.line)
        was = old.unserved_at.get(LineRef(o.path, o.line)) if o is not None else None
        is_ = new.unserved_at.get(ref)
        if is_ is not None and (was is None or was.reason != is_.reason):
            before = ABSENT if o is None else was.reason if was is not None else SERVING
            now.append(NowUnserved(is_, before, short(new.at[ref])))
        elif is_ is None and was is not None:
            again.append(ServesAgain(was, n.path, n.line, short(new.at[ref])))
    now.sort(key=lambda x: new.order[LineRef(x.unserved.path, x.unserved.line)])
    again.sort(key=lambda x: new.order[LineRef(x.path, x.line)])
    return tuple(now), tuple(again)


# ---------------------------------------------------------------------------------------------
# SERVER lines, ambiguities, records
# ---------------------------------------------------------------------------------------------

def server_refs(files: Sequence[LicenseFile]) -> List[Tuple[Tuple, ServerRef]]:
    """(host, hostid, port) keys -> SERVER lines, in file order."""
    out = []
    for path, rec in placed_records(files):
        if isinstance(rec, Server):
            hostid = rec.hostid.normalized if rec.hostid else ""
            ref = ServerRef(path, rec.line, rec.host, rec.hostid.text if rec.hostid else "",
                            rec.port)
            out.append(((rec.host.casefold(), hostid, rec.port), ref))
    return out


def host_of(key: Tuple, ref: ServerRef) -> Hashable:
    return key[0]


def hostid_of(key: Tuple, ref: ServerRef) -> Hashable:
    return key[1]


def server_changes(old: Side, new: Side) -> Tuple[ServerChange, ...]:
    olds, news = server_refs(old.files), server_refs(new.files)
    _, olds, news = pair(by(olds, lambda k, r: k), by(news, lambda k, r: k))
    out: List[ServerChange] = []
    for part in (host_of, hostid_of):   # the same host, else the same hostid
        pairs, olds, news = pair(by(olds, part), by(news, part))
        out += [ServerChange(o[1], n[1]) for o, n in pairs]
    out += [ServerChange(r, None) for _, r in olds]
    out += [ServerChange(None, r) for _, r in news]
    return tuple(out)


def ambiguity_changes(old: Side, new: Side) -> Tuple[Tuple[Ambiguity, ...],
                                                     Tuple[Ambiguity, ...]]:
    def key(a: Ambiguity) -> Hashable:
        return (a.vendor, a.feature, a.setting, a.message)

    _, removed, added = pair(rekey(old.ent.ambiguities, key), rekey(new.ent.ambiguities, key))
    return tuple(added), tuple(removed)


def describe(rec: Record) -> str:
    """A record in one line: its canonical text, each signature as ``SIGN=...``."""
    toks = tokens(rec)
    if toks is None:
        return getattr(rec, "text", rec.kind)
    signatures = spec().signature_keywords
    names = [a.name for a in getattr(rec, "attributes", ())]
    shown = toks[:len(toks) - len(names)]
    for name, tok in zip(names, toks[len(toks) - len(names):]):
        shown.append(tok.split("=", 1)[0] + "=..." if name in signatures else tok)
    return " ".join(shown)


def short(rec: Optional[Record]) -> str:
    """``FEATURE tserver_sdn 7.6``, ``PACKAGE suite``: a feature line in a message."""
    if rec is None:
        return "line"
    version = getattr(rec, "version", None)
    parts = [getattr(rec, "keyword", "") or rec.kind, getattr(rec, "name", "") or "",
             version.text if version is not None else ""]
    return " ".join(p for p in parts if p)


def record_refs(files: Sequence[LicenseFile]) -> List[Keyed]:
    return [(layout_key(rec), RecordRef(path, rec.line, rec.kind, describe(rec)))
            for path, rec in placed_records(files) if not isinstance(rec, NOT_RECORDS)]


# ---------------------------------------------------------------------------------------------
# the entry point
# ---------------------------------------------------------------------------------------------

def diff(old_files: Sequence[LicenseFile], new_files: Sequence[LicenseFile],
         today: Optional[_dt.date] = None, options: Optional[Options] = None) -> EntitlementDiff:
    """The change from ``old_files`` to ``new_files`` (each in license search path order) of
    what the license server serves on ``today`` (default: today), then of the records."""
    today = today or _dt.date.today()
    options = options or Options()
    return compare(old_files, entitlement(old_files, today, options),
                   new_files, entitlement(new_files, today, options))


def compare(old_files: Sequence[LicenseFile], old_ent: Entitlement,
            new_files: Sequence[LicenseFile], new_ent: Entitlement) -> EntitlementDiff:
    """:func:`diff` of two sides whose entitlements are already computed (``old_ent`` of
    ``old_files``, ``new_ent`` of ``new_files``, with one date and the same options): for a
    caller that needs the entitlements too (``lictool merge``) and computes each once."""
    old = Side(old_files, old_ent)
    new = Side(new_files, new_ent)
    matched, removed, added = pair(record_refs(old.files), record_refs(new.files))
    now, again = unserved_changes(old, new, matched, added)
    amb_added, amb_removed = ambiguity_changes(old, new)
    return EntitlementDiff(old.ent, new.ent, pool_changes(old, new), now, again,
                           server_changes(old, new), amb_added, amb_removed, tuple(added),
                           tuple(removed))
