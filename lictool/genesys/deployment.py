"""The deployment description: TOML in, a :class:`~lictool.genesys.model.Deployment` out.

    release = "8.1"                      # default release of every application (required)

    [[license-server]]
    name = "lic-main"                    # required, unique
    host = "lic01"
    platform = "physical"      # physical | vmware | hyper-v | kvm | xen | virtualbox | cloud
    mac = "0019B9A0B0C0"
    mac-assignment = "static"            # static | generated | assigned | dynamic
    license-file = "licenses/main.lic"   # relative to this file's folder

    [[application]]
    name = "TS_Avaya_Boston"             # required, unique
    product = "t-server"                 # required, one of PRODUCTS
    release = "8.1"                      # optional: defaults to the top-level release
    redundancy = "hot-standby"           # none | warm-standby | hot-standby (a pair is ONE entry)
    site = "boston"
    multi-site = true
    seats = 250
    license-server = "lic-main"

    [feature-names]                      # optional: license id -> feature name
    "urs.seats" = "router_seats"

The keys each product takes, their types and values come from the product table
(:mod:`lictool.genesys.products`, ``products.toml``); :data:`PRODUCT_KEYS` lists them (plus
:data:`COMMON_KEYS`). Every problem is a :class:`~lictool.errors.LictoolError` carrying the path,
line and column of the offending key, value or table in the TOML text. The text is read by
:mod:`lictool.tomlfile` (TOML syntax errors with their line and column, nesting at most
``tomlfile.MAX_DEPTH`` deep); ``tomllib`` gives no positions, so :class:`lictool.tomlpos.Locator`
scans the (already valid) text once and maps every key path to where it is written.

Counts (``seats``, ``instances``, ...) are at most ``values.MAX_COUNT``, 2147483647, the largest
FlexNet license count (``grammars/flexnet-format.md`` section 1.5, ``num_lic``: "Upper bound 2147483647").
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path
from typing import Any, Dict, List, Mapping, Optional, Sequence, Tuple

from .. import tomlfile
from ..errors import LictoolError
from ..lint.settings import RELEASE
from ..tomlpos import KeyPath, Locator
from ..values import COUNT_EXPECTED, MAX_COUNT
from . import products
from .model import (MAC_ASSIGNMENTS, PLATFORMS, PRODUCTS, REDUNDANCY, Application, Deployment,
                    LicenseServer)
from .products import COMMON_KEYS

__all__ = ["load_deployment", "parse_deployment", "PRODUCT_KEYS", "COMMON_KEYS",
           "LICENSE_SERVER_KEYS", "TOP_LEVEL_KEYS"]

# --------------------------------------------------------------------------------------------
# the contract
# --------------------------------------------------------------------------------------------

TOP_LEVEL_KEYS = ("release", "license-server", "application", "feature-names")
LICENSE_SERVER_KEYS = ("name", "host", "platform", "mac", "mac-assignment", "license-file")

# product -> the product keys it takes (besides COMMON_KEYS): the product table's
PRODUCT_KEYS: Mapping[str, Tuple[str, ...]] = {
    name: tuple(p.keys) for name, p in products.table().products.items()}

_MAC = re.compile(r"[0-9A-Fa-f]{12}|[0-9A-Fa-f]{2}(?::[0-9A-Fa-f]{2}){5}"
                  r"|[0-9A-Fa-f]{2}(?:-[0-9A-Fa-f]{2}){5}")
_FEATURE_NAME = re.compile(r'[^\s"=]+')          # grammars/flexnet.toml: a feature name

Path_ = KeyPath


# --------------------------------------------------------------------------------------------
# checking
# --------------------------------------------------------------------------------------------

def _type_name(value: Any) -> str:
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, int):
        return f"the integer {value}"
    if isinstance(value, float):
        return f"the number {value}"
    if isinstance(value, str):
        return f"the string {value!r}"
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "an array"
    return f"a {type(value).__name__} ({value})"


def _dotted(path: Path_) -> str:
    return ".".join(str(p) for p in path if isinstance(p, str))


def _one_of(values: Sequence[str]) -> str:
    return ", ".join(repr(v) for v in values)


def _closest(word: str, choices: Sequence[str]) -> Optional[str]:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return close[0] if close else None


class _Checker:
    def __init__(self, data: Dict[str, Any], loc: Locator, path: str, base_dir: Path) -> None:
        self.data = data
        self.loc = loc
        self.path = path
        self.base_dir = base_dir

    # -- errors -------------------------------------------------------------------------------

    def fail_at(self, where: Tuple[int, int], message: str) -> LictoolError:
        return LictoolError(message, self.path, where[0], where[1])

    def fail_key(self, p: Path_, message: str) -> LictoolError:
        return self.fail_at(self.loc.key(p), message)

    def fail_value(self, p: Path_, message: str) -> LictoolError:
        return self.fail_at(self.loc.value(p), message)

    # -- typed values -------------------------------------------------------------------------

    def string(self, p: Path_, value: Any, what: str) -> str:
        if not isinstance(value, str):
            raise self.fail_value(p, f"{what}: expected a string, got {_type_name(value)}")
        if not value.strip():
            raise self.fail_value(p, f"{what}: expected a non-empty string")
        return value

    def count(self, p: Path_, value: Any, what: str, minimum: int = 0) -> int:
        expected = ("a positive integer (1 or more)" if minimum == 1
                    else "a non-negative integer")
        if isinstance(value, bool) or not isinstance(value, int):
            hint = ""
            if isinstance(value, str) and value.strip().isdigit():
                hint = f" (write {what} = {value.strip()}, without quotes)"
            raise self.fail_value(p, f"{what}: expected {expected}, got {_type_name(value)}{hint}")
        if value < minimum:
            raise self.fail_value(p, f"{what}: expected {expected}, got {value}")
        if value > MAX_COUNT:  # grammars/flexnet-format.md section 1.5, num_lic: "Upper bound 2147483647"
            raise self.fail_value(p, f"{what}: expected {expected} of {COUNT_EXPECTED}, got "
                                     f"{value}")
        return value

    def flag(self, p: Path_, value: Any, what: str) -> bool:
        if not isinstance(value, bool):
            hint = ""
            if isinstance(value, str) and value.lower() in ("true", "false"):
                hint = f" (write {what} = {value.lower()}, without quotes)"
            raise self.fail_value(
                p, f"{what}: expected a boolean (true or false), got {_type_name(value)}{hint}")
        return value

    def enum(self, p: Path_, value: Any, what: str, values: Sequence[str]) -> str:
        if not isinstance(value, str):
            raise self.fail_value(
                p, f"{what}: expected a string, one of {_one_of(values)}, got {_type_name(value)}")
        if value not in values:
            close = _closest(value, values)
            hint = f" (did you mean {close!r}?)" if close else ""
            raise self.fail_value(
                p, f"{what}: {value!r} is not one of {_one_of(values)}{hint}")
        return value

    def release(self, p: Path_, value: Any, what: str) -> str:
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            raise self.fail_value(
                p, f"{what}: expected a release string of digits and dots such as \"8.1\", got "
                   f"{_type_name(value)} (write {what} = \"{value}\", with quotes)")
        if not isinstance(value, str) or not RELEASE.fullmatch(value):
            raise self.fail_value(
                p, f"{what}: expected a release string of digits and dots such as \"8.1\", got "
                   f"{_type_name(value)}")
        return value

    def table(self, p: Path_, value: Any, what: str) -> Dict[str, Any]:
        if not isinstance(value, dict):
            raise self.fail_value(p, f"{what}: expected a table, got {_type_name(value)}")
        return value

    def tables(self, p: Path_, value: Any, key: str) -> List[Dict[str, Any]]:
        if not isinstance(value, list):
            raise self.fail_value(
                p, f"'{key}': expected an array of tables, written [[{key}]], got "
                   f"{_type_name(value)}")
        for k, entry in enumerate(value):
            if not isinstance(entry, dict):
                raise self.fail_value(
                    p + (k,), f"'{key}' entry {k + 1}: expected a table, got {_type_name(entry)}")
        return value

    # -- the document -------------------------------------------------------------------------

    def deployment(self) -> Deployment:
        data = self.data
        for key in data:
            if key not in TOP_LEVEL_KEYS:
                close = _closest(key, TOP_LEVEL_KEYS)
                hint = f"did you mean {close!r}? " if close else ""
                raise self.fail_key(
                    (key,), f"unknown top-level key or table {key!r} ({hint}expected "
                            f"{_one_of(TOP_LEVEL_KEYS)})")
        if "release" not in data:
            raise self.fail_at(
                (1, 1), "missing required top-level key 'release' (the default release of every "
                        "application, e.g. release = \"8.1\"; it must come before the first "
                        "[table])")
        release = self.release(("release",), data["release"], "release")

        servers = self.tables(("license-server",), data.get("license-server", []),
                              "license-server")
        apps = self.tables(("application",), data.get("application", []), "application")

        license_servers: List[LicenseServer] = []
        seen: Dict[str, int] = {}
        for k, entry in enumerate(servers):
            ls = self.license_server(("license-server", k), entry)
            if ls.name in seen:
                raise self.fail_value(
                    ("license-server", k, "name"),
                    f"license server {ls.name!r} is already defined on line {seen[ls.name]}")
            seen[ls.name] = ls.line
            license_servers.append(ls)

        applications: List[Application] = []
        seen = {}
        for k, entry in enumerate(apps):
            app = self.application(("application", k), entry, release)
            if app.name in seen:
                raise self.fail_value(
                    ("application", k, "name"),
                    f"application {app.name!r} is already defined on line {seen[app.name]}")
            seen[app.name] = app.line
            if app.license_server is not None and not any(
                    ls.name == app.license_server for ls in license_servers):
                names = [ls.name for ls in license_servers]
                close = _closest(app.license_server, names)
                if close:
                    hint = f" (did you mean {close!r}?)"
                elif names:
                    hint = f" (defined: {_one_of(names)})"
                else:
                    hint = " (no [[license-server]] is defined)"
                raise self.fail_value(
                    ("application", k, "license-server"),
                    f"application {app.name!r}: license server {app.license_server!r} is not "
                    f"defined{hint}")
            applications.append(app)

        feature_names = self.feature_names(data.get("feature-names", {}))
        return Deployment(release=release, license_servers=tuple(license_servers),
                          applications=tuple(applications), feature_names=feature_names,
                          path=self.path)

    def _line(self, p: Path_) -> int:
        return self.loc.table(p)[0]

    def _unknown(self, p: Path_, key: str, what: str, known: Sequence[str],
                 extra: str = "") -> LictoolError:
        close = _closest(key, known)
        hint = f"did you mean {close!r}? " if close else ""
        return self.fail_key(p + (key,), f"{what}: unknown key {key!r} ({hint}it takes "
                                         f"{_one_of(known)}){extra}")

    def license_server(self, p: Path_, entry: Dict[str, Any]) -> LicenseServer:
        if "name" not in entry:
            raise self.fail_at(self.loc.table(p), "license server without the required key 'name'")
        name = self.string(p + ("name",), entry["name"], "name")
        what = f"license server {name!r}"
        for key in entry:
            if key not in LICENSE_SERVER_KEYS:
                extra = ""
                if key in TOP_LEVEL_KEYS:
                    extra = (f"; a top-level {key!r} must come before the first [table] "
                             f"of the file")
                raise self._unknown(p, key, what, LICENSE_SERVER_KEYS, extra)
        fields: Dict[str, Any] = {"name": name, "line": self._line(p)}
        if "host" in entry:
            fields["host"] = self.string(p + ("host",), entry["host"], f"{what}: host")
        if "platform" in entry:
            fields["platform"] = self.enum(p + ("platform",), entry["platform"],
                                           f"{what}: platform", PLATFORMS)
        if "mac" in entry:
            mac = self.string(p + ("mac",), entry["mac"], f"{what}: mac")
            if not _MAC.fullmatch(mac):
                raise self.fail_value(
                    p + ("mac",), f"{what}: mac: {mac!r} is not a MAC address (12 hex digits, "
                                  f"e.g. \"0019B9A0B0C0\")")
            fields["mac"] = mac.replace(":", "").replace("-", "")
        if "mac-assignment" in entry:
            fields["mac_assignment"] = self.enum(p + ("mac-assignment",), entry["mac-assignment"],
                                                 f"{what}: mac-assignment", MAC_ASSIGNMENTS)
        if "license-file" in entry:
            kp = p + ("license-file",)
            rel = self.string(kp, entry["license-file"], f"{what}: license-file")
            target = self.base_dir / rel
            if not target.exists():
                raise self.fail_value(
                    kp, f"{what}: license file {rel!r} does not exist (looked for {target}; "
                        f"the path is relative to the deployment file's folder)")
            if not target.is_file():
                raise self.fail_value(
                    kp, f"{what}: license file {rel!r} is not a file (looked for {target})")
            fields["license_file"] = str(target.resolve())
        return LicenseServer(**fields)

    def application(self, p: Path_, entry: Dict[str, Any], default_release: str) -> Application:
        for required in ("name", "product"):
            if required not in entry:
                named = ""
                if required == "product" and isinstance(entry.get("name"), str):
                    named = f" {entry['name']!r}"
                raise self.fail_at(self.loc.table(p),
                                   f"application{named} without the required key {required!r}")
        name = self.string(p + ("name",), entry["name"], "name")
        what = f"application {name!r}"
        product = entry["product"]
        if not isinstance(product, str):
            raise self.fail_value(p + ("product",),
                                  f"{what}: product: expected a string, got {_type_name(product)}")
        if product not in PRODUCTS:
            close = _closest(product, PRODUCTS)
            hint = f"did you mean {close!r}?" if close else f"expected one of {_one_of(PRODUCTS)}"
            raise self.fail_value(p + ("product",), f"{what}: unknown product {product!r} ({hint})")
        accepted = PRODUCT_KEYS[product]
        for key in entry:
            if key in COMMON_KEYS or key in accepted:
                continue
            owners = [prod for prod, keys in PRODUCT_KEYS.items() if key in keys]
            own = f"; {key!r} is a key of {', '.join(owners)}" if owners else ""
            takes = (f"it takes {_one_of(accepted)} and the common keys" if accepted
                     else "it takes only the common keys")
            close = _closest(key, tuple(accepted) + COMMON_KEYS)
            hint = f"did you mean {close!r}? " if close else ""
            raise self.fail_key(
                p + (key,), f"{what}: unknown key {key!r} for product {product!r} ({hint}{takes} "
                            f"{_one_of(COMMON_KEYS)}){own}")

        fields: Dict[str, Any] = {"name": name, "product": product, "line": self._line(p)}
        fields["release"] = (self.release(p + ("release",), entry["release"], f"{what}: release")
                             if "release" in entry else default_release)
        if "redundancy" in entry:
            fields["redundancy"] = self.enum(p + ("redundancy",), entry["redundancy"],
                                             f"{what}: redundancy", REDUNDANCY)
        if "site" in entry:
            fields["site"] = self.string(p + ("site",), entry["site"], f"{what}: site")
        if "multi-site" in entry:
            fields["multi_site"] = self.flag(p + ("multi-site",), entry["multi-site"],
                                             f"{what}: multi-site")
        if "license-server" in entry:
            fields["license_server"] = self.string(p + ("license-server",), entry["license-server"],
                                                   f"{what}: license-server")
        if "instances" in entry:
            fields["instances"] = self.count(p + ("instances",), entry["instances"],
                                             f"{what}: instances", minimum=1)

        keys: Dict[str, Any] = {}
        for key in accepted:
            if key in entry:
                keys[key] = self.product_key(p + (key,), product, key, entry[key], what)
        fields["keys"] = keys
        return Application(**fields)

    def product_key(self, p: Path_, product: str, key: str, value: Any, what: str) -> Any:
        kt = products.table().products[product].keys[key]
        label = f"{what}: {key}"
        if kt.kind == "table":
            table = self.table(p, value, label)
            out: Dict[str, Any] = {}
            for k, v in table.items():
                if k not in kt.fields:
                    raise self._unknown(p, k, label, tuple(kt.fields))
                out[k] = self.typed(p + (k,), kt.fields[k], (), v, f"{label}.{k}")
            return out
        return self.typed(p, kt.kind, kt.values, value, label)

    def typed(self, p: Path_, kind: str, values: Sequence[str], value: Any, label: str) -> Any:
        if kind == "count":
            return self.count(p, value, label)
        if kind == "flag":
            return self.flag(p, value, label)
        return self.enum(p, value, label, values)

    def feature_names(self, value: Any) -> Dict[str, str]:
        p: Path_ = ("feature-names",)
        table = self.table(p, value, "feature-names")
        out: Dict[str, str] = {}

        def walk(prefix: Path_, t: Dict[str, Any]) -> None:
            # `t-server.seats = "x"` (unquoted, so a nested table) means the id "t-server.seats"
            for k, v in t.items():
                here = prefix + (k,)
                if isinstance(v, dict):
                    walk(here, v)
                    continue
                ident = _dotted(here[1:])
                name = self.string(here, v, f"feature-names: {ident!r}")
                if not _FEATURE_NAME.fullmatch(name):
                    raise self.fail_value(
                        here, f"feature-names: {ident!r}: {name!r} is not a feature name (no "
                              f"blanks, quotes or '=')")
                out[ident] = name

        walk(p, table)
        return out


# --------------------------------------------------------------------------------------------
# the API
# --------------------------------------------------------------------------------------------

def parse_deployment(text: str, path: str = "<deployment>",
                     base_dir: Optional[Path] = None) -> Deployment:
    """The deployment described by ``text`` (TOML). ``path`` names it in errors and in
    ``Deployment.path``; license-file paths are relative to ``base_dir`` (default: the folder of
    ``path``). Raises :class:`LictoolError` with the line and column of the problem."""
    return _deployment(tomlfile.parse(text, path), base_dir)


def load_deployment(path) -> Deployment:
    """Read a deployment description file (see :func:`parse_deployment`)."""
    return _deployment(tomlfile.read(path, "deployment file"), Path(path).parent)


def _deployment(doc: tomlfile.Document, base_dir: Optional[Path]) -> Deployment:
    base = Path(base_dir) if base_dir is not None else Path(doc.path).parent
    return _Checker(doc.data, Locator(doc.text), doc.path, base).deployment()
