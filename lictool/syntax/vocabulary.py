"""The vocabulary of the grammar: the data in ``grammars/flexnet.toml``, loaded once and
exposed as plain Python.

This module does not import pyparsing: the model, the writer and the command line read the
catalogue from here; only :mod:`lictool.syntax.grammar` builds productions from it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Dict, List, Optional, Tuple

import tomllib

from ..errors import LictoolError

GRAMMAR_FILE = "flexnet.toml"
OPTIONS_GRAMMAR_FILE = "options.toml"


def grammar_path(name: str = GRAMMAR_FILE) -> Path:
    """Where a grammar file is: inside the installed package (``lictool/grammars``), or in the
    source tree's top-level ``grammars/`` when running from a checkout."""
    package = Path(__file__).resolve().parent.parent      # lictool/ (this is lictool/syntax/)
    for candidate in (package / "grammars" / name, package.parent / "grammars" / name):
        if candidate.is_file():
            return candidate
    raise LictoolError(f"grammar file {name!r} is missing from the lictool installation")


@dataclass(frozen=True)
class Field:
    name: str
    terminal: str
    optional: bool


@dataclass(frozen=True)
class LineKind:
    kind: str
    keywords: Tuple[str, ...]
    fields: Tuple[Field, ...]
    attributes: str
    v2_tail: bool
    required: Tuple[str, ...]
    source: str


@dataclass(frozen=True)
class AttributeSpec:
    keyword: str
    form: str
    signed: bool
    pool: bool
    since: str
    value: str
    source: str

    @property
    def takes_flag(self) -> bool:
        return "flag" in self.form.split("|")

    @property
    def takes_value(self) -> bool:
        return "kv" in self.form.split("|")


@dataclass(frozen=True)
class HostIdType:
    name: str
    literal: Optional[str]
    prefix: Optional[str]
    pattern: Optional[str]
    meaning: str


class Spec:
    """The grammar, as read from the TOML file."""

    def __init__(self, data: dict, path: str = "") -> None:
        self.path = path
        self.data = data
        lex = data["lexical"]
        #: the token with its named parts (for reading), and without them (to embed in productions)
        self.token_parts_pattern: str = lex["token"]
        self.token_pattern: str = re.sub(r"\(\?P<\w+>", "(?:", lex["token"])
        self.terminals: Dict[str, dict] = data["terminals"]
        self.lines: Dict[str, LineKind] = {}
        self.keyword_to_kind: Dict[str, str] = {}
        for kind, d in data["lines"].items():
            fields = []
            for f in d["fields"]:
                name, _, term = f.partition(":")
                optional = term.endswith("?")
                term = term.rstrip("?")
                if term not in self.terminals:
                    raise LictoolError(f"{path}: line kind {kind}: unknown terminal {term!r}")
                fields.append(Field(name, term, optional))
            lk = LineKind(kind, tuple(d["keywords"]), tuple(fields), d.get("attributes", "none"),
                          bool(d.get("v2_tail", False)), tuple(d.get("required", ())),
                          d.get("source", ""))
            self.lines[kind] = lk
            for kw in lk.keywords:
                self.keyword_to_kind[kw.upper()] = kind
        self.decimal_pattern: str = data["decimal"]["pattern"]
        self.attributes: Dict[str, Dict[str, AttributeSpec]] = {}
        for table, entries in data["attributes"].items():
            self.attributes[table] = {
                k.upper(): AttributeSpec(k, v["form"], bool(v["signed"]), bool(v["pool"]),
                                         str(v.get("since", "")), v.get("value", "text"),
                                         v.get("source", ""))
                for k, v in entries.items()
            }
        # keyword -> (may be a bare flag, may take a value), per attribute table
        self.forms: Dict[str, Dict[str, Tuple[bool, bool]]] = {
            table: {k: (a.takes_flag, a.takes_value) for k, a in entries.items()}
            for table, entries in self.attributes.items()
        }
        #: attribute tables whose keywords all take a value (VENDOR): a bare word there is no flag
        self.flagless_tables = frozenset(
            table for table, forms in self.forms.items()
            if forms and not any(flag for flag, _ in forms.values()))
        feat = self.attributes.get("feature", {})
        self.signature_keywords = frozenset(k for k, a in feat.items() if a.value == "signature")
        self.pool_keywords = frozenset(k for k, a in feat.items() if a.pool)
        self.hostid_types: List[HostIdType] = [
            HostIdType(name, v.get("literal"), v.get("prefix"), v.get("pattern"), v.get("meaning", ""))
            for name, v in data["hostids"].items()
        ]
        #: the names of the hostid types written without a ``TYPE=`` prefix (``ANY``,
        #: ``ETHER``, ``DECIMAL``, ...): a literal or a pattern
        self.bare_hostid_types = frozenset(t.name for t in self.hostid_types if not t.prefix)
        dates = data["dates"]
        self.months: Dict[str, int] = {m: i + 1 for i, m in enumerate(dates["months"])}
        self.permanent_words = frozenset(w.lower() for w in dates["permanent"])
        self.uncounted_words = frozenset(w.lower() for w in dates["uncounted"])
        self.two_digit_year_pivot: int = int(dates["two_digit_year_pivot"])
        #: the month names, January first (lower case)
        self.month_names: Tuple[str, ...] = tuple(dates["months"])
        self.decimal_re = re.compile(self.decimal_pattern)
        #: the keywords of the lines that grant licenses / that a signature covers
        self.licensed_keywords = frozenset(
            kw.upper() for kind, d in data["lines"].items() if d.get("licensed")
            for kw in self.lines[kind].keywords)
        self.signed_keywords = frozenset(
            kw.upper() for kind, d in data["lines"].items() if d.get("signed")
            for kw in self.lines[kind].keywords)
        #: one COMPONENTS= entry of a PACKAGE line: feature[:version[:count]]
        self.component_re = re.compile(data["lines"]["PACKAGE"]["component"])
        #: the largest TCP port a SERVER or VENDOR line may give
        self.max_port: int = int(self.terminals["port"]["max"])

    def attribute_spec(self, table: str, key: str) -> Optional[AttributeSpec]:
        return self.attributes.get(table, {}).get(key.upper())

    def known_keywords(self) -> List[str]:
        return sorted(self.keyword_to_kind)

    def line_of_table(self, table: str) -> Optional[str]:
        """The first line kind (in the grammar's order) whose attributes are ``table``
        (``FEATURE`` for ``feature``): what messages call the lines that take its keywords."""
        return next((k for k, lk in self.lines.items() if lk.attributes == table), None)

    def hostid_type(self, name: str) -> Optional[HostIdType]:
        """A type of the ``[hostids]`` table by its name (``VENDOR_DEFINED``), or None."""
        return next((t for t in self.hostid_types if t.name == name), None)


@lru_cache(maxsize=None)
def spec(path: Optional[str] = None) -> Spec:
    """The grammar (cached): ``grammars/flexnet.toml`` unless another file is named."""
    p = Path(path) if path else grammar_path()
    try:
        with open(p, "rb") as fh:
            data = tomllib.load(fh)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise LictoolError(f"cannot read grammar: {exc}", path=str(p)) from None
    try:
        return Spec(data, str(p))
    except (KeyError, TypeError, ValueError) as exc:
        raise LictoolError(f"malformed grammar: {exc!r}", path=str(p)) from None


@dataclass(frozen=True)
class OptionsSpec:
    """What ``grammars/options.toml`` says of lmgrd options files: their line keywords and the
    type words (upper case)."""

    keywords: frozenset
    types: Tuple[str, ...]


@lru_cache(maxsize=None)
def options_spec() -> OptionsSpec:
    """The options-file vocabulary (cached)."""
    p = grammar_path(OPTIONS_GRAMMAR_FILE)
    try:
        with open(p, "rb") as fh:
            data = tomllib.load(fh)
        return OptionsSpec(frozenset(k.upper() for k in data["keywords"]),
                           tuple(t.upper() for t in data["types"]))
    except (OSError, tomllib.TOMLDecodeError, KeyError, TypeError, AttributeError) as exc:
        raise LictoolError(f"cannot read grammar: {exc}", path=str(p)) from None
