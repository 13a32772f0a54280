"""The technical licenses a Genesys deployment needs (``lictool require``), counted by the product
table (:mod:`lictool.genesys.products`, ``products.toml``), which says per license type when each
product needs it and how many, with the Genesys licensing guide's section and sentence
(``genesys-licensing-guide.txt``, "Technical Licensing Requirements for Genesys Products",
dated 12/19/2025).

``requirements(dep)`` returns one :class:`Requirement` per license type, ordered by product (the
table's order) and then by id, with the total quantity, the applications that need it, the
reason in words, the guide's sections (``source``, "; " between them) and sentences (``quote``,
" / " between them; " ... " leaves words out), and:

* ``shares``: the quantity each application checks out (from its own license server), with its
  instances. A per-key, per-server, per-instance or per-site count is the application's own; a
  license "one for all" (unit ``once``: LDS, Desktop basic, MLSNMP, ...) is one share of 1 for
  the first application that needs it; ``ha_redundancy`` is one share of 1 for the Solution
  Control Server, which checks it out (the first one described; without one, the first
  redundant pair).
* ``release``: set for ``ha_redundancy`` only: the Solution Control Server's release (the
  highest of those described; without one, the deployment's release).
* ``served_by``: the feature names of higher tiers whose licenses serve the need too (the
  table's ``served-by``: OCS full dialing "enables Preview also"; Voice Callback "You can use
  either license").
* ``unknown``: when the description does not give a quantity the guide counts by ("set seats on
  TS_A"); ``quantity`` is then 0 and the shares hold what is known of the other applications.

How instances and pairs count (the units of the table): ``instances = 3`` is three such servers
(or pairs); a redundant pair is one application entry, and counts once for a per-key quantity
(one pool: "the primary and backup T-Servers must use the same license server to control the
same pool of DNS"), once for a per-server license (``cti_ha_option`` "per redundant pair"),
twice for a per-instance license ("One license per instance is required."), and for multi-site
once when hot standby and twice when warm standby ("One license per T-Server serving a
particular site, if running in the stand-alone or warm standby redundancy configuration").

The rules that need code (the multi-site family and the IVR Server, ``ha_redundancy``, Info Mart's
databases, GIS's Interaction Service) are here, with their data from the table. ``cap_warnings``
lists the shares one instance of which would check out more licenses of one type than a Genesys
component can (guide: Technical Licenses, Warning); ``notes`` the points where the guide
contradicts itself and lictool chose one reading.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Dict, Iterable, Iterator, List, Optional, Tuple

from ..catalogs import GENESYS_VENDOR
from ..errors import LictoolError
from ..words import and_list, plural
from . import products
from .model import PRODUCTS, Application, Deployment, Requirement, Share
from .products import Condition, KeyType, LicenseType, Need, lookup

__all__ = ["LICENSES", "LicenseType", "requirements", "cap_warnings", "notes", "feature_name"]

#: Every license type requirements() knows, by id (the product table's, in its order).
LICENSES: Dict[str, LicenseType] = dict(products.table().licenses)

TECH_WARNING = "Technical Licenses, Warning"


@dataclass(frozen=True)
class _Part:
    """One application's contribution to a license type (or, for a license "one for all", that
    of every application it covers)."""

    license: str
    quantity: int
    text: str
    section: str                     # "; "-separated titles
    quote: str
    applications: Tuple[str, ...]
    share: Share
    unknown: Optional[str] = None
    release: Optional[str] = None


# --- words -----------------------------------------------------------------------------------

def _inst(app: Application, per: int) -> str:
    """' on each of its 3 instances (750 in all)', or '' for one instance."""
    if app.instances == 1:
        return ""
    return f" on each of its {app.instances} instances ({per * app.instances} in all)"


def _each(app: Application) -> str:
    return "" if app.instances == 1 else f" ({app.instances} instances, one each)"


def _pair(app: Application) -> str:
    return "" if app.redundancy == "none" else f" (a {app.redundancy} pair counts once)"


def _instances(app: Application) -> str:
    """Unit "instance": a redundant pair is two running instances."""
    if app.redundancy == "none":
        return _each(app)
    if app.instances == 1:
        return f" (a {app.redundancy} pair: two instances, one license each)"
    return (f" ({app.instances} {app.redundancy} pairs: {2 * app.instances} instances, one "
            f"license each)")


def _sites(app: Application) -> str:
    """Unit "site": a hot-standby pair counts once, a warm-standby pair twice."""
    n = app.instances
    if app.redundancy == "hot-standby":
        return (" (a redundant pair counts once: one per site)" if n == 1
                else f" ({n} hot-standby pairs, one each: a redundant pair counts once)")
    if app.redundancy == "warm-standby":
        return (" (a warm-standby pair: one per T-Server of the pair, two)" if n == 1
                else f" ({n} warm-standby pairs: one per T-Server of a pair, {2 * n})")
    return _each(app)


def _names(names: Iterable[str]) -> str:
    return and_list(names)


def _site(app: Application) -> str:
    return f" (site {app.site})" if app.site else ""


_SUFFIXES = ("{instances}", "{each}", "{pair}")


def _words(need: Need, app: Optional[Application], count: str = "", suffix: str = "",
           **extra: str) -> str:
    """The need's text with its placeholders filled; ``suffix`` (how instances and pairs count)
    goes where the text says, else at the end."""
    text = need.text
    if not any(s in text for s in _SUFFIXES):
        text += "{instances}"
    values = {"count": count, "instances": suffix, "each": suffix, "pair": "", "apps": "",
              "app": "", "release": "", "site": "", **extra}
    if app is not None:
        values.update(app=app.name, release=app.release, site=_site(app),
                      pair=_pair(app) if "{pair}" in need.text else "")
    return text.format_map(values)


# --- values of the description ---------------------------------------------------------------

def _fail(dep: Deployment, app: Application, message: str) -> LictoolError:
    return LictoolError(f"application '{app.name}' ({app.product}): {message}", dep.path,
                        app.line or None)


def _one_of(values: Iterable[str]) -> str:
    return ", ".join(repr(v) for v in values)


def _typed(kt: KeyType, value: object) -> Optional[str]:
    """None when ``value`` is of type ``kt``, else what was expected."""
    if kt.kind == "count":
        ok = isinstance(value, int) and not isinstance(value, bool) and value >= 0
        return None if ok else "expected a non-negative integer"
    if kt.kind == "flag":
        return None if isinstance(value, bool) else "expected true or false"
    if kt.kind == "enum":
        return None if value in kt.values else f"expected one of {_one_of(kt.values)}"
    return None if isinstance(value, dict) else f"expected a table of {_one_of(kt.fields)}"


def _check_keys(dep: Deployment, app: Application) -> None:
    """The application's keys are those of the product table, of its types (the deployment
    reader makes sure of it; an Application built by hand may not be)."""
    product = products.table().products.get(app.product)
    if product is None:
        raise _fail(dep, app, f"unknown product (expected one of {_one_of(PRODUCTS)})")
    for key, value in app.keys.items():
        kt = product.keys.get(key)
        if kt is None:
            raise _fail(dep, app, f"unknown key {key!r} (it takes {_one_of(product.keys)})")
        problem = _typed(kt, value)
        if problem is None and kt.kind == "table" and isinstance(value, dict):
            for sub, v in value.items():
                st = kt.sub(sub)
                if st is None:
                    problem = f"unknown key {sub!r} (expected {_one_of(kt.fields)})"
                else:
                    problem = _typed(st, v)
                if problem is not None:
                    key = f"{key}.{sub}"
                    value = v
                    break
        if problem is not None:
            raise _fail(dep, app, f"'{key}' is {value!r}: {problem}")


def _release(text: str) -> Optional[Tuple[int, int]]:
    """(major, minor) of '7.1', '7.1.003', '8'; None when it does not start with a number."""
    parts = str(text).strip().split(".")
    try:
        return int(parts[0]), int(parts[1]) if len(parts) > 1 else 0
    except ValueError:
        return None


def _value(app: Application, key: str) -> object:
    value = lookup(app.keys, key)
    if value is None:
        kt = products.table().products[app.product].key_type(key)
        if kt is not None and kt.kind == "flag":
            return False
    return value


def _holds(app: Application, cond: Condition) -> bool:
    for key, values in cond.terms:
        if key == "redundancy":
            ok = app.redundancy in values
        elif key == "multi-site":
            ok = app.multi_site in values
        elif key == "release":
            ok = _release(app.release) is not None and _release(app.release) in {
                _release(v) for v in values}
        elif key == "release-before":
            mine, bound = _release(app.release), _release(str(values[0]))
            ok = mine is not None and bound is not None and mine < bound
        else:
            ok = _value(app, key) in values
        if not ok:
            return False
    return True


def _matches(app: Application, need: Need) -> bool:
    return app.product == need.product and (not need.when
                                            or any(_holds(app, c) for c in need.when))


def _apps(dep: Deployment, product: str) -> List[Application]:
    return [a for a in dep.applications if a.product == product]


def _enum_missing(dep: Deployment, app: Application) -> None:
    """A quantity the product's needs count only by an enum key (OCS seats by ``dialing``, IVR
    ports by ``mode``) when that key is not written: which license it is cannot be told."""
    product = products.table().products[app.product]
    for lt in LICENSES.values():
        for need in lt.needs:
            if need.product != app.product or need.key is None:
                continue
            value = lookup(app.keys, need.key)
            if not value and not (value is None and need.if_absent == "unknown"):
                continue
            for cond in need.when:
                for key, _ in cond.terms:
                    kt = product.key_type(key)
                    if kt is not None and kt.kind == "enum" and lookup(app.keys, key) is None:
                        shown = f"is {value}" if value is not None else "is needed"
                        raise _fail(dep, app, f"'{need.key}' {shown}, and which license counts "
                                              f"it depends on '{key}': set it to one of "
                                              f"{_one_of(kt.values)}")


# --- the generic needs ------------------------------------------------------------------------

def _share(app: Application, quantity: int, instances: Optional[int] = None) -> Share:
    return Share(app.name, quantity, instances if instances is not None else app.instances)


def _suffix(need: Need, app: Application, per: int = 1) -> str:
    """How the application's instances and pair count, by the need's unit."""
    if need.unit == "key":
        return _inst(app, per) + _pair(app)
    if need.unit == "instance":
        return _instances(app)
    if need.unit == "site":
        return _sites(app)
    return _each(app) if "{each}" in need.text else _each(app) + _pair(app)


def _part(need: Need, app: Application, **extra: str) -> Optional[_Part]:
    """What ``app`` needs by ``need`` (it matches), or None (a zero quantity); ``extra`` fills
    the text's placeholders of a rule's own."""
    lic = need.license
    if need.unit == "key":
        assert need.key is not None
        value = lookup(app.keys, need.key)
        if value is None and need.if_absent == "unknown":
            unknown = f"set {need.key} on {app.name}"
            text = _words(need, app, need.nouns, "", **extra) + f": quantity unknown: {unknown}"
            return _Part(lic, 0, text, need.section, need.quote, (app.name,), _share(app, 0),
                         unknown)
        per = value if isinstance(value, int) and not isinstance(value, bool) else 0
        if per <= 0:
            return None
        text = _words(need, app, plural(per, need.noun, need.nouns), _suffix(need, app, per),
                      **extra)
        return _Part(lic, per * app.instances, text, need.section, need.quote, (app.name,),
                     _share(app, per * app.instances))
    if need.unit == "server":
        n, instances = app.instances, app.instances
    elif need.unit == "instance":
        n = instances = app.instances * (2 if app.redundancy != "none" else 1)
    elif need.unit == "site":
        n = instances = app.instances * (2 if app.redundancy == "warm-standby" else 1)
    else:
        raise AssertionError(need.unit)
    return _Part(lic, n, _words(need, app, suffix=_suffix(need, app), **extra), need.section,
                 need.quote, (app.name,), _share(app, n, instances))


def _generic(dep: Deployment) -> Iterator[_Part]:
    for lt in LICENSES.values():
        done = set()
        for need in lt.needs:
            if need.rule is not None:
                continue
            matched = [a for a in _apps(dep, need.product)
                       if a.name not in done and _matches(a, need)]
            done.update(a.name for a in matched)
            if not matched:
                continue
            if need.unit == "once":
                names = tuple(a.name for a in matched)
                yield _Part(lt.id, 1, _words(need, None, apps=_names(names)), need.section,
                            need.quote, names, _share(matched[0], 1))
                continue
            for app in matched:
                part = _part(need, app)
                if part is not None:
                    yield part


# --- the rules that need code -----------------------------------------------------------------

def _by_product(rule: str) -> Dict[str, Need]:
    out: Dict[str, Need] = {}
    for need in products.table().needs_of(rule):
        out.setdefault(need.product, need)
    return out


def _flagged(dep: Deployment) -> List[Application]:
    """The applications of the T-Server family (the products with a "multi-site-tip" need) that
    are multi-site by their own "multi-site" need (a Network T-Server always is)."""
    own, tips = _by_product("multi-site"), _by_product("multi-site-tip")
    return [a for a in dep.applications
            if a.product in tips and a.product in own and _matches(a, own[a.product])]


def _verbs(flagged: List[Application]) -> Dict[str, str]:
    one = len(flagged) == 1
    return {"flagged": _names(a.name for a in flagged), "is": "is" if one else "are",
            "has": "has" if one else "have"}


def _multi_site(dep: Deployment) -> Iterator[_Part]:
    own, tips, nts = (_by_product("multi-site"), _by_product("multi-site-tip"),
                      _by_product("multi-site-nts"))
    ivr = _by_product("multi-site-ivr")
    flagged = _flagged(dep)
    # a Network T-Server: a family product that is not premise (premise products have the
    # guide's "one Network T-Server communicating with one premise T-Server" need)
    network = any(a.product not in nts for a in flagged)
    if flagged:
        verbs = _verbs(flagged)
        for app in dep.applications:
            if app.product not in tips:
                continue
            need = own[app.product] if app in flagged else tips[app.product]
            part = _part(need, app, **verbs)
            assert part is not None
            if network and app.product in nts:
                part = dataclasses.replace(
                    part, section=nts[app.product].section + "; " + part.section,
                    quote=nts[app.product].quote + " / " + part.quote)
            yield part
    for app in dep.applications:
        if app.product not in ivr:
            continue
        if flagged:
            part = _part(ivr[app.product], app, **_verbs(flagged))
        elif app.product in own and _matches(app, own[app.product]):
            part = _part(own[app.product], app)
        else:
            continue
        if part is not None:
            yield part


def _ha_redundancy(dep: Deployment) -> Iterator[_Part]:
    for need in products.table().needs_of("ha-redundancy"):
        pairs = [a for a in dep.applications
                 if a.redundancy != "none" and a.product not in need.exempt]
        if not pairs:
            continue
        scs = _apps(dep, need.product)
        release = max((a.release for a in scs), key=lambda r: _release(r) or (0, 0),
                      default=dep.release)
        who = scs[0] if scs else pairs[0]
        label = products.table().products[need.product].label
        by = (f"; {label} {who.name} checks it out, release {release}" if scs else
              f"; no {label} is described: release {release}, the deployment's")
        text = ("redundant pairs for SCS to switch over: "
                + ", ".join(f"{a.name} ({a.redundancy})" for a in pairs)
                + " (one per configuration environment)" + by)
        yield _Part(need.license, 1, text, need.section, need.quote,
                    tuple(a.name for a in pairs), _share(who, 1), release=release)


def _info_mart(dep: Deployment) -> Iterator[_Part]:
    for need in products.table().needs_of("info-mart-databases"):
        for app in _apps(dep, need.product):
            if not _matches(app, need):
                continue
            cc = lookup(app.keys, "databases.call-concentrator")
            ss = lookup(app.keys, "databases.stat-server")
            dup = bool(lookup(app.keys, "databases.duplicated"))
            what = f"Genesys Info Mart {app.name} (release {app.release}, before 7.5){_each(app)}"
            if need.license.endswith(".redundancy"):
                many = [f"{n} {kind} databases" for n, kind in
                        ((cc, "Call Concentrator"), (ss, "Stat Server"))
                        if isinstance(n, int) and n > 1]
                missing = [k for k, n in (("databases.call-concentrator", cc),
                                          ("databases.stat-server", ss)) if n is None]
                if many:
                    text = f"{what} loads from {' and '.join(many)}"
                elif missing:
                    unknown = " and ".join(f"set {k}" for k in missing) + f" on {app.name}"
                    yield _Part(need.license, 0, f"{what}: needed when it loads from several "
                                                 f"Call Concentrator or Stat Server databases: "
                                                 f"quantity unknown: {unknown}",
                                need.section, need.quote, (app.name,), _share(app, 0), unknown)
                    continue
                else:
                    continue
            else:
                if cc is None:
                    unknown = f"set databases.call-concentrator on {app.name}"
                    yield _Part(need.license, 0, f"{what}: needed when pairs of its Call "
                                                 f"Concentrator databases duplicate the events "
                                                 f"(databases.duplicated): quantity unknown: "
                                                 f"{unknown}",
                                need.section, need.quote, (app.name,), _share(app, 0), unknown)
                    continue
                if not (isinstance(cc, int) and cc > 1 and dup):
                    continue
                text = (f"{what} loads from {cc} Call Concentrator databases in redundant pairs "
                        f"that duplicate the events")
            yield _Part(need.license, app.instances, text, need.section, need.quote,
                        (app.name,), _share(app, app.instances))


def _gis_interaction(dep: Deployment) -> Iterator[_Part]:
    conns_need = _by_product("gis-interaction")
    floor_need = _by_product("gis-interaction-floor")
    for product, need in conns_need.items():
        floor = floor_need.get(product)
        for app in _apps(dep, product):
            assert need.key is not None
            conns = lookup(app.keys, need.key)
            runs_ais = floor is not None and _matches(app, floor)
            if isinstance(conns, int) and conns > 0:
                per = max(conns, 1 if runs_ais else 0)
                text = _words(need, app, plural(conns, need.noun, need.nouns),
                              _inst(app, per) + _pair(app))
                yield _Part(need.license, per * app.instances, text, need.section, need.quote,
                            (app.name,), _share(app, per * app.instances))
            elif runs_ais and floor is not None:
                part = _part(floor, app)
                if part is not None:
                    yield part
            elif conns is None and _matches(app, need):
                part = _part(need, app)
                if part is not None:
                    yield part


RULES = (_generic, _multi_site, _ha_redundancy, _info_mart, _gis_interaction)


def _parts(dep: Deployment) -> List[_Part]:
    for app in dep.applications:
        _check_keys(dep, app)
        _enum_missing(dep, app)
    return [p for rule in RULES for p in rule(dep) if p.quantity > 0 or p.unknown]


# --- the API ----------------------------------------------------------------------------------

def _catalogs(catalogs):
    if catalogs is None:
        from ..catalogs import load
        catalogs = load()
    return catalogs


def feature_name(license_id: str, dep: Deployment, catalogs=None) -> Optional[str]:
    """The feature name of a license type: the description's ``[feature-names]`` entry, else the
    guide's name when the catalogue has it, else None."""
    if license_id in dep.feature_names:
        return dep.feature_names[license_id]
    name = LICENSES[license_id].feature
    if name is not None and _catalogs(catalogs).feature(name, GENESYS_VENDOR) is not None:
        return name
    return None


def _order(license_id: str) -> Tuple[int, str]:
    return PRODUCTS.index(LICENSES[license_id].product), license_id


def _unique(items: Iterable[str]) -> Tuple[str, ...]:
    return tuple(dict.fromkeys(items))


def _shares(parts: List[_Part]) -> Tuple[Share, ...]:
    by: Dict[str, Share] = {}
    for p in parts:
        s = p.share
        old = by.get(s.application)
        by[s.application] = s if old is None else Share(
            s.application, old.quantity + s.quantity, max(old.instances, s.instances))
    return tuple(by.values())


def requirements(dep: Deployment, catalogs=None) -> List[Requirement]:
    """The technical licenses ``dep`` needs: one Requirement per license type, ordered by product
    (``PRODUCTS`` order) and then by license id. Raises LictoolError for a value the rules
    cannot read (a key or value the product table does not know, a quantity whose license
    depends on a mode or dialing that is not given)."""
    catalogs = _catalogs(catalogs)
    groups: Dict[str, List[_Part]] = {}
    for part in _parts(dep):
        groups.setdefault(part.license, []).append(part)
    out = []
    for lic in sorted(groups, key=_order):
        parts = groups[lic]
        unknown = "; ".join(_unique(p.unknown for p in parts if p.unknown)) or None
        served = _unique(n for n in (feature_name(h, dep, catalogs)
                                     for h in LICENSES[lic].served_by) if n)
        releases = _unique(p.release for p in parts if p.release)
        out.append(Requirement(
            license=lic,
            feature=feature_name(lic, dep, catalogs),
            quantity=0 if unknown else sum(p.quantity for p in parts),
            reason="; ".join(p.text for p in parts),
            source="; ".join(_unique(s for p in parts for s in p.section.split("; "))),
            product=LICENSES[lic].product,
            applications=_unique(a for p in parts for a in p.applications),
            shares=_shares(parts),
            release=releases[0] if releases else None,
            served_by=served,
            quote=" / ".join(_unique(q for p in parts for q in p.quote.split(" / "))) or None,
            unknown=unknown,
        ))
    return out


def per_instance(quantity: int, instances: int) -> int:
    """What one of ``instances`` instances checks out of ``quantity`` at the most (rounded up):
    the figure compared with the check-out cap (guide: Technical Licenses, Warning)."""
    return -(-quantity // max(instances, 1))


def cap_warnings(dep: Deployment, catalogs=None,
                 reqs: Optional[List[Requirement]] = None) -> List[str]:
    """One message per application and license type where ONE instance of the application would
    need more licenses than a Genesys component instance can check out (the genesys.d
    catalogue's ``checkout-cap``, 9999: guide, Technical Licenses, Warning). Ordered like
    requirements(), then by application. ``reqs``: ``requirements(dep, catalogs)`` when the
    caller has it already."""
    catalogs = _catalogs(catalogs)
    vendor = catalogs.vendor(GENESYS_VENDOR)
    cap = vendor.checkout_cap if vendor is not None else None
    if not cap:
        return []
    out = []
    for req in (requirements(dep, catalogs) if reqs is None else reqs):
        for share in req.shares:
            n = per_instance(share.quantity, share.instances)
            if n > cap:
                what = f"'{req.feature}' ({req.license})" if req.feature else req.license
                out.append(f"{share.application}: one instance needs {n} {what} licenses, but "
                           f"one instance of a Genesys component checks out at most {cap} "
                           f"licenses of one type (guide: {TECH_WARNING}); spread the load over "
                           f"more instances")
    return out


def notes(dep: Deployment) -> List[str]:
    """Where the guide contradicts itself and the count follows one reading: the other, for the
    administrator to ask Genesys about (an IVR Server in IVR-In-Front mode without multi-site
    T-Servers: the IVR Server tip says it needs no multi-site license, the Network T-Server
    section that Genesys issues one)."""
    out = []
    if _flagged(dep):
        return out
    own = _by_product("multi-site")
    for need in products.table().needs_of("multi-site-ivr-note"):
        for app in _apps(dep, need.product):
            if not _matches(app, need):
                continue
            if need.product in own and _matches(app, own[need.product]):
                continue                       # multi-site itself: both readings count one
            out.append(_words(need, app, suffix="", section=f"\"{need.section}\"",
                              quote=need.quote))
    return out
