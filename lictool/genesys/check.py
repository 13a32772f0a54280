"""``lictool check``: does a deployment's license file provide what the deployment needs?

The license files (those of the deployment's license servers, or the ones given) are linted with
the deployment's release as the target release (when every application has the same major
release; with applications of several major releases, old-feature-version is left out and the
version test below decides), then compared with the requirements.

What a license file provides for a requirement is what the license server would serve to a
checkout by the product, as the entitlement engine (:mod:`lictool.entitlement`) computes it as
of ``today`` with the configured ``version-sort`` and ``vendor-string-pools``:

- the checkout's version: applications of release 8 and later request ``<major>.0`` ("Genesys
  8.x products will check out only 8.x license features": guide, Technical License
  Compatibility); 7.x applications do not check versions ("verification of the version starts
  with release 8.x": guide, Introduction), so they request ``0``;
- a checkout of version v is served by the pools of version >= v, the version of a line being
  the highest one it supports (FlexNet End User Guide, Appendix B, Table B-1): an 8.1 line serves
  8.x products, and 7.x products too;
- only the first counted FEATURE line of a feature is processed, later ones are ignored
  (End User Guide, Appendix B; which one is first depends on the version sort, where the
  FlexNet guides disagree: when the other order would give another answer, the message says
  so); INCREMENT lines add to their pool; UPGRADE moves seats; SUPERSEDE voids older lines; an
  expired line, a line whose START= is later, a counted line in a file without a SERVER line or
  without a VENDOR line for ``genesys.d`` serve nothing;
- the seats of the feature and its catalogue aliases are added up; an uncounted pool provides
  any number;
- each ``[[license-server]]`` runs its own license server: each license file is one server's
  search path, and a requirement is compared with the files of the license servers its
  applications use (all the files read when the files are given with ``--license``, or when an
  application names no license server or its server no file).

Findings, in the lint output formats: ``missing-license``, ``license-shortfall`` (both with
``Finding.data``: ``have``, ``need``, ``shortfall``, ``feature``, ``version``,
``license_server``), ``license-server-mac``, ``java-single-server``, ``unverifiable``,
``unused-license``.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, List, NamedTuple, Optional, Sequence, Tuple

from ..catalogs import Catalogs, load as load_catalogs
from ..entitlement import (HIGHER_FIRST, LOWER_FIRST, SOURCES, Entitlement, Options,
                           entitlement)
from ..lint.rule import Finding, Rule
from ..lint.settings import checkout_version
from ..model import Feature, LicenseFile, Version
from .model import Application, Deployment, LicenseServer, Requirement

VENDOR = "genesys.d"


def _rule(code: str, name: str, severity: str, summary: str, what: str, why: str,
          source: str) -> Rule:
    doc = f"## What it checks\n{what}\n\n## Why it matters\n{why}\n\n## Source\n{source}\n"
    return Rule(code, name, severity, summary, doc)


_SERVED = (
    "What a file provides is what the license server serves to a checkout of the product's "
    "version (8.x products request <major>.0, 7.x products do not check versions), by the "
    "entitlement engine: the pools of version >= the request, only the first counted FEATURE "
    "line of a feature, INCREMENT lines added, SUPERSEDE, UPGRADE, expiry and START= applied, "
    "counted lines only with a SERVER and a VENDOR line. The JSON object (SARIF: properties) "
    "carries have, need, shortfall, feature, version and license_server.")
_SERVED_SOURCE = (
    "Genesys Licensing Guide, the section named in the message, Introduction (\"verification of "
    "the version starts with release 8.x\") and Technical License Compatibility (\"Genesys 8.x "
    "products will check out only 8.x license features\"); FlexNet End User Guide, Appendix B "
    "(the first FEATURE line of a feature wins; the version is the highest one a license "
    "supports).")
MISSING = _rule(
    "C001", "missing-license", "error", "A license the deployment needs is not in its license files.",
    "A technical license that the deployment description needs (`lictool require`), named by the "
    "catalogue or `[feature-names]`, of which the license files serve nothing to the products "
    "that need it (absent, or every line of it ignored, expired, superseded, not started, "
    "without a license server, or of a lower version than they request). " + _SERVED,
    "The application that checks it out does not start, or runs without the function.",
    _SERVED_SOURCE)
SHORTFALL = _rule(
    "C002", "license-shortfall", "error", "The license files provide fewer licenses than needed.",
    "A needed license of which the license files serve fewer seats than the deployment needs. "
    + _SERVED,
    "Check-outs beyond the count fail: agents cannot log in, DNs are not registered.",
    _SERVED_SOURCE)
SERVER_MAC = _rule(
    "C003", "license-server-mac", "error", "A license server on a virtual platform without a static MAC.",
    "A `[[license-server]]` on a virtual platform (not `physical`) whose `mac-assignment` is not "
    "`static`.",
    "Its MAC address, the hostid of the license file, changes when the virtual machine is moved "
    "or re-created, and the license server stops serving.",
    "Genesys Licensing Guide, \"Licenses for Virtual Platform Support\".")
JAVA = _rule(
    "L704", "java-single-server", "error", "Genesys Desktop or GIS on a three-server triad.",
    "A Genesys Desktop or GIS application whose license server's file has three SERVER lines.",
    "Products built on the Java Flex library support only a single license server.",
    "Genesys Licensing Guide, \"Genesys Desktop\" (Tip) and \"Genesys SDKs: Agent Interaction "
    "Java and GIS\" (Tip).")
UNVERIFIABLE = _rule(
    "C005", "unverifiable", "info", "A needed license whose feature name is unknown.",
    "A license the deployment needs for which the guide gives no feature name and neither the "
    "catalogue nor the `[feature-names]` table maps one.",
    "lictool cannot tell whether the license files provide it: check by hand, or map its license "
    "id to the feature name in `[feature-names]`.",
    "Genesys Licensing Guide (which names only some technical licenses).")
UNUSED = _rule(
    "C006", "unused-license", "info", "A catalogued license that no application of the deployment needs.",
    "A `genesys.d` feature line of the license files whose feature no requirement of the "
    "deployment names (e.g. tserver_tdn with only T-Servers 7.2 and later).",
    "It may be left over from an older release or a removed application; it is harmless.",
    "Genesys Licensing Guide, e.g. \"T-Server (7.2 and later)\" and \"Genesys Info Mart\" (Tip).")
RULES = (MISSING, SHORTFALL, SERVER_MAC, JAVA, UNVERIFIABLE, UNUSED)

#: the version sorts, as the messages name them
SORTED = {HIGHER_FIRST: "higher versions sorting first", LOWER_FIRST: "lower versions sorting first"}


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


def target_release(dep: Deployment) -> Optional[str]:
    """The release to lint with: the common major release of every application, if any."""
    majors = {a.release.split(".")[0] for a in dep.applications}
    if len(majors) == 1:
        releases = sorted({a.release for a in dep.applications})
        return releases[-1]
    return None


def _names(feature: str, cats: Catalogs) -> List[str]:
    cat = cats.vendor(VENDOR)
    names = [feature]
    if cat:
        info = cat.features.get(feature)
        if info and info.alias_of:
            names.append(info.alias_of)
        names += [n for n, f in cat.features.items() if f.alias_of == feature]
    return names


def _major(release: str) -> int:
    return int(release.split(".")[0])


def _add(a: Optional[int], b: Optional[int]) -> Optional[int]:
    return None if a is None or b is None else a + b


def provided(feature: str, needed_major: int, paths: Sequence[str], ents: Entitlements,
             cats: Catalogs) -> Provided:
    """What the files ``paths`` (each its own license server) serve for ``feature`` (and its
    aliases) to products of release ``needed_major``."""
    names = _names(feature, cats)
    want = checkout_version(needed_major)
    number = Version(want).number
    total: Optional[int] = 0
    served: List[Tuple[str, str, Optional[int]]] = []
    unusable: List[Unusable] = []
    per_file: List[Tuple[str, Optional[int]]] = []
    contested = False
    for path in paths:
        ent = ents.of(path)
        seats: Optional[int] = 0
        for name in names:
            seats = _add(seats, ent.seats(VENDOR, name, want))
            for p in ent.pools_of(VENDOR, name):
                if p.number >= number:
                    if p.seats != 0:
                        served.append((path, p.version, p.seats))
                else:
                    first = p.lines[0]
                    unusable.append(Unusable(
                        first.path, first.line, name, "version",
                        f"it is version {p.version}, and {needed_major}.x products request "
                        f"{want} (a line serves requests of its version and lower)"))
        for u in ent.unserved:
            if u.vendor == VENDOR and u.feature in names:
                unusable.append(Unusable(u.path, u.line, u.feature, u.reason, u.message))
        contested = contested or any(a.vendor == VENDOR and a.feature in names
                                     for a in ent.ambiguities)
        per_file.append((path, seats))
        total = _add(total, seats)
    other = None
    if contested:
        sort = LOWER_FIRST if ents.options.version_sort == HIGHER_FIRST else HIGHER_FIRST
        theirs: Optional[int] = 0
        for path in paths:
            ent = ents.of(path)
            if any(a.vendor == VENDOR and a.feature in names for a in ent.ambiguities):
                ent = ents.of(path, sort)
            for name in names:
                theirs = _add(theirs, ent.seats(VENDOR, name, want))
        if theirs != total:
            other = (sort, theirs)
    unusable.sort(key=lambda u: (paths.index(u.path) if u.path in paths else len(paths), u.line))
    return Provided(total, want, tuple(served), tuple(unusable), other, tuple(per_file))


def _count(n: Optional[int]) -> str:
    return "uncounted" if n is None else str(n)


def _served_phrase(have: Provided, major: int) -> str:
    versions = sorted({v for _, v, _ in have.served}, key=lambda v: Version(v).number)
    if not versions:
        return ""
    shown = " and ".join([", ".join(versions[:-1]), versions[-1]] if len(versions) > 1
                         else versions)
    text = (f"{shown} pools serve {major}.x products" if major >= 8 else
            f"{shown} pools serve {major}.x products, which do not check versions")
    giving = [(path, n) for path, n in have.per_file if n != 0]
    if len(giving) > 1:
        text += ": " + ", ".join(f"{_count(n)} in {path}" for path, n in giving)
    return text


def _other_phrase(have: Provided) -> str:
    if have.other is None:
        return ""
    sort, seats = have.other
    return (f"with {SORTED[sort]}, as in the {SOURCES[sort]}: have {_count(seats)}; set "
            "version-sort to choose")


NOTES = 3      # lines that serve nothing named in a message; the others are counted


def _unusable_phrase(unusable: Sequence[Unusable]) -> str:
    notes = [f"{u.path}:{u.line}: " + (u.why.replace("it is", f"{u.feature} is", 1)
                                         if u.reason == "version" else u.why)
             for u in unusable[:NOTES]]
    more = len(unusable) - NOTES
    if more > 0:
        notes.append(f"{more} more line{'s' if more > 1 else ''} of it serve nothing")
    return "; ".join(notes)


def requirement_data(have: Optional[int], need: int, feature: str, version: str,
                     license_server: Optional[str]) -> Dict[str, object]:
    """The structured facts of a ``missing-license`` or ``license-shortfall`` finding
    (``Finding.data``: keys of its JSON object, its SARIF result's properties)."""
    return {"have": "uncounted" if have is None else have, "need": need,
            "shortfall": 0 if have is None else max(need - have, 0), "feature": feature,
            "version": version, "license_server": license_server}


def check(dep: Deployment, reqs: Sequence[Requirement], files: Sequence[Tuple[str, LicenseFile]],
          today: _dt.date, dep_path: str, cats: Optional[Catalogs] = None,
          options: Optional[Options] = None, by_server: bool = True) -> List[Finding]:
    """Findings of the comparison (the lint findings of the files are the caller's).

    ``files`` are the license files read, as ``(shown path, file)``; ``options`` the
    entitlement engine's (``lictool.lint.settings.engine_options``); ``by_server=False`` (files
    given with ``--license``): every requirement is compared with all the files."""
    cats = cats or load_catalogs()
    apps: Dict[str, Application] = {a.name: a for a in dep.applications}
    ents = Entitlements(files, today, options)
    all_paths = list(dict.fromkeys(path for path, _ in files))   # (a file given twice: once)
    shown_by_target: Dict[str, str] = {}
    for path in all_paths:
        shown_by_target.setdefault(_target(path), path)
    servers: Dict[str, LicenseServer] = {s.name: s for s in dep.license_servers}
    out: List[Finding] = []

    def at_dep(line: int, rule: Rule, message: str, hint: Optional[str] = None,
               data: Optional[Dict[str, object]] = None) -> Finding:
        return Finding(dep_path, max(line, 1), 1, max(line, 1), 2, rule.code, rule.name,
                       rule.severity, message, hint, data=data)

    def paths_for(users: Sequence[Application]) -> Tuple[List[str], List[str]]:
        """The files of the license servers ``users`` use, and the servers whose file was not
        read."""
        if not by_server or not users:
            return all_paths, []
        paths: List[str] = []
        unread: List[str] = []
        for a in users:
            s = servers.get(a.license_server) if a.license_server else None
            if s is None or not s.license_file:
                return all_paths, []
            path = file_of(s)
            if path is None:
                if s.name not in unread:
                    unread.append(s.name)
            elif path not in paths:
                paths.append(path)
        return sorted(paths, key=all_paths.index), unread

    def file_of(s: LicenseServer) -> Optional[str]:
        """The shown path of the file of ``s`` among the files read."""
        return shown_by_target.get(_target(s.license_file)) if s.license_file else None

    needed_names = set()
    for req in reqs:
        users = [apps[n] for n in req.applications if n in apps]
        line = min((a.line for a in users), default=1)
        if req.feature is None:
            out.append(at_dep(line, UNVERIFIABLE,
                              f"{req.quantity} x {req.license} ({req.product}) needed, but the "
                              "guide gives no feature name for it, so the license files cannot be "
                              f"checked: {req.reason}",
                              f"map it in [feature-names]: \"{req.license}\" = \"<feature name>\""))
            continue
        needed_names.update(_names(req.feature, cats))
        majors = {_major(a.release) for a in users} or {_major(dep.release)}
        needed_major = max(majors)
        paths, unread = paths_for(users)
        have = provided(req.feature, needed_major, paths, ents, cats)
        if have.seats is None or have.seats >= req.quantity:
            continue                  # (an uncounted pool serves any number)
        used = {a.license_server for a in users}
        server = next(iter(used)) if len(used) == 1 else None
        data = requirement_data(have.seats, req.quantity, req.feature, have.version, server)
        other = _other_phrase(have)
        if have.seats == 0:
            extra = ""
            if have.unusable:
                u = have.unusable[0]
                extra = (f"; {u.path}:{u.line} has {u.feature} but " +
                         (u.why if u.reason == "version" else f"serves nothing: {u.why}"))
                if len(have.unusable) > 1:
                    extra += "; " + _unusable_phrase(have.unusable[1:])
            if unread:
                extra += "; the file of license server " + ", ".join(map(repr, unread)) + \
                    " was not read"
            why = "; ".join(p for p in (other, req.source) if p)
            out.append(at_dep(line, MISSING,
                              f"{req.feature} ({req.license}) is needed, {req.quantity} x, and "
                              f"no license file provides it{extra} ({why})",
                              _missing_hint(have, needed_major), data))
        else:
            parts = [p for p in (_served_phrase(have, needed_major),
                                 _unusable_phrase(have.unusable),
                                 other, req.reason, req.source) if p]
            out.append(at_dep(line, SHORTFALL,
                              f"{req.feature}: have {have.seats}, need {req.quantity} "
                              f"({'; '.join(parts)})",
                              f"order {req.quantity - have.seats} more", data))
    for s in dep.license_servers:
        if s.platform != "physical" and s.mac_assignment != "static":
            how = s.mac_assignment or "not declared static"
            out.append(at_dep(s.line, SERVER_MAC,
                              f"license server {s.name!r} runs on {s.platform} and its MAC "
                              f"assignment is {how}: its hostid changes when the virtual machine "
                              "is moved or re-created (guide: Licenses for Virtual Platform Support)",
                              "give the virtual machine a static MAC address, and set "
                              "mac-assignment = \"static\""))
    loaded = dict(files)
    for a in dep.applications:
        if a.product not in ("genesys-desktop", "gis") or a.license_server not in servers:
            continue
        shown = file_of(servers[a.license_server])
        lf = loaded.get(shown) if shown else None
        if lf is not None and len(lf.servers) == 3:
            out.append(at_dep(a.line, JAVA,
                              f"{a.name} ({a.product}) uses license server {a.license_server!r}, "
                              "a three-server triad; products built on the Java Flex library "
                              "support only a single license server",
                              "serve its licenses from a single license server"))
    cat = cats.vendor(VENDOR)
    if cat is not None:
        for path, lf in files:
            for rec in lf.records:
                if (isinstance(rec, Feature) and rec.vendor == VENDOR and rec.name in cat.features
                        and rec.name not in needed_names):
                    line, col, eline, ecol = rec.span
                    out.append(Finding(path, line, col, eline, ecol, UNUSED.code, UNUSED.name,
                                       UNUSED.severity,
                                       f"{rec.keyword} {rec.name!r}: no application of the "
                                       "deployment needs it",
                                       "keep it if an application outside the description uses it"))
    return sorted(out, key=lambda f: f.sort_key)


def _target(path: str) -> str:
    try:
        return str(Path(path).resolve())
    except (OSError, RuntimeError):
        return path


def _missing_hint(have: Provided, major: int) -> str:
    release = f" at release {major}.x" if major >= 8 else ""
    first = have.unusable[0] if have.unusable else None
    if first is not None and first.reason in ("no-license-server", "no-vendor-daemon"):
        return (f"counted licenses are served by a license server: {first.path} needs its SERVER "
                f"line and a VENDOR line for {VENDOR} (ask Genesys for the file as issued)")
    if first is not None and first.reason == "not-started":
        return f"the line cannot be used before its START= date; until then, order it from Genesys{release}"
    return f"order it from Genesys{release}"


def license_files(dep: Deployment, given: Sequence[str]) -> List[str]:
    if given:
        return list(given)
    seen: List[str] = []
    for s in dep.license_servers:
        if s.license_file and s.license_file not in seen:
            seen.append(s.license_file)
    return seen


def display_path(path: str) -> str:
    """A path relative to the current folder when it is below it."""
    p = Path(path)
    try:
        return str(p.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return path
