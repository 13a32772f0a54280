"""The seat accounting of ``lictool check``: what the license files serve to each part of a
requirement, by the entitlement engine (:mod:`lictool.entitlement`).

- Each license file is one license server's search path (:class:`Entitlements`).
- A requirement is split into :class:`Part` s, one per license server its applications check
  out from: each application checks out from its own license server (``license-server``), so
  each server's part is compared with that server's file alone. Without ``shares`` (the
  quantity is not split per application) the requirement is one part, compared with the files
  of every server its applications use, summed; with ``--license`` (``by_server=False``), and
  for applications that name no license server (or whose server names no file), every file read
  counts, each on its own, summed.
- Within a part, each :class:`Demand` (a share) requests the version of its release
  (:func:`lictool.lint.settings.checkout_version`: ``8.0`` for 8.x, ``0`` for 7.x, which do not
  check versions) or of ``Requirement.release`` (``ha_redundancy``: the Solution Control
  Server's). A checkout of version v draws on the pools of version >= v, so the part is served
  when, for every version v requested, the demands requesting v or more fit into the seats of
  version >= v (the pools one request accepts are nested in those of every lower request: these
  conditions are exactly what a license server can serve). Each is a :class:`Condition`; the
  tightest one is reported.
- A higher tier serves a lower need (``Requirement.served_by``: OCS full dialing "enables
  Preview also"; Voice Callback "You can use either license"): the seats of the higher tier's
  feature count for the lower need, less those its own need takes (on the same license server;
  its demands draw on the lowest-version pools they accept first, which leaves the most for the
  lower need).
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Dict, List, NamedTuple, Optional, Sequence, Tuple

from ..catalogs import GENESYS_VENDOR as VENDOR, Catalogs
from ..entitlement import HIGHER_FIRST, LOWER_FIRST, Entitlement, Options, entitlement
from ..lint.settings import checkout_version
from ..model import LicenseFile, Version
from .model import Application, Deployment, LicenseServer, Requirement


class Entitlements:
    """The entitlement of each license file on its own (each file is one license server's search
    path), computed once per file and version sort."""

    def __init__(self, files: Sequence[Tuple[str, LicenseFile]], today: _dt.date,
                 options: Optional[Options] = None) -> None:
        self.today = today
        self.options = options or Options()
        # the engine names lines by the file's path: the path the findings show
        self.files: Dict[str, LicenseFile] = {
            path: lf if lf.path == path else dataclasses.replace(lf, path=path)
            for path, lf in files}
        self._cache: Dict[Tuple[str, str], Entitlement] = {}

    def of(self, path: str, version_sort: Optional[str] = None) -> Entitlement:
        sort = version_sort or self.options.version_sort
        key = (path, sort)
        if key not in self._cache:
            options = dataclasses.replace(self.options, version_sort=sort)
            self._cache[key] = entitlement([self.files[path]], self.today, options)
        return self._cache[key]


class Unusable(NamedTuple):
    """A line of the feature that serves nothing to the products that need it."""

    path: str
    line: int
    feature: str
    reason: str                  # an engine reason code (``lictool.entitlement.REASONS``), or
    #                              "version": its version is lower than the products request
    why: str                     # in words: the engine's message, or the version test


@dataclass(frozen=True)
class Provided:
    """What the license files serve to the checkouts of one requirement."""

    seats: Optional[int]                       # None: an uncounted pool (any number)
    version: str                               # the version the products request
    served: Tuple[Tuple[str, str, Optional[int]], ...]   # (file, pool version, seats) serving it
    unusable: Tuple[Unusable, ...]             # lines of it that serve nothing to them
    other: Optional[Tuple[str, Optional[int]]] = None  # (other version sort, its seats) if different
    #: what each file provides (in the order of the files): (file, seats)
    per_file: Tuple[Tuple[str, Optional[int]], ...] = ()


def aliases(feature: str, cats: Catalogs) -> List[str]:
    """``feature`` and its catalogue aliases (their seats add up)."""
    cat = cats.vendor(VENDOR)
    names = [feature]
    if cat:
        info = cat.features.get(feature)
        if info and info.alias_of:
            names.append(info.alias_of)
        names += [n for n, f in cat.features.items() if f.alias_of == feature]
    return names


def major_of(release: str) -> int:
    return int(release.split(".")[0])


def request_major(version: str) -> int:
    """The release a request version is of: 8 for ``8.0``; 0 for ``0`` (before 8.x)."""
    return int(Version(version).number)


def number(version: str) -> Decimal:
    return Version(version).number


def add(a: Optional[int], b: Optional[int]) -> Optional[int]:
    return None if a is None or b is None else a + b


def served(feature: str, want: str, paths: Sequence[str], ents: Entitlements,
           cats: Catalogs) -> Provided:
    """What the files ``paths`` (each its own license server) serve for ``feature`` (and its
    aliases) to a checkout of version ``want``."""
    names = aliases(feature, cats)
    wanted = number(want)
    major = request_major(want)
    total: Optional[int] = 0
    serving: List[Tuple[str, str, Optional[int]]] = []
    unusable: List[Unusable] = []
    per_file: List[Tuple[str, Optional[int]]] = []
    contested = False
    for path in paths:
        ent = ents.of(path)
        seats: Optional[int] = 0
        for name in names:
            seats = add(seats, ent.seats(VENDOR, name, want))
            for p in ent.pools_of(VENDOR, name):
                if p.number >= wanted:
                    if p.seats != 0:
                        serving.append((path, p.version, p.seats))
                else:
                    first = p.lines[0]
                    unusable.append(Unusable(
                        first.path, first.line, name, "version",
                        f"it is version {p.version}, and {major}.x products request "
                        f"{want} (a line serves requests of its version and lower)"))
        for u in ent.unserved:
            if u.vendor == VENDOR and u.feature in names:
                unusable.append(Unusable(u.path, u.line, u.feature, u.reason, u.message))
        contested = contested or any(a.vendor == VENDOR and a.feature in names
                                     for a in ent.ambiguities)
        per_file.append((path, seats))
        total = add(total, seats)
    other = None
    if contested:
        sort = LOWER_FIRST if ents.options.version_sort == HIGHER_FIRST else HIGHER_FIRST
        theirs: Optional[int] = 0
        for path in paths:
            ent = ents.of(path)
            if any(a.vendor == VENDOR and a.feature in names for a in ent.ambiguities):
                ent = ents.of(path, sort)
            for name in names:
                theirs = add(theirs, ent.seats(VENDOR, name, want))
        if theirs != total:
            other = (sort, theirs)
    unusable.sort(key=lambda u: (paths.index(u.path) if u.path in paths else len(paths), u.line))
    return Provided(total, want, tuple(serving), tuple(unusable), other, tuple(per_file))


def provided(feature: str, needed_major: int, paths: Sequence[str], ents: Entitlements,
             cats: Catalogs) -> Provided:
    """What the files ``paths`` serve for ``feature`` to products of release ``needed_major``."""
    return served(feature, checkout_version(needed_major), paths, ents, cats)


# ---------------------------------------------------------------------------------------------
# the parts of a requirement
# ---------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Demand:
    """What one application (a share), or all of a requirement's applications together (a
    requirement not split into shares), checks out."""

    applications: Tuple[str, ...]
    quantity: int
    instances: int               # the instances that check it out (each at most the cap)
    version: str                 # the version its checkout requests
    major: int                   # the release (major) whose version it requests
    line: int                    # the line of its (first) application
    split: bool = True           # False: the requirement's whole quantity (no shares)


@dataclass(frozen=True)
class Part:
    """The part of a requirement one license server serves (``server``), or that the files
    ``paths`` serve together (``server`` None: several servers, or none named)."""

    server: Optional[str]
    paths: Tuple[str, ...]
    unread: Tuple[str, ...]          # license servers whose file was not read
    demands: Tuple[Demand, ...]

    @property
    def quantity(self) -> int:
        return sum(d.quantity for d in self.demands)

    @property
    def line(self) -> int:
        return min((d.line for d in self.demands), default=1)

    @property
    def versions(self) -> Tuple[str, ...]:
        """The versions its demands request, highest first."""
        return tuple(sorted({d.version for d in self.demands}, key=number, reverse=True))


class Tier(NamedTuple):
    """A higher tier's feature counted for a lower need (``Requirement.served_by``)."""

    feature: str
    spare: Optional[int]         # its seats of version >= the request left after its own need
    seats: Optional[int]         # its seats of version >= the request


@dataclass(frozen=True)
class Condition:
    """The demands of a part that request ``version`` or more, and the seats of version >= it."""

    version: str
    need: int
    have: Optional[int]          # own seats plus the tiers' spare ones; None: uncounted
    own: Provided
    tiers: Tuple[Tier, ...]
    demands: Tuple[Demand, ...]

    @property
    def deficit(self) -> Optional[int]:
        """need - have; None when an uncounted pool serves it."""
        return None if self.have is None else self.need - self.have

    @property
    def majors(self) -> Tuple[int, ...]:
        return tuple(sorted({d.major for d in self.demands}))


def tightest(conditions: Sequence[Condition]) -> Condition:
    """The condition with the largest deficit (ties: the higher version)."""
    return max(conditions, key=lambda c: (c.deficit if c.deficit is not None else -(1 << 62),
                                          number(c.version)))


class _Stock:
    """Seats of one feature's pools, file by file, that a need draws on."""

    __slots__ = ("path", "number", "left")

    def __init__(self, path: str, num: Decimal, left: Optional[int]) -> None:
        self.path, self.number, self.left = path, num, left


class Accounting:
    """The parts and conditions of a deployment's requirements against the files read."""

    def __init__(self, dep: Deployment, reqs: Sequence[Requirement],
                 files: Sequence[Tuple[str, LicenseFile]], ents: Entitlements, cats: Catalogs,
                 by_server: bool = True) -> None:
        self.dep, self.reqs, self.ents, self.cats = dep, list(reqs), ents, cats
        self.by_server = by_server
        self.apps: Dict[str, Application] = {a.name: a for a in dep.applications}
        self.servers: Dict[str, LicenseServer] = {s.name: s for s in dep.license_servers}
        self.all_paths: List[str] = list(dict.fromkeys(path for path, _ in files))
        self._shown: Dict[str, str] = {}
        for path in self.all_paths:
            self._shown.setdefault(_target(path), path)
        self._parts: Dict[int, List[Part]] = {}
        self._left: Dict[str, List[_Stock]] = {}

    # -- files ------------------------------------------------------------------------------
    def file_of(self, s: LicenseServer) -> Optional[str]:
        """The shown path of the file of ``s`` among the files read."""
        return self._shown.get(_target(s.license_file)) if s.license_file else None

    def server_of(self, app: Optional[Application]) -> Optional[LicenseServer]:
        """The license server ``app`` checks out from, when it names one that names a file."""
        if app is None or not app.license_server:
            return None
        s = self.servers.get(app.license_server)
        return s if s is not None and s.license_file else None

    # -- parts ------------------------------------------------------------------------------
    def release_of(self, req: Requirement, app: Optional[Application]) -> str:
        if req.release:
            return req.release
        return app.release if app is not None else self.dep.release

    def parts(self, req: Requirement) -> List[Part]:
        key = id(req)
        if key not in self._parts:
            self._parts[key] = (self._split(req) if req.shares else self._whole(req))
        return self._parts[key]

    def _whole(self, req: Requirement) -> List[Part]:
        """A requirement not split into shares: one part, the highest release deciding."""
        users = [self.apps[n] for n in req.applications if n in self.apps]
        majors = ({major_of(req.release)} if req.release else
                  {major_of(a.release) for a in users} or {major_of(self.dep.release)})
        major = max(majors)
        demand = Demand(tuple(a.name for a in users), req.quantity,
                        max(sum(a.instances for a in users), 1), checkout_version(major), major,
                        min((a.line for a in users), default=1), split=False)
        used = {a.license_server for a in users}
        server = next(iter(used)) if len(used) == 1 else None
        paths, unread = self._paths_for(users)
        return [Part(server, tuple(paths), tuple(unread), (demand,))]

    def _paths_for(self, users: Sequence[Application]) -> Tuple[List[str], List[str]]:
        """The files of the license servers ``users`` use, and the servers whose file was not
        read."""
        if not self.by_server or not users:
            return self.all_paths, []
        paths: List[str] = []
        unread: List[str] = []
        for a in users:
            s = self.server_of(a)
            if s is None:
                return self.all_paths, []
            path = self.file_of(s)
            if path is None:
                if s.name not in unread:
                    unread.append(s.name)
            elif path not in paths:
                paths.append(path)
        return sorted(paths, key=self.all_paths.index), unread

    def _split(self, req: Requirement) -> List[Part]:
        """A requirement with shares: one part per license server (per license file)."""
        groups: Dict[object, List[Demand]] = {}
        where: Dict[object, Tuple[Optional[str], Tuple[str, ...], Tuple[str, ...]]] = {}
        names = {a.license_server for a in (self.apps.get(s.application) for s in req.shares)
                 if a is not None}
        for share in req.shares:
            if share.quantity <= 0 and req.unknown is None:
                continue             # (a share of unknown quantity is still checked out)
            app = self.apps.get(share.application)
            release = self.release_of(req, app)
            major = major_of(release)
            demand = Demand((share.application,), share.quantity, max(share.instances, 1),
                            checkout_version(major), major, app.line if app else 1)
            s = self.server_of(app) if self.by_server else None
            if s is None:
                key: object = None
                server = next(iter(names)) if len(names) == 1 else None
                where.setdefault(key, (server, tuple(self.all_paths), ()))
            else:
                path = self.file_of(s)
                key = path if path is not None else ("unread", s.name)
                where.setdefault(key, (s.name, (path,) if path else (),
                                       () if path else (s.name,)))
            groups.setdefault(key, []).append(demand)
        return [Part(*where[k], tuple(ds)) for k, ds in groups.items()]

    # -- conditions -------------------------------------------------------------------------
    def conditions(self, req: Requirement, part: Part) -> List[Condition]:
        """One condition per version the part's demands request, highest first."""
        assert req.feature is not None
        out = []
        for version in part.versions:
            wanted = number(version)
            demands = tuple(d for d in part.demands if number(d.version) >= wanted)
            own = served(req.feature, version, part.paths, self.ents, self.cats)
            tiers = tuple(self._tier(h, part.paths, version) for h in req.served_by
                          if h not in aliases(req.feature, self.cats))
            have = own.seats
            for t in tiers:
                have = add(have, t.spare)
            out.append(Condition(version, sum(d.quantity for d in demands), have, own, tiers,
                                 demands))
        return out

    def _tier(self, feature: str, paths: Sequence[str], version: str) -> Tier:
        wanted = number(version)
        spare: Optional[int] = 0
        seats: Optional[int] = 0
        for item in self._leftover(feature):
            if item.path in paths and item.number >= wanted:
                spare = add(spare, item.left)
        for path in paths:
            for name in aliases(feature, self.cats):
                seats = add(seats, self.ents.of(path).seats(VENDOR, name, version))
        return Tier(feature, spare, seats)

    def _leftover(self, feature: str) -> List[_Stock]:
        """The pools of ``feature`` in every file, less what its own requirements take."""
        if feature in self._left:
            return self._left[feature]
        names = aliases(feature, self.cats)
        stock = [_Stock(path, p.number, p.seats) for path in self.all_paths
                 for name in names for p in self.ents.of(path).pools_of(VENDOR, name)]
        self._left[feature] = stock
        for req in self.reqs:
            if req.feature is None or req.feature not in names:
                continue
            for part in self.parts(req):
                items = sorted((s for s in stock if s.path in part.paths),
                               key=lambda s: (s.number, part.paths.index(s.path)))
                for d in sorted(part.demands, key=lambda d: number(d.version), reverse=True):
                    _take(items, number(d.version), d.quantity)
        return stock


def _take(items: Sequence[_Stock], wanted: Decimal, quantity: int) -> None:
    """Draw ``quantity`` seats from the items of version >= ``wanted``, lowest version first."""
    for item in items:
        if quantity <= 0:
            return
        if item.number < wanted:
            continue
        if item.left is None:           # an uncounted pool serves any number
            return
        n = min(item.left, quantity)
        item.left -= n
        quantity -= n


def _target(path: str) -> str:
    try:
        return str(Path(path).resolve())
    except (OSError, RuntimeError):
        return path


def names_of(items: Sequence[str]) -> str:
    """``A``, ``A and B``, ``A, B and C`` (:func:`lictool.words.and_list`)."""
    from ..words import and_list

    return and_list(items)
