"""``lictool check``: does a deployment's license file provide what the deployment needs?

The license files (those of the deployment's license servers, or the ones given) are linted with
the deployment's release as the target release (when every application has the same major
release; with applications of several major releases, old-feature-version is left out and the
version test below decides), and with the feature names of ``[feature-names]`` known to
``unknown-feature`` (:func:`lint_config`), then compared with the requirements.

What a license file provides for a requirement is what the license server would serve to a
checkout by the product, as the entitlement engine (:mod:`lictool.entitlement`) computes it as
of ``today`` with the configured ``version-sort`` and ``vendor-string-pools``:

- the checkout's version: applications of release 8 and later request ``<major>.0`` ("Genesys
  8.x products will check out only 8.x license features": guide, Technical License
  Compatibility); 7.x applications do not check versions ("verification of the version starts
  with release 8.x": guide, Introduction), so they request ``0``; ``ha_redundancy`` is checked
  out by the Solution Control Server, at its release (``Requirement.release``);
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
- each ``[[license-server]]`` runs its own license server and each application checks out from
  its own: the part of a requirement each server's applications need (``Requirement.shares``)
  is compared with that server's file alone; with applications of several releases, for every
  version v requested, the shares requesting v or more must fit into the seats of version >= v
  (7.x products may use 8.x lines); a higher tier's seats (``Requirement.served_by``) count for a
  lower need once its own need is served (:mod:`lictool.genesys.accounting`);
- one instance of a Genesys component checks out at most 9999 licenses of one type (the
  catalogue's ``checkout-cap``), whatever the files hold.

Findings, in the lint output formats: ``missing-license``, ``license-shortfall`` (both with
``Finding.data``: ``have``, ``need``, ``shortfall``, ``feature``, ``version``,
``license_server``), ``license-server-mac``, ``java-application-on-triad``, ``unverifiable``,
``unused-license``, ``over-checkout-cap``, ``license-server-hostid``,
``mac-declaration-mismatch``. :func:`assess` gives the order rows too (:mod:`lictool.genesys.order`).
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Dict, List, Optional, Sequence, Tuple

from ..catalogs import Catalogs, load as load_catalogs
from ..entitlement import HIGHER_FIRST, LOWER_FIRST, SOURCES, Options
from ..lint.rule import Finding, Rule
from ..model import Feature, LicenseFile, Version
from ..words import and_list, plural
from .accounting import (VENDOR, Accounting, Condition, Entitlements, Part, Provided, Unusable,
                         aliases, names_of, number, provided, request_major, served, tightest)
from .model import Deployment, Requirement
from .order import Row, Unnamed
from .requirements import TECH_WARNING, per_instance
from .servers import (JAVA, MAC_DECLARATION, SERVER_HOSTID, SERVER_MAC, genesys_rule,
                      java_findings, server_findings)

__all__ = ["VENDOR", "RULES", "Entitlements", "Provided", "Unusable", "provided", "served",
           "check", "assess", "Assessment", "lint_config", "requirement_data", "target_release",
           "license_files", "display_path"]


_SERVED = (
    "What a file provides is what the license server serves to a checkout of the product's "
    "version (8.x products request <major>.0, 7.x products do not check versions), by the "
    "entitlement engine: the pools of version >= the request, only the first counted FEATURE "
    "line of a feature, INCREMENT lines added, SUPERSEDE, UPGRADE, expiry and START= applied, "
    "counted lines only with a SERVER and a VENDOR line. Each license server's part (the shares "
    "of the applications that check out from it) is compared with its own file; with "
    "applications of several releases, the shares requesting a version or more must fit into the "
    "pools of that version or more, for each version requested (the tightest is reported); a "
    "higher tier's seats (OCS full dialing, vcb_full) count for a lower need once its own need "
    "is served. The JSON object (SARIF: properties) carries have, need, shortfall, feature, "
    "version and license_server.")
_SERVED_SOURCE = (
    "Genesys Licensing Guide, the section named in the message, Introduction (\"verification of "
    "the version starts with release 8.x\") and Technical License Compatibility (\"Genesys 8.x "
    "products will check out only 8.x license features\"); Outbound Contact Server (\"Full "
    "dialing functionality (enables Preview also)\"); Voice Callback (\"You can use either "
    "license\"); FlexNet End User Guide, Appendix B (the first FEATURE line of a feature wins; "
    "the version is the highest one a license supports).")
MISSING = genesys_rule(
    "C001", "missing-license", "error", "A license the deployment needs is not in its license files.",
    "A technical license that the deployment description needs (`lictool require`), named by the "
    "catalogue or `[feature-names]`, of which the license files serve nothing to the products "
    "that need it (absent, or every line of it ignored, expired, superseded, not started, "
    "without a license server, or of a lower version than they request). " + _SERVED,
    "The application that checks it out does not start, or runs without the function.",
    _SERVED_SOURCE)
SHORTFALL = genesys_rule(
    "C002", "license-shortfall", "error", "The license files provide fewer licenses than needed.",
    "A needed license of which the license files serve fewer seats than the deployment needs. "
    + _SERVED,
    "Check-outs beyond the count fail: agents cannot log in, DNs are not registered.",
    _SERVED_SOURCE)
UNVERIFIABLE = genesys_rule(
    "C005", "unverifiable", "info",
    "A needed license whose feature name or quantity is unknown.",
    "A license the deployment needs for which the guide gives no feature name and neither the "
    "catalogue nor the `[feature-names]` table maps one; or whose quantity the description does "
    "not give (the message says which key to set), while the license files serve some of it.",
    "lictool cannot tell whether the license files provide it: check by hand, map its license "
    "id to the feature name in `[feature-names]`, or set the key the message names.",
    "Genesys Licensing Guide (which names only some technical licenses).")
UNUSED = genesys_rule(
    "C006", "unused-license", "info", "A catalogued license that no application of the deployment needs.",
    "A `genesys.d` feature line of the license files whose feature no requirement of the "
    "deployment names (e.g. tserver_tdn with only T-Servers 7.2 and later).",
    "It may be left over from an older release or a removed application; it is harmless.",
    "Genesys Licensing Guide, e.g. \"T-Server (7.2 and later)\" and \"Genesys Info Mart\" (Tip).")
OVER_CAP = genesys_rule(
    "C007", "over-checkout-cap", "error",
    "One instance of an application needs more licenses of one type than it can check out.",
    "An application one instance of which needs more licenses of one type than a single instance "
    "of a Genesys component checks out (the vendor catalogue's `checkout-cap`: 9999 for "
    "`genesys.d`), whatever the license files hold: its share of the requirement divided by its "
    "`instances` (for a requirement not split per application, the whole quantity divided by "
    "all its applications' instances).",
    "The instance gets at most the cap: the DNs, places or seats beyond it are not licensed. A "
    "pool of more than 9999 seats is fine when several instances share it (that is the lint "
    "rule count-over-cap, at info).",
    "Genesys Licensing Guide, \"Technical Licenses\", Warning: \"A single instance of Genesys "
    "components will not be able to check out more than 9999 licenses of the same type\".")
RULES = (MISSING, SHORTFALL, SERVER_MAC, JAVA, UNVERIFIABLE, UNUSED, OVER_CAP, SERVER_HOSTID,
         MAC_DECLARATION)      # the deployment-side ones: lictool.genesys.servers

#: the version sorts, as the messages name them
SORTED = {HIGHER_FIRST: "higher versions sorting first", LOWER_FIRST: "lower versions sorting first"}


def target_release(dep: Deployment) -> Optional[str]:
    """The release to lint with: the common major release of every application, if any."""
    majors = {a.release.split(".")[0] for a in dep.applications}
    if len(majors) == 1:
        releases = sorted({a.release for a in dep.applications})
        return releases[-1]
    return None


def lint_config(cfg, dep: Deployment):
    """The lint configuration ``check`` lints the files with: ``cfg`` (a
    :class:`lictool.lint.config.Config`) with the deployment's release as the target release
    (none without one common major release), and the feature names of ``[feature-names]`` known
    to ``unknown-feature``."""
    target = target_release(dep)
    settings = {k: v for k, v in cfg.settings.items() if k != "target-release"}
    if target:
        settings["target-release"] = target
    options = {k: dict(v) for k, v in cfg.options.items()}
    names = [n for n in dict.fromkeys(dep.feature_names.values()) if isinstance(n, str)]
    if names:
        uf = options.setdefault("unknown-feature", {})
        extra = uf.get("extra-features")
        extra = list(extra) if isinstance(extra, list) else []
        uf["extra-features"] = extra + [n for n in names if n not in extra]
    return replace(cfg, settings=settings, options=options)


def _count(n: Optional[int]) -> str:
    return "uncounted" if n is None else str(n)


def _releases(majors: Sequence[int]) -> str:
    return " and ".join(f"{m}.x" for m in majors)


def _served_phrase(have: Provided, majors: Sequence[int]) -> str:
    versions = sorted({v for _, v, _ in have.served}, key=lambda v: Version(v).number)
    if not versions:
        return ""
    shown = and_list(versions)
    low, high = min(majors), max(majors)
    if low >= 8:
        text = f"{shown} pools serve {_releases(majors)} products"
    elif high < 8:
        text = f"{shown} pools serve {low}.x products, which do not check versions"
    else:
        text = (f"{shown} pools serve {_releases([m for m in majors if m < 8])} products, which "
                f"do not check versions; {_releases([m for m in majors if m >= 8])} products "
                "only those of version 8.0 or later")
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
        notes.append(f"{plural(more, 'more line')} of it serve nothing")
    return "; ".join(notes)


def _tier_phrase(cond: Condition) -> str:
    out = []
    for t in cond.tiers:
        if t.seats == 0:
            continue
        if t.spare is None:
            out.append(f"an uncounted {t.feature} pool serves it too (a higher tier)")
        elif t.spare == t.seats:
            out.append(f"{t.spare} {t.feature} count too (a higher tier serves it)")
        else:
            out.append(f"{t.feature} serves it too, but its own need takes "
                       f"{_count(None if t.seats is None else t.seats - t.spare)} of its "
                       f"{_count(t.seats)}: {t.spare} left")
    return "; ".join(out)


def requirement_data(have: Optional[int], need: int, feature: str, version: str,
                     license_server: Optional[str]) -> Dict[str, object]:
    """The structured facts of a ``missing-license`` or ``license-shortfall`` finding
    (``Finding.data``: keys of its JSON object, its SARIF result's properties)."""
    return {"have": "uncounted" if have is None else have, "need": need,
            "shortfall": 0 if have is None else max(need - have, 0), "feature": feature,
            "version": version, "license_server": license_server}


def _who(cond: Condition) -> str:
    return names_of([a for d in cond.demands for a in d.applications])


def _scope(part: Part, cond: Condition, multi: bool) -> str:
    """`` on license server 'x'`` (a requirement of several servers), `` for its 8.x
    applications (TS_B)`` (a part of several releases, a condition of some of them)."""
    text = ""
    if multi:
        text += (f" on license server {part.server!r}" if part.server else
                 " for the applications that name no license server")
    if len(part.versions) > 1:
        if cond.version == part.versions[-1]:
            text += f" for its {_releases(cond.majors)} applications together"
        else:
            text += f" for its {_releases(cond.majors)} applications ({_who(cond)})"
    return text


def _also_phrase(part: Part, cond: Condition, conds: Sequence[Condition]) -> str:
    out = []
    for c in conds:
        if c is cond or c.deficit is None or c.deficit <= 0:
            continue
        who = ("all its applications together" if c.version == part.versions[-1] else
               f"its {_releases(c.majors)} applications ({_who(c)})")
        out.append(f"for {who}: have {_count(c.have)}, need {c.need}")
    return "; ".join(out)


def _share_phrase(req: Requirement, part: Part, multi: bool) -> str:
    if not multi:
        return ""
    shares = ", ".join(f"{a} {d.quantity}" for d in part.demands for a in d.applications[:1])
    return f"this server's part: {shares} of {req.quantity}"


def _order_version(part: Part, conds: Sequence[Condition]) -> Optional[str]:
    """The version a new line needs to close every shortfall of the part: the highest version
    whose condition falls short (it serves every lower request too)."""
    short = [c.version for c in conds if c.deficit is not None and c.deficit > 0]
    return max(short, key=number) if short else None


def _missing_hint(have: Provided, major: int) -> str:
    release = f" at release {major}.x" if major >= 8 else ""
    first = have.unusable[0] if have.unusable else None
    if first is not None and first.reason in ("no-license-server", "no-vendor-daemon"):
        return (f"counted licenses are served by a license server: {first.path} needs its SERVER "
                f"line and a VENDOR line for {VENDOR} (ask Genesys for the file as issued)")
    if first is not None and first.reason == "not-started":
        return f"the line cannot be used before its START= date; until then, order it from Genesys{release}"
    return f"order it from Genesys{release}"


@dataclass(frozen=True)
class Assessment:
    """What ``check`` finds, and the order rows: one per requirement with a feature name and
    license server part, satisfied or not; the requirements without a feature name apart."""

    findings: Tuple[Finding, ...]
    rows: Tuple[Row, ...]
    unnamed: Tuple[Unnamed, ...]


def check(dep: Deployment, reqs: Sequence[Requirement], files: Sequence[Tuple[str, LicenseFile]],
          today: _dt.date, dep_path: str, cats: Optional[Catalogs] = None,
          options: Optional[Options] = None, by_server: bool = True) -> List[Finding]:
    """Findings of the comparison (the lint findings of the files are the caller's).

    ``files`` are the license files read, as ``(shown path, file)``; ``options`` the
    entitlement engine's (``lictool.lint.settings.engine_options``); ``by_server=False`` (files
    given with ``--license``): every requirement is compared with all the files."""
    return list(assess(dep, reqs, files, today, dep_path, cats, options, by_server).findings)


def assess(dep: Deployment, reqs: Sequence[Requirement],
           files: Sequence[Tuple[str, LicenseFile]], today: _dt.date, dep_path: str,
           cats: Optional[Catalogs] = None, options: Optional[Options] = None,
           by_server: bool = True) -> Assessment:
    """:func:`check`'s findings and the order rows."""
    cats = cats or load_catalogs()
    ents = Entitlements(files, today, options)
    acc = Accounting(dep, reqs, files, ents, cats, by_server)
    out: List[Finding] = []
    rows: List[Row] = []
    unnamed: List[Unnamed] = []

    def at_dep(line: int, rule: Rule, message: str, hint: Optional[str] = None,
               data: Optional[Dict[str, object]] = None) -> Finding:
        return Finding(dep_path, max(line, 1), 1, max(line, 1), 2, rule.code, rule.name,
                       rule.severity, message, hint, data=data)

    cat = cats.vendor(VENDOR)
    cap = cat.checkout_cap if cat is not None else None
    needed_names = set()
    for req in reqs:
        parts = acc.parts(req)
        if cap:
            for part in parts:
                for d in part.demands:
                    f = _over_cap(req, d, cap)
                    if f is not None:
                        out.append(at_dep(d.line, OVER_CAP, *f))
        if req.feature is None:
            line = min((p.line for p in parts), default=1)
            unnamed.append(Unnamed(req.license, req.product, req.quantity, req.reason,
                                   req.source, req.quote, req.unknown))
            out.append(at_dep(line, UNVERIFIABLE,
                              f"{req.quantity} x {req.license} ({req.product}) needed, but the "
                              "guide gives no feature name for it, so the license files cannot be "
                              f"checked: {req.reason}"
                              + (f"; quantity unknown: {req.unknown}" if req.unknown else ""),
                              f"map it in [feature-names]: \"{req.license}\" = \"<feature name>\""))
            continue
        needed_names.update(aliases(req.feature, cats))
        for h in req.served_by:
            needed_names.update(aliases(h, cats))
        multi = len(parts) > 1
        for part in parts:
            conds = acc.conditions(req, part)
            cond = tightest(conds)
            order_version = _order_version(part, conds)
            rows.append(Row(req.feature, req.license, req.product, cond.version, cond.need,
                            cond.have, part.server, order_version,
                            tuple(a for d in part.demands for a in d.applications), req.source,
                            req.quote, req.unknown))
            f = _compare(req, part, cond, conds, multi, order_version)
            if f is not None:
                out.append(at_dep(part.line, *f))
    out.extend(server_findings(dep, acc, dict(files), cats, at_dep))
    out.extend(java_findings(dep, reqs, acc, dict(files), cats, by_server, at_dep))
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
    return Assessment(tuple(sorted(out, key=lambda f: f.sort_key)), tuple(rows), tuple(unnamed))


def _compare(req: Requirement, part: Part, cond: Condition, conds: Sequence[Condition],
             multi: bool, order_version: Optional[str]):
    """The (rule, message, hint, data) of a part's tightest condition, or None when served."""
    assert req.feature is not None
    have = cond.own
    deficit = cond.deficit
    # a quantity the description does not give: an uncounted pool serves any number; a file with
    # none of it is short whatever the number; some seats cannot be verified
    unknown = req.unknown is not None and cond.need == 0
    if req.unknown is not None and cond.have is not None and cond.have > 0 \
            and (deficit is None or deficit <= 0):
        return (UNVERIFIABLE,
                f"{req.feature} ({req.license}){_scope(part, cond, multi)}: quantity unknown: "
                f"{req.unknown}; the license files provide {cond.have}, and {cond.need} are "
                f"counted so far ({req.reason}; {req.source})",
                f"{req.unknown} in the deployment description, then check again")
    if not (unknown and cond.have == 0) and (deficit is None or deficit <= 0):
        return None
    data = requirement_data(cond.have, max(cond.need, 1) if unknown else cond.need, req.feature,
                            have.version, part.server)
    other = _other_phrase(have)
    scope = _scope(part, cond, multi)
    if cond.have == 0:
        extra = ""
        if have.unusable:
            u = have.unusable[0]
            extra = (f"; {u.path}:{u.line} has {u.feature} but " +
                     (u.why if u.reason == "version" else f"serves nothing: {u.why}"))
            if len(have.unusable) > 1:
                extra += "; " + _unusable_phrase(have.unusable[1:])
        tiers = "; ".join(f"{t.feature} serves it too, but its own need takes all "
                          f"{t.seats} of its seats" for t in cond.tiers if t.seats)
        if tiers:
            extra += "; " + tiers
        if part.unread:
            extra += "; the file of license server " + ", ".join(map(repr, part.unread)) + \
                " was not read"
        if req.unknown is not None:
            extra += f"; quantity unknown: {req.unknown}"
        why = "; ".join(p for p in (other, _also_phrase(part, cond, conds),
                                    _share_phrase(req, part, multi), req.source) if p)
        return (MISSING,
                f"{req.feature} ({req.license}) is needed{scope}, "
                f"{'at least 1' if unknown else cond.need} x, and no license "
                f"file provides it{extra} ({why})",
                _missing_hint(have, request_major(cond.version)), data)
    parts = [p for p in (_served_phrase(have, cond.majors), _tier_phrase(cond),
                         _unusable_phrase(have.unusable), other,
                         _also_phrase(part, cond, conds), _share_phrase(req, part, multi),
                         req.reason, req.source) if p]
    if req.unknown is not None:
        parts.insert(0, f"at least: quantity unknown: {req.unknown}")
    hint = f"order {deficit} more"
    if len(part.versions) > 1 and order_version is not None and request_major(order_version) >= 8:
        m = request_major(order_version)
        hint += f" of release {m}.x ({m}.x lines serve the older products too)"
    if multi and part.server:
        hint += f" for license server {part.server!r}"
    return (SHORTFALL, f"{req.feature}{scope}: have {cond.have}, need {cond.need} "
                       f"({'; '.join(parts)})", hint, data)


def _over_cap(req: Requirement, d, cap: int):
    """(message, hint) when one instance of ``d`` needs more than ``cap`` licenses."""
    instances = max(d.instances, 1)
    per = per_instance(d.quantity, instances)
    if per <= cap:
        return None
    what = f"{req.feature} ({req.license})" if req.feature else req.license
    enough = -(-d.quantity // cap)
    if d.split or len(d.applications) <= 1:
        how = f"one instance needs {per}"
    else:
        how = f"{d.quantity} for their {instances} instances: at least one instance needs {per}"
    return (f"{names_of(d.applications) or req.product}: {how} {what} licenses, more than the "
            f"{cap} licenses of one type a single instance of a Genesys component checks out, "
            f"whatever the license files hold (guide: {TECH_WARNING})",
            f"spread the load over at least {enough} instances (instances = {enough}); each "
            f"checks out at most {cap}")


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
