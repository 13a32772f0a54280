"""``lictool check``: does a deployment's license file provide what the deployment needs?

The license files (those of the deployment's license servers, or the ones given) are linted with
the deployment's release as the target release (when every application has the same major
release; with applications of several major releases, old-feature-version is left out and the
version test below decides), then compared with the requirements:

- what a file provides for a feature is the sum of the counts of its valid, unexpired FEATURE and
  INCREMENT lines for that feature name (aliases included) from the ``genesys.d`` vendor, of the
  right version: for applications of release 8 and later, lines of their major release ("Genesys
  8.x products will check out only 8.x license features": guide, Technical License
  Compatibility); 7.x applications do not check versions, so any line counts for them. An
  uncounted (node-locked) line provides any number.
- findings, in the lint output formats: ``missing-license``, ``license-shortfall``,
  ``license-server-mac``, ``java-single-server``, ``unverifiable``, ``unused-license``.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, List, Optional, Sequence, Tuple

from ..catalogs import Catalogs, load as load_catalogs
from ..lint.rule import Finding, Rule
from ..model import Feature, LicenseFile
from .model import Application, Deployment, Requirement

VENDOR = "genesys.d"


def _rule(code: str, name: str, severity: str, summary: str, what: str, why: str,
          source: str) -> Rule:
    doc = f"## What it checks\n{what}\n\n## Why it matters\n{why}\n\n## Source\n{source}\n"
    return Rule(code, name, severity, summary, doc)


MISSING = _rule(
    "C001", "missing-license", "error", "A license the deployment needs is not in its license files.",
    "A technical license that the deployment description needs (`lictool require`), named by the "
    "catalogue or `[feature-names]`, with no usable line in the license files.",
    "The application that checks it out does not start, or runs without the function.",
    "Genesys Licensing Guide, the section named in the message.")
SHORTFALL = _rule(
    "C002", "license-shortfall", "error", "The license files provide fewer licenses than needed.",
    "A needed license whose usable lines add up to fewer licenses than the deployment needs.",
    "Check-outs beyond the count fail: agents cannot log in, DNs are not registered.",
    "Genesys Licensing Guide, the section named in the message.")
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


@dataclass(frozen=True)
class Provided:
    count: Optional[int]               # None: an uncounted line (any number)
    lines: Tuple[Tuple[str, int], ...]  # (file, line) of the usable lines
    other: Tuple[Tuple[str, int, str], ...]  # lines of the feature that do not count: why


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


def provided(feature: str, needed_major: Optional[int], files: Sequence[Tuple[str, LicenseFile]],
             today: _dt.date, cats: Catalogs) -> Provided:
    names = set(_names(feature, cats))
    count: Optional[int] = 0
    lines, other = [], []
    for path, lf in files:
        for rec in lf.records:
            if not isinstance(rec, Feature) or rec.keyword == "UPGRADE":
                continue
            if rec.name not in names or rec.vendor != VENDOR:
                continue
            why = None
            if not rec.expiry.valid:
                why = f"its expiry {rec.expiry.text!r} is not a date"
            elif rec.expiry.date is not None and rec.expiry.date < today:
                why = f"it expired on {rec.expiry.date.isoformat()}"
            elif needed_major is not None and needed_major >= 8 and rec.version.major != needed_major:
                why = (f"it is version {rec.version.text}: {needed_major}.x products check out "
                       f"only {needed_major}.x features")
            if why:
                other.append((path, rec.line, why))
                continue
            lines.append((path, rec.line))
            if rec.count.uncounted:
                count = None
            elif count is not None:
                count += rec.count.value
    return Provided(count, tuple(lines), tuple(other))


def check(dep: Deployment, reqs: Sequence[Requirement], files: Sequence[Tuple[str, LicenseFile]],
          today: _dt.date, dep_path: str, cats: Optional[Catalogs] = None) -> List[Finding]:
    """Findings of the comparison (the lint findings of the files are the caller's)."""
    cats = cats or load_catalogs()
    apps: Dict[str, Application] = {a.name: a for a in dep.applications}
    out: List[Finding] = []

    def at_dep(line: int, rule: Rule, message: str, hint: Optional[str] = None) -> Finding:
        return Finding(dep_path, max(line, 1), 1, max(line, 1), 2, rule.code, rule.name,
                       rule.severity, message, hint)

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
        have = provided(req.feature, needed_major, files, today, cats)
        if have.count is None:
            continue
        if not have.lines:
            extra = ""
            if have.other:
                f, ln, why = have.other[0]
                extra = f"; {f}:{ln} has {req.feature} but {why}"
            out.append(at_dep(line, MISSING,
                              f"{req.feature} ({req.license}) is needed, {req.quantity} x, and "
                              f"no license file provides it{extra} ({req.source})",
                              "order it from Genesys" + (
                                  f" at release {needed_major}.x" if needed_major >= 8 else "")))
        elif have.count < req.quantity:
            out.append(at_dep(line, SHORTFALL,
                              f"{req.feature}: have {have.count}, need {req.quantity} "
                              f"({req.reason}; {req.source})",
                              f"order {req.quantity - have.count} more"))
    for s in dep.license_servers:
        if s.platform != "physical" and s.mac_assignment != "static":
            how = s.mac_assignment or "not declared static"
            out.append(at_dep(s.line, SERVER_MAC,
                              f"license server {s.name!r} runs on {s.platform} and its MAC "
                              f"assignment is {how}: its hostid changes when the virtual machine "
                              "is moved or re-created (guide: Licenses for Virtual Platform Support)",
                              "give the virtual machine a static MAC address, and set "
                              "mac-assignment = \"static\""))
    by_server = {s.name: s for s in dep.license_servers}
    loaded = dict(files)
    for a in dep.applications:
        if a.product not in ("genesys-desktop", "gis") or a.license_server not in by_server:
            continue
        lf_path = by_server[a.license_server].license_file
        lf = loaded.get(display_path(lf_path)) if lf_path else None
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
