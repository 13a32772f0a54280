"""Vendor knowledge as data: feature catalogues (``genesys.toml``) and the virtual-platform MAC
prefix table (``virtual-macs.toml``). Users add their own catalogue files through the
``catalogs`` configuration key; they have the same format and extend the built-in ones."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Dict, List, Optional, Tuple

from ..errors import LictoolError

HERE = Path(__file__).resolve().parent
BUILTIN = ("genesys.toml", "virtual-macs.toml")
DEFAULT_VENDOR = "genesys.d"
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
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise LictoolError("catalogue file not found", str(path)) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise LictoolError(f"cannot read catalogue: {exc}", str(path)) from None
    except tomllib.TOMLDecodeError as exc:
        raise LictoolError(f"invalid TOML in catalogue: {exc}", str(path)) from None


def _merge(vendors: Dict[str, dict], macs: List[MacPrefix], data: dict, where: str) -> None:
    for key in data:
        if key not in ("vendor", "features", "prefix"):
            raise _fail(where, key, "unknown key (expected vendor, features, prefix)")
    vtab = data.get("vendor", {})
    if not isinstance(vtab, dict):
        raise _fail(where, "vendor", "expected a table")
    vname = vtab.get("name", DEFAULT_VENDOR)
    if not isinstance(vname, str) or not vname:
        raise _fail(where, "vendor.name", "expected a vendor daemon name")
    entry = vendors.setdefault(vname, {"cap": None, "cap_source": "", "features": {}})
    if "checkout-cap" in vtab:
        cap = vtab["checkout-cap"]
        if not isinstance(cap, int) or cap <= 0:
            raise _fail(where, "vendor.checkout-cap", "expected a positive integer")
        entry["cap"] = cap
        entry["cap_source"] = str(vtab.get("checkout-cap-source", where))
    for k in vtab:
        if k not in ("name", "source", "checkout-cap", "checkout-cap-source"):
            raise _fail(where, f"vendor.{k}", "unknown key")
    feats = data.get("features", {})
    if not isinstance(feats, dict):
        raise _fail(where, "features", "expected a table of feature tables")
    allowed = {"product", "counts", "section", "java", "alias-of"}
    for name, f in feats.items():
        if not isinstance(f, dict):
            raise _fail(where, f"features.{name}", "expected a table")
        for k, v in f.items():
            if k not in allowed:
                raise _fail(where, f"features.{name}.{k}", f"unknown key (expected {', '.join(sorted(allowed))})")
            if k == "java" and not isinstance(v, bool):
                raise _fail(where, f"features.{name}.java", "expected true or false")
            if k != "java" and not isinstance(v, str):
                raise _fail(where, f"features.{name}.{k}", "expected a string")
        entry["features"][name] = FeatureInfo(
            name, vname, f.get("product", ""), f.get("counts", ""), f.get("section", ""),
            bool(f.get("java", False)), f.get("alias-of"), where)
    prefixes = data.get("prefix", [])
    if not isinstance(prefixes, list):
        raise _fail(where, "prefix", "expected an array of tables ([[prefix]])")
    for i, p in enumerate(prefixes):
        key = f"prefix[{i}]"
        if not isinstance(p, dict) or not isinstance(p.get("prefix"), str) or not _HEX.fullmatch(p["prefix"]):
            raise _fail(where, key, "expected prefix = \"<hex digits>\"")
        if not isinstance(p.get("platform"), str):
            raise _fail(where, f"{key}.platform", "expected the platform's name")
        end = p.get("prefix-end")
        if end is not None and (not isinstance(end, str) or not _HEX.fullmatch(end) or len(end) != len(p["prefix"])):
            raise _fail(where, f"{key}.prefix-end", "expected hex digits as long as prefix")
        macs.append(MacPrefix(p["prefix"].upper(), p["platform"], bool(p.get("static", False)),
                              end.upper() if end else None, str(p.get("note", "")),
                              str(p.get("source", where))))


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
