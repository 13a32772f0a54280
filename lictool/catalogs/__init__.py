"""Vendor knowledge as data: feature catalogues (``genesys.toml``) and the virtual-platform MAC
prefix table (``virtual-macs.toml``). Users add their own catalogue files through the
``catalogs`` configuration key; they have the same format and extend the built-in ones.

A malformed catalogue is a :class:`LictoolError` naming the file, the key as written (dotted,
``[i]`` for an entry of ``[[prefix]]``) and what was expected. The files are read by
:mod:`lictool.tomlfile`; a ``checkout-cap`` is at most ``values.MAX_COUNT`` (2147483647, the
largest FlexNet license count: ``grammars/flexnet-format.md`` section 1.5, ``num_lic``)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple

from .. import tomlfile
from ..errors import LictoolError
from ..tomlfile import BOOLEAN, STRING, Fields, Integer, ValueType, key_path, type_name
from ..values import MAX_COUNT
from ..vendors import GENESYS_VENDOR

HERE = Path(__file__).resolve().parent
BUILTIN = ("genesys.toml", "virtual-macs.toml")
_HEX = re.compile(r"[0-9A-Fa-f]+")


@dataclass(frozen=True)
class FeatureInfo:
    name: str
    vendor: str
    product: str = ""
    counts: str = ""
    section: str = ""
    java: bool = False
    alias_of: Optional[str] = None
    source: str = ""          # the catalogue file


@dataclass(frozen=True)
class VendorCatalog:
    vendor: str
    checkout_cap: Optional[int] = None
    checkout_cap_source: str = ""
    features: Dict[str, FeatureInfo] = field(default_factory=dict)


@dataclass(frozen=True)
class MacPrefix:
    prefix: str               # upper-case hex
    platform: str
    static: bool = False
    prefix_end: Optional[str] = None
    note: str = ""
    source: str = ""

    def matches(self, mac: str) -> bool:
        head = mac[:len(self.prefix)]
        if self.prefix_end is None:
            return head == self.prefix
        return self.prefix <= head <= self.prefix_end


@dataclass(frozen=True)
class Catalogs:
    vendors: Dict[str, VendorCatalog]
    macs: Tuple[MacPrefix, ...]

    def vendor(self, name: str) -> Optional[VendorCatalog]:
        return self.vendors.get(name)

    def feature(self, name: str, vendor: Optional[str] = None) -> Optional[FeatureInfo]:
        """A catalogued feature by exact name (names are case-sensitive), in ``vendor``'s
        catalogue, or in any catalogue when ``vendor`` is None."""
        if vendor is not None:
            cat = self.vendors.get(vendor)
            return cat.features.get(name) if cat else None
        for cat in self.vendors.values():
            if name in cat.features:
                return cat.features[name]
        return None

    def mac_prefix(self, mac: str) -> Optional[MacPrefix]:
        """The most specific prefix entry a 12-hex-digit MAC falls in, or None."""
        mac = mac.upper()
        best = None
        for p in self.macs:
            if p.matches(mac) and (best is None or len(p.prefix) > len(best.prefix)):
                best = p
        return best


def _fail(path: str, key: str, message: str) -> LictoolError:
    return LictoolError(f"catalogue key '{key}': {message}", path)


def _read(path: Path) -> dict:
    return tomlfile.read(path, "catalogue file").data


# what each key of a catalogue table takes
_CAP = Integer(1, MAX_COUNT, "a FlexNet license count")
_VENDOR = Fields({"name": STRING, "source": STRING, "checkout-cap": _CAP,
                  "checkout-cap-source": STRING})
_FEATURE = Fields({"product": STRING, "counts": STRING, "section": STRING,
                   "java": BOOLEAN, "alias-of": STRING})
_PREFIX = Fields({"prefix": STRING, "prefix-end": STRING, "platform": STRING,
                  "static": BOOLEAN, "note": STRING, "source": STRING})


def _table(value: Any, where: str, key: str, kind: ValueType) -> Dict[str, Any]:
    """``value``, checked to be of type ``kind`` (a table)."""
    found = kind.problem(value)
    if found is not None:
        raise _fail(where, key + found[0], found[1])
    return value


def _merge(vendors: Dict[str, dict], macs: List[MacPrefix], data: dict, where: str) -> None:
    for key in data:
        if key not in ("vendor", "features", "prefix"):
            raise _fail(where, key_path(key),
                        "unknown key (expected vendor, features, prefix)")
    vtab = _table(data.get("vendor", {}), where, "vendor", _VENDOR)
    vname = vtab.get("name", GENESYS_VENDOR)
    if not vname:
        raise _fail(where, "vendor.name", "expected a vendor daemon name")
    entry = vendors.setdefault(vname, {"cap": None, "cap_source": "", "features": {}})
    if "checkout-cap" in vtab:
        entry["cap"] = vtab["checkout-cap"]
        entry["cap_source"] = vtab.get("checkout-cap-source", where)
    feats = data.get("features", {})
    if not isinstance(feats, dict):
        raise _fail(where, "features",
                    f"expected a table of feature tables, not {type_name(feats)}")
    for name, value in feats.items():
        f = _table(value, where, f"features.{key_path(name)}", _FEATURE)
        entry["features"][name] = FeatureInfo(
            name, vname, f.get("product", ""), f.get("counts", ""), f.get("section", ""),
            f.get("java", False), f.get("alias-of"), where)
    prefixes = data.get("prefix", [])
    if not isinstance(prefixes, list):
        raise _fail(where, "prefix", "expected an array of tables ([[prefix]]), not "
                                     f"{type_name(prefixes)}")
    for i, value in enumerate(prefixes):
        key = f"prefix[{i}]"
        p = _table(value, where, key, _PREFIX)
        if not _HEX.fullmatch(p.get("prefix", "")):
            raise _fail(where, f"{key}.prefix", "expected prefix = \"<hex digits>\"")
        if "platform" not in p:
            raise _fail(where, f"{key}.platform", "expected the platform's name")
        end = p.get("prefix-end")
        if end is not None and (not _HEX.fullmatch(end) or len(end) != len(p["prefix"])):
            raise _fail(where, f"{key}.prefix-end", "expected hex digits as long as prefix")
        macs.append(MacPrefix(p["prefix"].upper(), p["platform"], p.get("static", False),
                              end.upper() if end else None, p.get("note", ""),
                              p.get("source", where)))


@lru_cache(maxsize=16)
def load(extra: Tuple[str, ...] = ()) -> Catalogs:
    """The built-in catalogues, extended by the files in ``extra`` (in order)."""
    vendors: Dict[str, dict] = {}
    macs: List[MacPrefix] = []
    for path in [HERE / b for b in BUILTIN] + [Path(p) for p in extra]:
        _merge(vendors, macs, _read(path), str(path))
    return Catalogs(
        {v: VendorCatalog(v, d["cap"], d["cap_source"], dict(d["features"])) for v, d in vendors.items()},
        tuple(macs))


def for_settings(settings) -> Catalogs:
    """The catalogues a lint run uses (``settings['catalogs']``: extra files)."""
    return load(tuple(settings.get("catalogs", ())))
