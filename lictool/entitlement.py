"""What the license server will serve: the entitlement of one or more license files.

    ent = entitlement([lf1, lf2], today=date(2026, 6, 1))
    ent.pools          # the license pools the vendor daemons serve, as of ``today``
    ent.unserved       # every feature line that serves nothing, with the reason
    ent.ambiguities    # answers that depend on a point where the sources disagree
    ent.seats("genesys.d", "tserver_sdn", "8.1")   # what a checkout of 8.1 can draw on

Pure: no I/O, no clock (``today`` is given). The rules, each from FlexNet's documentation
(``grammars/flexnet-format.md`` sections 1.5-1.7, 5.3, 5.5, 5.6 and 7; End User Guide, Appendix B; License
Administration Guide, "FEATURE and INCREMENT Lines", "Order of Lines in the License File"):

- The files are read in license search path order; the automatic sort reorders the lines of one
  file (``sort=``, feature name, FEATURE before INCREMENT, uncounted before counted, version,
  issue date newest first, original order) but never across files.
- Only the first counted FEATURE line of a feature (per vendor) is processed; later ones are
  ignored (``ignored-feature``). Which one is first within a file depends on the version sort,
  whose direction the sources dispute: the End User Guide sorts higher versions first, the
  License Administration Guide 2022 lower versions first. lictool takes the End User Guide's
  order by default (``version_sort``) and reports an ambiguity whenever the other order would
  serve something else.
- INCREMENT lines add to the pool of their feature, version and pooling attributes (the
  ``pool = true`` keywords of ``grammars/flexnet.toml``: BORROW, DUP_GROUP, FLOAT_OK, HOST_BASED,
  HOSTID, PLATFORMS, TZ, USER_BASED, VM_PLATFORMS; VENDOR_STRING only when the publisher made it
  a pooling component: ``vendor_string_pools``). The winning FEATURE line starts the pool of its
  key; INCREMENT lines of the same key add to it.
- UPGRADE moves up to its count from the closest preceding FEATURE/INCREMENT line (in the file)
  with from_version <= version < to_version into a pool of the new version; none: nothing moves
  (``upgrade-without-base``). Node-locked uncounted lines cannot be upgraded.
- SUPERSEDE (bare: the line's own feature; ``SUPERSEDE="f1 f2"``: the listed ones) voids lines of
  the same vendor issued before the superseding line's ISSUED= (else START=) date; an undated line
  counts as issued earlier (``superseded``); PACKAGE lines supersede PACKAGE lines.
- PACKAGE: its components are served from its enabling FEATURE/INCREMENT pools (same name and
  vendor, and version when the PACKAGE has one; in any of the files); a component count
  multiplies the enabling count; without OPTIONS=SUITE the enabling pool is consumed by the
  package, with SUITE it stays.
- As of ``today``: an expired line, a line whose START= is later, a line with an impossible date
  serve nothing; a counted line needs a SERVER line in its file and a VENDOR line for its vendor
  there; an uncounted line serves any number on its hostids and needs no server.
- A checkout of feature F at version v draws on the pools of F with version >= v (the version is
  the highest one a license supports).
"""

from __future__ import annotations

import datetime as _dt
import gc
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Dict, Iterable, List, NamedTuple, Optional, Sequence, Tuple

from .syntax.vocabulary import spec
from .model import Feature, LicenseFile, Package, Record, Server, Unparsed, Vendor, Version
from .values import issue_date, parse_date
from .syntax import kinds

HIGHER_FIRST, LOWER_FIRST = "higher-first", "lower-first"
VERSION_SORTS = (HIGHER_FIRST, LOWER_FIRST)
SOURCES = {HIGHER_FIRST: "End User Guide", LOWER_FIRST: "License Administration Guide 2022"}
_SORTED = {HIGHER_FIRST: "higher versions sort first", LOWER_FIRST: "lower versions sort first"}
DEFAULT_SORT = 100          # sort= default (LAG 2022r3 Sort_Rules)

#: reasons a line serves nothing (stable codes: a JSON contract)
REASONS = ("expired", "not-started", "bad-date", "no-license-server", "no-vendor-daemon",
           "superseded", "ignored-feature", "upgrade-without-base",
           "package-without-enabling-line", "syntax-error")


@dataclass(frozen=True)
class Options:
    version_sort: str = HIGHER_FIRST
    vendor_string_pools: bool = False


class LineRef(NamedTuple):
    """A line of a license file: its path and first physical line."""

    path: str
    line: int


@dataclass(frozen=True)
class Pool:
    """Licenses the vendor daemon counts together: one feature, version and pool key."""

    vendor: str
    feature: str
    version: str                         # as written on the line that started the pool
    seats: Optional[int]                 # None: uncounted (any number on the hostids)
    hostids: Tuple[str, ...]             # node-locked to these; empty: floating
    expires: Optional[_dt.date]          # the earliest expiry of its lines; None: permanent
    latest: Optional[_dt.date]           # the latest expiry of its lines; None: permanent
    lines: Tuple[LineRef, ...]
    package: Optional[str] = None        # a component of this PACKAGE
    number: Decimal = field(default=Decimal(0), compare=False, repr=False)
    #: the pooling attributes that keep it apart from other pools of its feature and version
    #: (``DUP_GROUP=U``, a flag as its keyword; HOSTID is ``hostids``)
    pooled_by: Tuple[str, ...] = ()

    @property
    def uncounted(self) -> bool:
        return self.seats is None


@dataclass(frozen=True)
class Unserved:
    path: str
    line: int
    vendor: str
    feature: str
    reason: str                          # one of REASONS
    message: str
    date: Optional[_dt.date] = None      # the date the reason is about (expired, not-started)
    #: the line that makes it serve nothing: the FEATURE line processed instead
    #: (ignored-feature), the SUPERSEDE line (superseded)
    cause: Optional[LineRef] = None


@dataclass(frozen=True)
class Ambiguity:
    """An answer that depends on a setting where the sources disagree."""

    vendor: str
    feature: str
    setting: str                         # "version-sort"
    message: str
    outcomes: Tuple[Tuple[str, str], ...]   # (setting value, what is served then)


@dataclass(frozen=True)
class Entitlement:
    today: _dt.date
    pools: Tuple[Pool, ...]
    unserved: Tuple[Unserved, ...]
    ambiguities: Tuple[Ambiguity, ...] = ()
    options: Options = Options()
    #: every line a SUPERSEDE line voids -> that line, whatever else keeps it from serving (an
    #: expired line can be superseded too; ``unserved`` gives each line one reason)
    superseded: Tuple[Tuple[LineRef, LineRef], ...] = ()
    # indexes, made with the object (a rule asks once per line: a scan would be quadratic)
    _by_feature: Dict[Tuple[str, str], Tuple[Pool, ...]] = field(
        init=False, repr=False, compare=False)
    _by_line: Dict[Tuple[str, int], Unserved] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        by_feature: Dict[Tuple[str, str], List[Pool]] = {}
        for p in self.pools:
            by_feature.setdefault((p.vendor, p.feature), []).append(p)
        object.__setattr__(self, "_by_feature",
                           {k: tuple(v) for k, v in by_feature.items()})
        by_line: Dict[Tuple[str, int], Unserved] = {}
        for u in self.unserved:
            by_line.setdefault((u.path, u.line), u)
        object.__setattr__(self, "_by_line", by_line)

    def pools_of(self, vendor: str, feature: str) -> Tuple[Pool, ...]:
        return self._by_feature.get((vendor, feature), ())

    def seats(self, vendor: str, feature: str, version: str) -> Optional[int]:
        """The seats a checkout of ``feature`` at ``version`` can draw on (pools of a version
        >= it); None when an uncounted pool serves it (any number, on its hostids); 0: none."""
        want = Version(version).number
        total = 0
        for p in self.pools_of(vendor, feature):
            if p.number >= want:
                if p.seats is None:
                    return None
                total += p.seats
        return total

    def why_unserved(self, path: str, line: int) -> Optional[Unserved]:
        return self._by_line.get((path, line))

    def ambiguity(self, vendor: str, feature: str) -> Optional[Ambiguity]:
        """The ambiguity about what is served of a feature, if the answer depends on a setting."""
        return next((a for a in self.ambiguities
                     if a.vendor == vendor and a.feature == feature), None)

    def unserved_in(self, path: str, reason: Optional[str] = None) -> Tuple[Unserved, ...]:
        """The lines of the file ``path`` that serve nothing (for ``reason`` only, if given)."""
        return tuple(u for u in self.unserved
                     if u.path == path and (reason is None or u.reason == reason))

    def served(self, vendor: str, feature: str) -> str:
        """What is served of a feature, in words: ``"600 seats of 8.1, 150 of 7.6"``,
        ``"uncounted of 8.1"``, or ``"nothing"``."""
        return summary(self.pools_of(vendor, feature), vendor, feature, "seats")


# ---------------------------------------------------------------------------------------------
# the computation
# ---------------------------------------------------------------------------------------------

class _Line:
    """A feature line with what the engine reads from it, read once (the issue date and the
    pooling attributes when first asked for: most lines never need them)."""

    __slots__ = ("path", "index", "rec", "server", "vendors", "ref", "attrs", "_issued",
                 "_pooled_by", "pooled")

    def __init__(self, path: str, index: int, rec: Record, server: bool,
                 vendors: frozenset) -> None:
        self.path = path
        self.index = index            # position in the file (original order)
        self.rec = rec
        self.server = server          # the file has a SERVER line
        self.vendors = vendors        # VENDOR/DAEMON names of the file
        self.ref = LineRef(path, rec.line)
        attrs: Dict[str, Optional[str]] = {}
        for a in getattr(rec, "attributes", ()):
            attrs.setdefault(a.name, a.value)
        self.attrs = attrs            # keyword (upper-case) -> value of its first occurrence
        self._issued: object = _UNREAD
        self._pooled_by: Optional[Tuple[str, ...]] = None
        self.pooled = 0               # seats it still gives to its pool (UPGRADE takes some)

    def get(self, key: str) -> Optional[str]:
        return self.attrs.get(key)

    @property
    def issued(self) -> Optional[_dt.date]:
        """Its ISSUED= date, else START= (:func:`lictool.values.issue_date`)."""
        if self._issued is _UNREAD:
            self._issued = issue_date(self.attrs.get("ISSUED"), self.attrs.get("START"))
        return self._issued  # type: ignore[return-value]

    def pooled_by(self, options: Options) -> Tuple[str, ...]:
        if self._pooled_by is None:
            self._pooled_by = pooled_by(self.attrs, options)
        return self._pooled_by


_UNREAD = object()


@dataclass
class _Pool:
    vendor: str
    feature: str
    version: str
    number: Decimal
    seats: Optional[int]
    hostids: Tuple[str, ...]
    expiries: List[Optional[_dt.date]]
    lines: List[LineRef]
    package: Optional[str] = None
    pooled_by: Tuple[str, ...] = ()
    cited: set = field(default_factory=set)

    def cite(self, ref: LineRef) -> None:
        """Add ``ref`` to the lines the pool comes from (once)."""
        if ref not in self.cited:
            self.cited.add(ref)
            self.lines.append(ref)

    def freeze(self) -> Pool:
        dated = [d for d in self.expiries if d is not None]
        permanent = any(d is None for d in self.expiries)
        return Pool(self.vendor, self.feature, self.version, self.seats, self.hostids,
                    None if not dated else min(dated),
                    None if permanent or not dated else max(dated),
                    tuple(self.lines), self.package, self.number, self.pooled_by)


def file_path(lf: LicenseFile, n: int) -> str:
    """The path the engine names the ``n``-th file by (``<file N>`` when it has none)."""
    return lf.path or f"<file {n + 1}>"


def _describe(rec) -> str:
    return f"{rec.keyword} {rec.name} {rec.version.text if rec.version else ''}".rstrip()


def _hostids(rec) -> Tuple[str, ...]:
    return tuple(h.text for h in getattr(rec, "hostids", ()))


def pooled_by(attrs: Dict[str, Optional[str]], options: Options) -> Tuple[str, ...]:
    """The pooling attributes of a line (its first occurrence of each keyword, upper-case ->
    value), but HOSTID and, unless it pools, VENDOR_STRING: ``("DUP_GROUP=U", "FLOAT_OK")``."""
    keys = spec().pool_keywords
    return tuple(sorted(
        name if value is None else f"{name}={value}" for name, value in attrs.items()
        if name in keys and name != "HOSTID"
        and (name != "VENDOR_STRING" or options.vendor_string_pools)))


def _pool_key(line: _Line, options: Options) -> Tuple:
    rec = line.rec
    hostids = tuple(sorted(h.normalized for h in rec.hostids)) if "HOSTID" in line.attrs else ()
    return (rec.vendor, rec.name, rec.version.number, hostids, line.pooled_by(options))


def _sort_key(line: _Line, direction: str) -> Tuple:
    """The automatic sort of counted FEATURE lines of one feature within a file (what decides
    which is "first"): sort=, version (``direction``), issue date newest first, file order."""
    rec = line.rec
    sort_value = DEFAULT_SORT
    raw = line.attrs.get("SORT")
    if raw is not None and raw.isdigit():
        sort_value = int(raw)
    version = rec.version.number
    return (sort_value, -version if direction == HIGHER_FIRST else version,
            -(line.issued.toordinal()) if line.issued else 0, line.index)


def _lines(files: Sequence[LicenseFile]) -> List[_Line]:
    out = []
    for n, lf in enumerate(files):
        path = file_path(lf, n)
        server = any(isinstance(r, Server) or (isinstance(r, Unparsed) and r.keyword == kinds.SERVER)
                     for r in lf.records)
        vendors = frozenset(r.name for r in lf.records if isinstance(r, Vendor))
        for i, rec in enumerate(lf.records):
            if isinstance(rec, (Feature, Package)) or (
                    isinstance(rec, Unparsed) and rec.keyword in spec().licensed_keywords):
                out.append(_Line(path, i, rec, server, vendors))
    return out


class _Run:
    def __init__(self, files: Sequence[LicenseFile], today: _dt.date, options: Options) -> None:
        self.today = today
        self.options = options
        self.lines = _lines(files)
        self.unserved: Dict[Tuple[str, int], Unserved] = {}
        self.pools: Dict[Tuple, _Pool] = {}
        self.order: List[Tuple] = []                  # pool keys in the order they were made
        self.winners: Dict[Tuple[str, str], _Line] = {}
        self.consumed: Dict[Tuple, Optional[int]] = {}   # enabling pools a PACKAGE consumed
        self.file_order = {file_path(lf, n): n for n, lf in enumerate(files)}
        self.superseded: List[Tuple[LineRef, LineRef]] = []

    # -- what serves nothing before any counting ---------------------------------------------
    def drop(self, line: _Line, reason: str, message: str,
             date: Optional[_dt.date] = None, cause: Optional[LineRef] = None) -> None:
        rec = line.rec
        key = (line.path, line.index)
        if key not in self.unserved:
            self.unserved[key] = Unserved(line.path, rec.line, getattr(rec, "vendor", ""),
                                          getattr(rec, "name", "") or "", reason, message, date,
                                          cause)

    def dropped(self, line: _Line) -> bool:
        return (line.path, line.index) in self.unserved

    def dates_and_daemons(self) -> None:
        for line in self.lines:
            rec = line.rec
            if isinstance(rec, Unparsed):
                self.drop(line, "syntax-error", f"line {rec.line} does not parse: "
                          f"{rec.diagnostic.message if rec.diagnostic else 'syntax error'}")
                continue
            if isinstance(rec, Feature):
                exp = rec.expiry
                if exp is not None and not exp.valid:
                    self.drop(line, "bad-date", f"{_describe(rec)} has an impossible expiry "
                              f"date {exp.text!r}")
                    continue
                if exp is not None and exp.date is not None and exp.date < self.today:
                    self.drop(line, "expired", f"{_describe(rec)} expired on "
                              f"{exp.date.isoformat()}", exp.date)
                    continue
                start = parse_date(line.get("START") or "")
                if start is not None and start > self.today:
                    self.drop(line, "not-started", f"{_describe(rec)} starts on "
                              f"{start.isoformat()}", start)
                    continue
                counted = rec.count is not None and not rec.count.uncounted
                if counted and not line.server:
                    self.drop(line, "no-license-server", f"{_describe(rec)} is counted and "
                              f"{line.path} has no SERVER line: no license server serves it")
                    continue
                if counted and rec.vendor not in line.vendors:
                    self.drop(line, "no-vendor-daemon", f"{_describe(rec)} is counted and "
                              f"vendor {rec.vendor!r} has no VENDOR line in {line.path}: no "
                              "vendor daemon serves it")

    def supersede(self) -> None:
        by_name: Dict[Tuple[bool, str, str], List[Tuple[_dt.date, _Line]]] = {}
        for line in self.lines:
            rec = line.rec
            if "SUPERSEDE" not in line.attrs:
                continue
            date = line.issued
            if date is None:
                continue
            names = (line.get("SUPERSEDE") or "").split() or [rec.name]
            for name in set(names):
                by_name.setdefault((isinstance(rec, Package), rec.vendor, name), []).append(
                    (date, line))
        if not by_name:
            return
        # the newest superseding line of each name and the runner-up (for the line itself):
        # the newest of those issued after a line is the newest of all but the line itself, if
        # that one was issued after it (one pass, not every line against every candidate)
        best: Dict[Tuple[bool, str, str], List[Tuple[_dt.date, _Line]]] = {}
        for key, cands in by_name.items():
            top: List[Tuple[_dt.date, _Line]] = []
            for c in cands:
                top.append(c)
                top.sort(key=lambda c: (c[0], -c[1].rec.line), reverse=True)
                del top[2:]
            best[key] = top
        for line in self.lines:
            rec = line.rec
            if isinstance(rec, Unparsed):
                continue
            top = best.get((isinstance(rec, Package), rec.vendor, rec.name))
            if not top:
                continue
            tdate = line.issued
            chosen = top[0] if top[0][1] is not line else (top[1] if len(top) > 1 else None)
            if chosen is not None and (tdate is None or tdate < chosen[0]):
                sdate, s = chosen
                self.superseded.append((line.ref, s.ref))
                self.drop(line, "superseded", f"{_describe(rec)} is superseded by "
                          f"{_describe(s.rec)} on line {s.rec.line} of {s.path} (SUPERSEDE, "
                          f"issued {sdate.isoformat()})", cause=s.ref)

    # -- counting -----------------------------------------------------------------------------
    def add(self, key: Tuple, line: _Line, seats: Optional[int], version: str,
            number: Decimal, package: Optional[str] = None) -> _Pool:
        rec = line.rec
        pool = self.pools.get(key)
        if pool is None:
            pool = self.pools[key] = _Pool(rec.vendor, getattr(rec, "name", ""), version,
                                           number, seats, _hostids(rec), [], [], package,
                                           line.pooled_by(self.options))
            self.order.append(key)
        elif pool.seats is not None:
            pool.seats = None if seats is None else pool.seats + seats
        exp = rec.expiry if isinstance(rec, Feature) else None
        pool.expiries.append(exp.date if exp is not None and not exp.permanent else None)
        pool.cite(line.ref)
        if seats is not None:
            line.pooled += seats
        return pool

    def features_and_increments(self, direction: str) -> None:
        # which counted FEATURE line of each feature is "first": the first file (in search path
        # order) with one, and in it the first after the automatic sort
        candidates: Dict[Tuple[str, str], Dict[str, List[_Line]]] = {}
        for line in self.lines:
            rec = line.rec
            if isinstance(rec, Feature) and rec.keyword == kinds.FEATURE and \
                    not rec.count.uncounted and not self.dropped(line):
                by_file = candidates.setdefault((rec.vendor, rec.name), {})
                by_file.setdefault(line.path, []).append(line)
        for name, by_file in candidates.items():
            first = min(next(iter(by_file.values())), key=lambda ln: _sort_key(ln, direction))
            self.winners[name] = first
            for lines in by_file.values():
                for line in lines:
                    if line is not first:
                        self.drop(line, "ignored-feature", f"{_describe(line.rec)} is ignored: "
                                  f"only the first counted FEATURE line of {name[1]!r} is "
                                  f"processed (line {first.rec.line} of {first.path}, version "
                                  f"{first.rec.version.text})", cause=first.ref)
        # the pools: in file order (the order of lines in a pool does not change its count)
        for line in self.lines:
            rec = line.rec
            if isinstance(rec, Feature) and rec.keyword in (kinds.FEATURE, kinds.INCREMENT) \
                    and not self.dropped(line):
                counted = not rec.count.uncounted
                self.add(_pool_key(line, self.options), line,
                         rec.count.value if counted else None, rec.version.text,
                         rec.version.number)

    def upgrades(self) -> None:
        # the FEATURE/INCREMENT lines of each file and feature, in file order
        earlier: Dict[Tuple[str, str, str], List[_Line]] = {}
        for line in self.lines:
            up = line.rec
            if not isinstance(up, Feature):
                continue
            group = earlier.setdefault((line.path, up.vendor, up.name), [])
            if up.keyword != kinds.UPGRADE:
                group.append(line)
                continue
            if self.dropped(line):
                continue
            base = None
            for prev in reversed(group):          # the closest preceding one
                rec = prev.rec
                if (not self.dropped(prev) and not rec.count.uncounted
                        and up.from_version.number <= rec.version.number < up.version.number):
                    base = prev
                    break
            if base is None:
                self.drop(line, "upgrade-without-base", f"{_describe(up)} (from "
                          f"{up.from_version.text}) has no counted FEATURE or INCREMENT line "
                          f"before it with a version from {up.from_version.text} up to "
                          f"{up.version.text}: it upgrades nothing")
                continue
            src_key = _pool_key(base, self.options)
            src = self.pools.get(src_key)
            moved = min(base.pooled, up.count.value or 0) if src is not None else 0
            if moved:
                base.pooled -= moved
                if src.seats is not None:     # (an uncounted pool stays uncounted)
                    src.seats -= moved
            self.add(_pool_key(line, self.options), line, moved, up.version.text,
                     up.version.number)

    def packages(self) -> None:
        by_name: Dict[Tuple[str, str], List[Tuple]] = {}
        for k in self.order:
            if self.pools[k].package is None:
                by_name.setdefault((k[0], k[1]), []).append(k)
        for line in self.lines:
            pkg = line.rec
            if not isinstance(pkg, Package) or self.dropped(line):
                continue
            enabling = [k for k in by_name.get((pkg.vendor, pkg.name), ())
                        if pkg.version is None or k[2] == pkg.version.number]
            if not enabling:
                want = f" version {pkg.version.text}" if pkg.version else ""
                self.drop(line, "package-without-enabling-line", f"PACKAGE {pkg.name}{want} "
                          "has no FEATURE or INCREMENT line that serves it: none of its "
                          "components is licensed")
                continue
            suite = (line.get("OPTIONS") or "").upper().startswith("SUITE")
            for key in enabling:
                base = self.pools[key]
                enabled = self.consumed.get(key, base.seats)   # what the enabling line gives
                for comp in pkg.components:
                    version = comp.version.text if comp.version else base.version
                    number = comp.version.number if comp.version else base.number
                    seats = None if enabled is None else enabled * (comp.count or 1)
                    ckey = ("component", pkg.vendor, comp.name, number, key)
                    pool = self.pools.get(ckey)
                    if pool is None:
                        pool = self.pools[ckey] = _Pool(pkg.vendor, comp.name, version, number,
                                                        seats, base.hostids,
                                                        list(base.expiries), [], pkg.name,
                                                        base.pooled_by)
                        for ref in base.lines:
                            pool.cite(ref)
                        self.order.append(ckey)
                    pool.cite(line.ref)
                if not suite and key not in self.consumed:
                    self.consumed[key] = base.seats

    def result(self) -> Tuple[Tuple[Pool, ...], Tuple[Unserved, ...],
                              Tuple[Tuple[LineRef, LineRef], ...]]:
        pools = [self.pools[k].freeze() for k in self.order if k not in self.consumed]
        order = self.file_order
        pools.sort(key=lambda p: (p.vendor, p.feature.casefold(), p.feature, -p.number,
                                  order.get(p.lines[0].path, 0), p.lines[0].line))
        unserved = sorted(self.unserved.values(),
                          key=lambda u: (order.get(u.path, 0), u.path, u.line))
        return tuple(pools), tuple(unserved), tuple(self.superseded)


def _compute(files: Sequence[LicenseFile], today: _dt.date, options: Options,
             directions: Sequence[str]):
    """The result for each version sort of ``directions``: what does not depend on it (the
    lines, dates, daemons, SUPERSEDE) is read once."""
    run = _Run(files, today, options)
    run.dates_and_daemons()
    run.supersede()
    before = dict(run.unserved)
    out = []
    for direction in directions:
        run.unserved = dict(before)
        run.pools, run.order, run.winners, run.consumed = {}, [], {}, {}
        for line in run.lines:
            line.pooled = 0
        run.features_and_increments(direction)
        run.upgrades()
        run.packages()
        out.append(run.result())
    return out


def summary(pools: Iterable[Pool], vendor: str, feature: str, unit: str = "") -> str:
    """The pools of a feature in words: ``"600 of 8.1, 150 of 7.6"`` (``unit`` after the first
    count: ``"600 seats of 8.1, ..."``), or ``"nothing"``."""
    served = [p for p in pools if p.vendor == vendor and p.feature == feature]
    if not served:
        return "nothing"
    parts = []
    for p in served:
        seats = "uncounted" if p.seats is None else str(p.seats)
        if unit and not parts and p.seats is not None:
            seats += f" {unit}"
        parts.append(f"{seats} of {p.version}")
    return ", ".join(parts)


def _contested(files: Sequence[LicenseFile]) -> bool:
    """Whether some file holds two counted FEATURE lines of one feature with different versions
    (the only case where the version sort decides what is served)."""
    for lf in files:
        seen: Dict[Tuple[str, str], Decimal] = {}
        for rec in lf.records:
            if isinstance(rec, Feature) and rec.keyword == kinds.FEATURE and rec.count is not None \
                    and not rec.count.uncounted:
                key = (rec.vendor, rec.name)
                number = rec.version.number
                if key in seen and seen[key] != number:
                    return True
                seen.setdefault(key, number)
    return False


def entitlement(files: Sequence[LicenseFile], today: Optional[_dt.date] = None,
                options: Optional[Options] = None) -> Entitlement:
    """The entitlement of ``files`` (in license search path order) as of ``today``."""
    today = today or _dt.date.today()
    options = options or Options()
    if options.version_sort not in VERSION_SORTS:
        raise ValueError(f"version_sort must be one of {VERSION_SORTS}")
    other = LOWER_FIRST if options.version_sort == HIGHER_FIRST else HIGHER_FIRST
    contested = _contested(files)
    # the computation makes an object or two per line and no reference cycles: the cyclic
    # garbage collector would only walk the whole parsed model again and again (up to half of
    # the engine's time on the 10,000-record benchmark file), so it waits until the end
    paused = gc.isenabled()
    gc.disable()
    try:
        results = _compute(files, today, options,
                           (options.version_sort, other) if contested else (options.version_sort,))
    finally:
        if paused:
            gc.enable()
    pools, unserved, superseded = results[0]
    ambiguities: List[Ambiguity] = []
    if contested:
        mine_sort = options.version_sort
        pools2 = results[1][0]
        mine_by: Dict[Tuple[str, str], List[Pool]] = {}
        theirs_by: Dict[Tuple[str, str], List[Pool]] = {}
        for group, ps in ((mine_by, pools), (theirs_by, pools2)):
            for p in ps:
                group.setdefault((p.vendor, p.feature), []).append(p)
        for vendor, feature in sorted(set(mine_by) | set(theirs_by)):
            mine = summary(mine_by.get((vendor, feature), ()), vendor, feature)
            theirs = summary(theirs_by.get((vendor, feature), ()), vendor, feature)
            if mine != theirs:
                ambiguities.append(Ambiguity(
                    vendor, feature, "version-sort",
                    f"{feature}: serves {mine} if {_SORTED[mine_sort]} ({SOURCES[mine_sort]}), "
                    f"or {theirs} if {_SORTED[other]} ({SOURCES[other]})",
                    ((mine_sort, mine), (other, theirs))))
    return Entitlement(today, pools, unserved, tuple(ambiguities), options, superseded)
