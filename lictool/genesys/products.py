"""The Genesys product table (``products.toml``, next to this module): per product the keys a
deployment description gives it, per license type what it counts, when each product needs it
and how many, with the guide's section and sentence. The file's own comments describe the
format.

:func:`table` reads it once (cached). A malformed table is a :class:`LictoolError` with the
file, line and column of the offending key or value (:class:`lictool.tomlpos.Locator`) and what
was expected: :func:`load` reads any such file, for tests and for whoever edits the table.

Readers: :mod:`lictool.genesys.deployment` (the keys each product takes, their types and
values), :mod:`lictool.genesys.requirements` (the license types and their needs).
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Dict, List, Mapping, Optional, Sequence, Tuple, Union

from .. import tomlfile
from ..errors import LictoolError
from ..tomlpos import KeyPath, Locator

__all__ = ["BUILTIN", "COMMON_KEYS", "REDUNDANCY", "UNITS", "RULES", "CONDITION_KEYS",
           "KeyType", "Product", "Condition", "Need", "LicenseType", "ProductTable", "load",
           "table", "product_names", "lookup"]

BUILTIN = Path(__file__).resolve().parent / "products.toml"

#: the keys every application takes (the deployment description's contract)
COMMON_KEYS = ("name", "product", "release", "redundancy", "site", "multi-site",
               "license-server", "instances")
#: ``redundancy``: a redundant pair (primary and backup) is ONE application entry
REDUNDANCY = ("none", "warm-standby", "hot-standby")
#: how a need counts (see products.toml)
UNITS = ("key", "server", "instance", "site", "once")
#: the needs counted by code in lictool/genesys/requirements.py, by name
RULES = ("multi-site", "multi-site-tip", "multi-site-nts", "multi-site-ivr",
         "multi-site-ivr-note", "ha-redundancy", "info-mart-databases", "gis-interaction",
         "gis-interaction-floor")
#: condition keys besides the product's own
CONDITION_KEYS = ("redundancy", "multi-site", "release", "release-before")

_KINDS = ("count", "flag")
# the rules that make their own words (every other need has a 'text')
_WORDLESS = ("multi-site-nts", "ha-redundancy", "info-mart-databases")


@dataclass(frozen=True)
class KeyType:
    """What a product key takes: ``kind`` "count", "flag", "enum" (one of ``values``) or "table"
    (``fields``: sub-key -> "count" | "flag")."""

    kind: str
    values: Tuple[str, ...] = ()
    fields: Mapping[str, str] = field(default_factory=dict)

    def sub(self, name: str) -> Optional["KeyType"]:
        kind = self.fields.get(name)
        return KeyType(kind) if kind is not None else None


@dataclass(frozen=True)
class Product:
    name: str
    label: str
    keys: Mapping[str, KeyType]          # in table order

    def key_type(self, key: str) -> Optional[KeyType]:
        """The type of a key, or of ``key.sub-key`` (a key of a table-valued key)."""
        head, _, rest = key.partition(".")
        kt = self.keys.get(head)
        if kt is None or not rest:
            return kt
        return kt.sub(rest) if kt.kind == "table" else None


@dataclass(frozen=True)
class Condition:
    """All of ``terms`` hold: (key, accepted values)."""

    terms: Tuple[Tuple[str, Tuple[Any, ...]], ...]


@dataclass(frozen=True)
class Need:
    """When ``product`` needs the license, and how many (see products.toml)."""

    license: str
    product: str
    unit: str
    when: Tuple[Condition, ...] = ()     # empty: always; else one of them holds
    key: Optional[str] = None
    noun: str = ""
    nouns: str = ""
    if_absent: str = "none"
    text: str = ""
    section: str = ""                    # "; "-separated titles
    quote: str = ""
    rule: Optional[str] = None
    exempt: Mapping[str, str] = field(default_factory=dict)
    line: int = 0


@dataclass(frozen=True)
class LicenseType:
    """One technical license type: a stable id, the product it is listed under, the feature name
    the guide gives (None: the guide does not name it; ``[feature-names]`` does), what one
    license counts, the guide section and sentence, the higher tiers that serve it too, and the
    needs."""

    id: str
    product: str
    feature: Optional[str]
    counts: str
    section: str
    quote: str = ""
    served_by: Tuple[str, ...] = ()
    needs: Tuple[Need, ...] = ()


@dataclass(frozen=True)
class ProductTable:
    products: Mapping[str, Product]      # in table order
    licenses: Mapping[str, LicenseType]  # in table order
    path: str = ""

    def needs_of(self, rule: str) -> List[Need]:
        return [n for lt in self.licenses.values() for n in lt.needs if n.rule == rule]


# --------------------------------------------------------------------------------------------
# reading
# --------------------------------------------------------------------------------------------

def _closest(word: str, choices: Sequence[str]) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


class _Reader:
    def __init__(self, doc: tomlfile.Document) -> None:
        self.doc = doc
        self.loc = Locator(doc.text)

    def fail(self, path: KeyPath, message: str, at_key: bool = False) -> LictoolError:
        where = self.loc.key(path) if at_key else self.loc.value(path)
        shown = tomlfile.key_path(*path) if path else "the table"
        return LictoolError(f"product table: '{shown}': {message}", self.doc.path, *where)

    def table(self, path: KeyPath, value: Any, keys: Sequence[str],
              required: Sequence[str] = ()) -> Dict[str, Any]:
        if not isinstance(value, dict):
            raise self.fail(path, f"expected a table, not {tomlfile.type_name(value)}")
        for k in value:
            if k not in keys:
                raise self.fail(path + (k,), f"unknown key{_closest(k, keys)} (expected "
                                             f"{', '.join(keys)})", at_key=True)
        for k in required:
            if k not in value:
                raise self.fail(path, f"missing the required key {k!r}", at_key=True)
        return value

    def string(self, path: KeyPath, value: Any) -> str:
        if not isinstance(value, str) or not value.strip():
            raise self.fail(path, f"expected a non-empty string, not {value!r}")
        return value

    def one_of(self, path: KeyPath, value: Any, choices: Sequence[str]) -> str:
        if value not in choices:
            hint = _closest(value, choices) if isinstance(value, str) else ""
            raise self.fail(path, f"expected one of {', '.join(choices)}, not {value!r}{hint}")
        return value

    def strings(self, path: KeyPath, value: Any) -> Tuple[str, ...]:
        if not isinstance(value, list) or not value:
            raise self.fail(path, "expected a non-empty array of strings")
        return tuple(self.string(path + (i,), v) for i, v in enumerate(value))

    # -- products -----------------------------------------------------------------------------

    def key_type(self, path: KeyPath, value: Any) -> KeyType:
        if isinstance(value, str):
            return KeyType(self.one_of(path, value, _KINDS))
        if isinstance(value, list):
            return KeyType("enum", self.strings(path, value))
        if isinstance(value, dict):
            if not value:
                raise self.fail(path, "expected a table of sub-key = \"count\" or \"flag\"")
            return KeyType("table", fields={k: self.one_of(path + (k,), v, _KINDS)
                                            for k, v in value.items()})
        raise self.fail(path, "expected \"count\", \"flag\", an array of values or a table of "
                              f"sub-keys, not {tomlfile.type_name(value)}")

    def product(self, name: str, value: Any) -> Product:
        path: KeyPath = ("product", name)
        t = self.table(path, value, ("label", "keys"), ("label",))
        keys: Dict[str, KeyType] = {}
        raw = t.get("keys", {})
        if not isinstance(raw, dict):
            raise self.fail(path + ("keys",), "expected a table of key = type")
        for k, v in raw.items():
            if k in COMMON_KEYS or k in CONDITION_KEYS:
                raise self.fail(path + ("keys", k), f"{k!r} is a common key of every "
                                                    f"application", at_key=True)
            keys[k] = self.key_type(path + ("keys", k), v)
        return Product(name, self.string(path + ("label",), t["label"]), keys)

    # -- licenses -----------------------------------------------------------------------------

    def condition(self, path: KeyPath, value: Any, product: Product) -> Condition:
        if not isinstance(value, dict) or not value:
            raise self.fail(path, "expected a table of key = value")
        terms = []
        for key, v, p in _flat(value, path):
            values = tuple(v) if isinstance(v, list) else (v,)
            if key == "redundancy":
                for i, x in enumerate(values):
                    self.one_of(p, x, REDUNDANCY)
            elif key == "multi-site":
                if values not in ((True,), (False,)):
                    raise self.fail(p, "expected true or false")
            elif key == "release":
                values = self.strings(p, v)
            elif key == "release-before":
                values = (self.string(p, v),)
            else:
                kt = product.key_type(key)
                if kt is None:
                    known = list(CONDITION_KEYS) + _key_names(product)
                    raise self.fail(p, f"{product.name} has no key {key!r}{_closest(key, known)}",
                                    at_key=True)
                for x in values:
                    ok = ({"flag": isinstance(x, bool), "count": isinstance(x, int)
                           and not isinstance(x, bool), "enum": x in kt.values}
                          .get(kt.kind, False))
                    if not ok:
                        raise self.fail(p, f"{x!r} is not a value of {product.name}'s {key!r}")
            terms.append((key, values))
        return Condition(tuple(terms))

    def need(self, lic: str, k: int, value: Any, lt_section: str, lt_quote: str,
             products: Mapping[str, Product]) -> Need:
        path: KeyPath = ("license", lic, "need", k)
        t = self.table(path, value, ("product", "when", "unit", "key", "noun", "nouns",
                                     "if-absent", "text", "section", "quote", "rule", "exempt"),
                       ("product", "unit"))
        name = self.one_of(path + ("product",), t["product"], tuple(products))
        product = products[name]
        unit = self.one_of(path + ("unit",), t["unit"], UNITS)
        rule = t.get("rule")
        if rule is not None:
            self.one_of(path + ("rule",), rule, RULES)
        when_raw = t.get("when")
        when: Tuple[Condition, ...] = ()
        if isinstance(when_raw, list):
            when = tuple(self.condition(path + ("when", i), c, product)
                         for i, c in enumerate(when_raw))
        elif when_raw is not None:
            when = (self.condition(path + ("when",), when_raw, product),)
        key = t.get("key")
        if key is not None:
            kt = product.key_type(self.string(path + ("key",), key))
            if kt is None or kt.kind != "count":
                raise self.fail(path + ("key",), f"{name} has no count key {key!r} (its keys: "
                                                 f"{', '.join(_key_names(product)) or 'none'})")
        elif unit == "key":
            raise self.fail(path, "unit \"key\" needs the key it counts ('key')", at_key=True)
        noun = self.string(path + ("noun",), t["noun"]) if "noun" in t else ""
        if unit == "key" and not noun:
            raise self.fail(path, "unit \"key\" needs what it counts ('noun')", at_key=True)
        nouns = self.string(path + ("nouns",), t["nouns"]) if "nouns" in t else noun + "s"
        if_absent = self.one_of(path + ("if-absent",), t.get("if-absent", "none"),
                                ("none", "unknown"))
        if "text" in t:
            text = self.string(path + ("text",), t["text"])
        elif rule not in _WORDLESS:
            raise self.fail(path, "missing the required key 'text' (the reason)", at_key=True)
        else:
            text = ""
        exempt: Dict[str, str] = {}
        if "exempt" in t:
            raw = self.table(path + ("exempt",), t["exempt"], tuple(products))
            exempt = {p: self.string(path + ("exempt", p), q) for p, q in raw.items()}
        return Need(
            license=lic, product=name, unit=unit, when=when, key=key, noun=noun, nouns=nouns,
            if_absent=if_absent, text=text,
            section=self.string(path + ("section",), t["section"]) if "section" in t
            else lt_section,
            quote=self.string(path + ("quote",), t["quote"]) if "quote" in t else lt_quote,
            rule=rule, exempt=exempt, line=self.loc.table(path)[0])

    def license(self, lic: str, value: Any, products: Mapping[str, Product]) -> LicenseType:
        path: KeyPath = ("license", lic)
        t = self.table(path, value, ("product", "feature", "counts", "section", "quote",
                                     "served-by", "need"),
                       ("product", "counts", "section", "quote", "need"))
        product = self.one_of(path + ("product",), t["product"], tuple(products))
        section = self.string(path + ("section",), t["section"])
        quote = self.string(path + ("quote",), t["quote"])
        needs = t["need"]
        if not isinstance(needs, list) or not needs:
            raise self.fail(path + ("need",), "expected [[license.\"ID\".need]] tables")
        return LicenseType(
            id=lic, product=product,
            feature=self.string(path + ("feature",), t["feature"]) if "feature" in t else None,
            counts=self.string(path + ("counts",), t["counts"]), section=section, quote=quote,
            served_by=self.strings(path + ("served-by",), t["served-by"])
            if "served-by" in t else (),
            needs=tuple(self.need(lic, k, n, section, quote, products)
                        for k, n in enumerate(needs)))

    def read(self) -> ProductTable:
        data = self.table((), self.doc.data, ("product", "license"), ("product", "license"))
        raw_products = self.table(("product",), data["product"], tuple(data["product"]))
        products = {name: self.product(name, v) for name, v in raw_products.items()}
        raw = self.table(("license",), data["license"], tuple(data["license"]))
        licenses = {lic: self.license(lic, v, products) for lic, v in raw.items()}
        for lic, lt in licenses.items():
            for i, higher in enumerate(lt.served_by):
                if higher not in licenses:
                    raise self.fail(("license", lic, "served-by", i),
                                    f"no license type {higher!r}{_closest(higher, licenses)}")
        return ProductTable(products, licenses, self.doc.path)


def _flat(value: Dict[str, Any], path: KeyPath, prefix: str = ""):
    """(dotted key, value, key path) of a condition table; ``services.queue = true`` is the
    nested table {"services": {"queue": true}}."""
    for k, v in value.items():
        if isinstance(v, dict):
            yield from _flat(v, path + (k,), f"{prefix}{k}.")
        else:
            yield prefix + k, v, path + (k,)


def _key_names(product: Product) -> List[str]:
    out = []
    for k, kt in product.keys.items():
        out.append(k)
        out.extend(f"{k}.{s}" for s in kt.fields)
    return out


def load(path: Union[str, Path]) -> ProductTable:
    """Read a product table file (the format of ``products.toml``). Raises LictoolError."""
    return _Reader(tomlfile.read(path, "product table")).read()


@lru_cache(maxsize=1)
def table() -> ProductTable:
    """The built-in product table, read once."""
    return load(BUILTIN)


def product_names() -> Tuple[str, ...]:
    """The products, in table order (the order ``require`` lists them)."""
    return tuple(table().products)


def lookup(keys: Mapping[str, Any], key: str) -> Any:
    """The value of ``key`` (or of ``key.sub-key``) in an application's keys; None when not
    written."""
    head, _, rest = key.partition(".")
    value = keys.get(head)
    if rest:
        return value.get(rest) if isinstance(value, dict) else None
    return value
