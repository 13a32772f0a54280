"""Logical records -> typed records. One bad record becomes one diagnostic and an
:class:`~lictool.model.Unparsed` record; every other record is still read."""

from __future__ import annotations

import gc
import re
from functools import lru_cache
from typing import Callable, Dict, List, Optional, Tuple

from .. import values
from ..errors import Diagnostic
from ..hostids import HostId, parse_hostids
from ..model import (Attribute, AuthEntry, Blank, Comment, Component, DecimalLine, Feature,
                     FeatureSet, LicenseFile, Opaque, Package, Record, Server, Unparsed, UseServer,
                     Vendor, node_lock_hostids)
from ..source import (BOM, DECIMAL_LINE, KEYWORD_LINE, OTHER, Logical, detect_newline,
                      first_word, invisible_blanks, is_continued, physical_lines, split)
from . import kinds
from .grammar import Productions, productions, token_regex
from .vocabulary import Spec, spec

_DIGITS = re.compile(r"[0-9]+")


class _Reject(Exception):
    """A record-level error found after the grammar matched (a wrong attribute form, ...)."""

    def __init__(self, offset: int, message: str, end: Optional[int] = None) -> None:
        super().__init__(message)
        self.offset = offset
        self.message = message
        self.end = end


def parse(text: str, path: Optional[str] = None) -> LicenseFile:
    """Parse license-file text. Never raises on bad license text: problems are diagnostics."""
    # The parser allocates many small acyclic objects; pausing the cyclic garbage collector
    # while it runs saves about a quarter of the time on large files.
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _parse(text, path)
    finally:
        if enabled:
            gc.enable()


def _parse(text: str, path: Optional[str]) -> LicenseFile:
    bom = text.startswith(BOM)
    body = text[1:] if bom else text
    sp = spec()
    prods = productions()
    tokre = token_regex()
    records: List[Record] = []
    diags: List[Diagnostic] = []
    for lg in split(body, line_starts(sp)):
        if lg.kind == "blank":
            records.append(Blank.read(lg, text=lg.text))
        elif lg.kind == "comment":
            records.append(Comment.read(lg, text=lg.text))
        else:
            rec, diag = _record(lg, sp, prods, tokre)
            records.append(rec)
            if diag is not None:
                diags.append(diag)
    return LicenseFile(tuple(records), tuple(diags), detect_newline(body), "utf-8", bom, path)


@lru_cache(maxsize=None)
def line_starts(sp: Spec):
    """The classifier :func:`lictool.source.split` uses to continue records without a
    backslash (grammars/flexnet.toml, [lexical] continuation_without_backslash_since)."""
    keywords = frozenset(sp.keyword_to_kind)
    decimal = sp.decimal_re

    def starts(line: str) -> int:
        """What a physical line (without its indentation) starts: a keyword record, a
        decimal-format license, or neither."""
        if is_continued(line):        # "FEATURE\\": the word is before the backslash
            line = line.rstrip(" \t")[:-1]
        start, end = first_word(line)
        if line[start:end].upper() in keywords:
            return KEYWORD_LINE
        if decimal.fullmatch(line.rstrip(" \t")):
            return DECIMAL_LINE
        return OTHER

    return starts


def _diag(lg: Logical, offset: int, end: Optional[int], message: str, code: str = "syntax-error",
          severity: str = "error") -> Diagnostic:
    line, col = lg.position(offset)
    if end is None:
        m = re.compile(r'"[^"]*"?|[^ \t]+').match(lg.text, offset)
        end = m.end() if m else offset + 1
    end_line, end_col = lg.position(max(end, offset + 1))
    return Diagnostic(line, col, message, end_line, end_col, code, severity)


def _misspelt(lg: Logical, line: int) -> str:
    """", and 'FEATUER' looks like a misspelt FEATURE" when the first word of a joined line is
    close to a line keyword, else ""."""
    import difflib

    k = line - lg.line
    raw_lines = physical_lines(lg.raw)
    words = raw_lines[k].split() if 0 <= k < len(raw_lines) else []
    if not words:
        return ""
    close = difflib.get_close_matches(words[0].upper(), spec().known_keywords(), n=1, cutoff=0.75)
    return f", and {words[0]!r} looks like a misspelt {close[0]}" if close else ""


def _unparsed(lg: Logical, keyword: str, diag: Diagnostic) -> Tuple[Record, Diagnostic]:
    if lg.bare and diag.line in lg.bare:
        # the error is on a line joined without a backslash: say so, or it makes no sense
        diag = Diagnostic(diag.line, diag.column, diag.message + (
            f" (line {diag.line} does not start with a line keyword, so it continues the "
            f"{keyword or 'record'} line above it, as license servers from v7.0 read it"
            f"{_misspelt(lg, diag.line)}; make it a comment with '#' if it is not part of that "
            "line)"), diag.end_line, diag.end_column, diag.code, diag.severity, diag.hint)
    return Unparsed.read(lg, text=lg.text, keyword=keyword, diagnostic=diag), diag


def _record(lg: Logical, sp: Spec, prods: dict, tokre: "re.Pattern[str]"
            ) -> Tuple[Record, Optional[Diagnostic]]:
    text = lg.text
    start, end = first_word(text)
    word = text[start:end]
    keyword = word.upper()
    if not word:  # only backslashes and blanks: a continuation of nothing
        return _unparsed(lg, keyword, _diag(lg, 0, None, "a continuation backslash with no "
                                                          "record to continue"))
    if lg.problem is not None:
        line, col, message = lg.problem
        return _unparsed(lg, keyword, Diagnostic(line, col, message, line, col + 1))
    bad = _control_char(text, prods.get(keyword) is not None)
    if bad is not None:
        return _unparsed(lg, keyword, _diag(lg, bad, bad + 1,
                                            f"control character {text[bad]!r} in a record"))
    prod: Optional[Productions] = prods.get(keyword)
    if prod is None:
        if sp.decimal_re.fullmatch(text.strip(" \t")):
            return DecimalLine.read(lg, text=text), None
        blanks = invisible_blanks(text)
        if blanks is not None:
            return Opaque.read(lg, text=text), _diag(
                lg, start, len(text),
                f"the line looks blank but holds {blanks}, which the license server does not "
                "read as a blank; the line is kept as it is", code="unknown-line",
                severity="warning")
        known = ", ".join(sp.keyword_to_kind)
        return Opaque.read(lg, text=text), _diag(
            lg, start, end,
            f"{word!r} is not a license-file line keyword ({known}); the line is kept as it is",
            code="unknown-line", severity="warning")
    if text.count('"') % 2:
        q = _unclosed_quote(text, lg)
        return _unparsed(lg, keyword, _diag(
            lg, q, q + 1,
            'unterminated quoted value: this \'"\' is never closed (a quoted value ends at the '
            'next \'"\' and cannot contain one)'))
    m = prod.match(text)
    if m is None:
        rej = prod.why(text, keyword)
        return _unparsed(lg, keyword, _diag(lg, rej.offset, None, rej.message))
    try:
        return BUILDERS[prod.kind](prod, m, lg, sp, tokre), None
    except _Reject as exc:
        return _unparsed(lg, keyword, _diag(lg, exc.offset, exc.end,
                                            f"{keyword} line: {exc.message}"))


_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]")
_QUOTED = re.compile(r'"[^"]*"')


def _control_char(text: str, keyword_line: bool) -> Optional[int]:
    """The offset of a control character outside quoted values, or None. Inside a quoted value
    any character but NUL is data: 8-bit characters are supported in license files from the
    v8.0 client library (EUG Appendix B; grammars/flexnet-format.md 9), and NUL never gets this far."""
    m = _CONTROL.search(text)
    if m is None or not keyword_line or '"' not in text:
        return m.start() if m else None
    pos = 0
    for q in _QUOTED.finditer(text):          # only what is outside quotes counts
        m = _CONTROL.search(text, pos, q.start())
        if m is not None:
            return m.start()
        pos = q.end()
    m = _CONTROL.search(text, pos)
    return m.start() if m else None


def _unclosed_quote(text: str, lg: Logical) -> int:
    """The offset of the quote that opens a value and is never closed, in a record with an odd
    number of quotes. Quotes pair left to right; the first pair that cannot be a quoted value
    (its closing quote glued to the next word, or its text running over a line break that is
    not a backslash continuation) is where the unclosed value starts. Otherwise the last quote
    is the unclosed one."""
    bare = set(lg.bare or ())
    breaks = []
    if bare and lg.segments:
        breaks = [start for start, line, _ in lg.segments if line in bare]
    pos = 0
    while True:
        i = text.find('"', pos)
        j = text.find('"', i + 1) if i >= 0 else -1
        if j < 0:
            return i if i >= 0 else text.rfind('"')
        after = text[j + 1:j + 2]
        if after not in ("", " ", "\t") or any(i < b <= j for b in breaks):
            return i
        pos = j + 1


def _unquote(s: str) -> Tuple[str, bool]:
    if len(s) >= 2 and s[0] == '"' and s[-1] == '"':
        return s[1:-1], True
    return s, False


def _attributes(prod: Productions, m: "re.Match[str]", lg: Logical, sp: Spec,
                tokre: "re.Pattern[str]"):
    """The attribute tail -> (attributes, v2 vendor string, v2 hostid)."""
    tail = m.group("tail")
    if not tail:
        return (), None, None
    base = m.start("tail")
    table = sp.forms.get(prod.line.attributes, {})
    v2 = prod.line.v2_tail
    attrs: list = []
    append = attrs.append
    make = Attribute.read
    parts = [tokre.groupindex[n] for n in ("string", "key", "quoted", "value", "braced")]
    flagless = prod.line.attributes in sp.flagless_tables
    v2_string = v2_hostid = None
    after_v2_string = False
    for t in tokre.finditer(tail):
        string, key, qvalue, value, bvalue = t.group(*parts)
        s, e = t.span()
        start = base + s
        end = base + e
        if string is not None:
            if v2 and v2_string is None and not attrs:
                v2_string = string
                after_v2_string = True
                continue
            raise _Reject(start, f"unexpected quoted text {t.group()!r}: a quoted value must "
                                 "follow KEY=", end)
        braced = bvalue is not None
        if braced:
            value, quoted = bvalue, False
        elif qvalue is not None:
            value, quoted = qvalue, True
        else:
            quoted = False
            if value is not None and value.startswith("{"):
                raise _Reject(start, f"{key}={{ is never closed: a braced value runs to its "
                                     "'}'", end)
            if value is None and after_v2_string and v2_hostid is None and key.upper() not in table:
                v2_hostid = key
                after_v2_string = False
                continue
        after_v2_string = False
        form = table.get(key.upper())
        if form is not None:
            if value is None and not form[0]:
                raise _Reject(start, f"{key} needs a value ({key}=...)", end)
            if value is not None and not form[1]:
                raise _Reject(start, f"{key} is a flag and takes no value", end)
        elif value is None and flagless:
            # a line kind whose keywords all take values (VENDOR): a bare word is a field out
            # of place, not a flag
            raise _Reject(start, f"{key!r} is not a KEYWORD=value attribute ({prod.line.kind} "
                                 f"lines take {', '.join(k + '=' for k in table)})", end)
        append(make(key, value, quoted, start, end, lg, braced))
    return tuple(attrs), v2_string, v2_hostid




MAX_DIGITS = 18   # no count or port has more digits; a longer number is an error, not an int


def _number(text: str, what: str, offset: int, end: int) -> int:
    digits = text.lstrip("0") or "0"
    if len(digits) > MAX_DIGITS:
        raise _Reject(offset, f"{what} {text[:20]}... is too large", end)
    return int(digits)


def _port(text: str, offset: int, end: int) -> int:
    port = _number(text.split(":")[-1], "port", offset, end)
    top = spec().max_port        # grammars/flexnet.toml, terminals.port.max
    if port > top:
        raise _Reject(offset, f"port {port} is out of range (0-{top})", end)
    return port


def _port_attr(attrs) -> Optional[int]:
    for a in attrs:
        if a.name == "PORT":
            if a.value is None or not _DIGITS.fullmatch(a.value):
                raise _Reject(a.offset, f"{a.key} needs a number, not {a.value!r}", a.end_offset)
            return _port(a.value, a.offset, a.end_offset)
    return None


def _positional_port(m: "re.Match[str]", attrs) -> Optional[int]:
    text = m.group("port")
    if text is None:
        return _port_attr(attrs)
    return _port(text, m.start("port"), m.end("port"))


def _feature(prod: Productions, m: "re.Match[str]", lg: Logical, sp: Spec,
             tokre: "re.Pattern[str]") -> Record:
    attrs, v2s, v2h = _attributes(prod, m, lg, sp, tokre)
    name, vendor, ver, exp, cnt, key = m.group("name", "vendor", "version", "expiry", "count",
                                               "license_key")
    if len(cnt) > MAX_DIGITS:
        _number(cnt, "count", m.start("count"), m.end("count"))
    kw_text = m.group("keyword")
    hostid = None
    for a in attrs:
        if a.name == "HOSTID":
            hostid = a.value or ""
            break
    return Feature.read(
        lg, keyword=kw_text.upper(), keyword_text=kw_text, attributes=attrs, name=name,
        vendor=vendor, version=values.version(ver), expiry=values.expiry(exp),
        count=values.count(cnt),
        from_version=values.version(m.group("from_version")) if prod.kind == kinds.UPGRADE
        else None,
        license_key=key, vendor_string_v2=v2s, hostid_v2=v2h, auth=_auth(m, attrs, tokre),
        hostids=node_lock_hostids(hostid, v2h))   # computed once, now


def _server(prod: Productions, m: "re.Match[str]", lg: Logical, sp: Spec,
            tokre: "re.Pattern[str]") -> Record:
    attrs, _, _ = _attributes(prod, m, lg, sp, tokre)
    hostid_text, _ = _unquote(m.group("hostid"))
    hids = parse_hostids(hostid_text)
    kw_text = m.group("keyword")
    return Server.read(lg, keyword=kw_text.upper(), keyword_text=kw_text, attributes=attrs,
                       host=m.group("host"),
                       hostid=hids[0] if len(hids) == 1 else HostId("LIST", hostid_text,
                                                                    hostid_text),
                       port=_positional_port(m, attrs), port_text=m.group("port"))


def _vendor(prod: Productions, m: "re.Match[str]", lg: Logical, sp: Spec,
            tokre: "re.Pattern[str]") -> Record:
    attrs, _, _ = _attributes(prod, m, lg, sp, tokre)
    path = m.group("path")
    path_quoted = False
    if path is not None:
        path, path_quoted = _unquote(path)
    options = m.group("options")
    if options is not None:
        options, _ = _unquote(options)
    else:
        for a in attrs:
            if a.name == "OPTIONS":
                options = a.value
                break
    port_text = m.group("port")
    port = _positional_port(m, attrs)
    kw_text = m.group("keyword")
    return Vendor.read(lg, keyword=kw_text.upper(), keyword_text=kw_text, attributes=attrs,
                       name=m.group("name"), path=path, options=options, port=port,
                       path_quoted=path_quoted, options_positional=m.group("options") is not None,
                       port_positional=port_text is not None)


def _package(prod: Productions, m: "re.Match[str]", lg: Logical, sp: Spec,
             tokre: "re.Pattern[str]") -> Record:
    attrs, _, _ = _attributes(prod, m, lg, sp, tokre)
    comps = None
    for a in attrs:
        if a.name == "COMPONENTS":
            comps = _components(a, sp)
            break
    if comps is None:
        raise _Reject(len(lg.text.rstrip(" \t")), "a PACKAGE line needs COMPONENTS=\"...\"")
    ver = m.group("version")
    kw_text = m.group("keyword")
    return Package.read(lg, keyword=kw_text.upper(), keyword_text=kw_text, attributes=attrs,
                        name=m.group("name"), vendor=m.group("vendor"),
                        version=values.version(ver) if ver else None,
                        license_key=m.group("license_key"), components=comps,
                        auth=_auth(m, attrs, tokre))


def _use_server(prod: Productions, m: "re.Match[str]", lg: Logical, sp: Spec,
                tokre: "re.Pattern[str]") -> Record:
    kw_text = m.group("keyword")
    return UseServer.read(lg, keyword=kw_text.upper(), keyword_text=kw_text)


def _feature_set(prod: Productions, m: "re.Match[str]", lg: Logical, sp: Spec,
                 tokre: "re.Pattern[str]") -> Record:
    kw_text = m.group("keyword")
    return FeatureSet.read(lg, keyword=kw_text.upper(), keyword_text=kw_text,
                           vendor=m.group("vendor"), key=m.group("key"))


#: line kind (grammars/flexnet.toml) -> how a record of that kind is built from its match: the
#: one place the parser knows each kind (lictool.model's record classes say how each is written,
#: shown and compared)
BUILDERS: Dict[str, Callable[..., Record]] = {
    kinds.FEATURE: _feature,
    kinds.UPGRADE: _feature,
    kinds.SERVER: _server,
    kinds.VENDOR: _vendor,
    kinds.PACKAGE: _package,
    kinds.USE_SERVER: _use_server,
    kinds.FEATURESET: _feature_set,
}


_AUTH_ENTRY = re.compile(r'[ \t]*(?P<daemon>[^\s="(){}]+)=\((?P<body>(?:[^()"]|"[^"]*")*)\)')


def _auth(m: "re.Match[str]", attrs, tokre: "re.Pattern[str]") -> Tuple[AuthEntry, ...]:
    """The daemons of a braced ``AUTH={ daemon=( KEY=value ... ) ... }``; a braced value that is
    not a list of ``daemon=( ... )`` entries is an error at its position."""
    if "={" not in (m.group("tail") or ""):      # the common case: no braced value at all
        return ()
    for a in attrs:
        if a.name != "AUTH" or not a.braced:
            continue
        text = a.value or ""
        out = []
        pos = 0
        while text[pos:].strip(" \t"):
            m = _AUTH_ENTRY.match(text, pos)
            if m is None:
                raise _Reject(a.offset, f"{a.key}={{...}}: expected daemon=( KEYWORD=value ... ) "
                                        f"entries, found {text[pos:].strip()[:30]!r}", a.end_offset)
            pairs = []
            for t in tokre.finditer(m.group("body")):
                if t.group("string") is not None:
                    raise _Reject(a.offset, f"{a.key}={{...}}: unexpected quoted text "
                                            f"{t.group()!r} for daemon {m.group('daemon')!r}",
                                  a.end_offset)
                value = t.group("quoted") if t.group("quoted") is not None else t.group("value")
                pairs.append((t.group("key"), value))
            out.append(AuthEntry(m.group("daemon"), tuple(pairs)))
            pos = m.end()
        return tuple(out)
    return ()


def _components(a: Attribute, sp: Spec) -> Tuple[Component, ...]:
    out = []
    component = sp.component_re
    for item in (a.value or "").split():
        cm = component.fullmatch(item)
        if cm is None:
            raise _Reject(a.offset, f"COMPONENTS entry {item!r}: expected "
                                    "feature[:version[:count]]", a.end_offset)
        ver = cm.group(2)
        cnt = cm.group(3)
        out.append(Component(cm.group(1), values.version(ver) if ver else None,
                             _number(cnt, "component count", a.offset, a.end_offset) if cnt else None,
                             item))
    if not out:
        raise _Reject(a.offset, "COMPONENTS lists no feature", a.end_offset)
    return tuple(out)


# ---------------------------------------------------------------------------------------------
# Positions of positional fields, found on demand (parsing does not pay for positions nobody
# asks for): the record's text matched again with the production of its line kind
# ---------------------------------------------------------------------------------------------

Span = Tuple[int, int, int, int]


def _match(rec: Record) -> Optional["re.Match[str]"]:
    src = rec.source
    prod = productions().get(getattr(rec, "keyword", None) or "") if src is not None else None
    return prod.regex.match(src.text) if prod is not None else None  # type: ignore[union-attr]


def field_span(rec: Record, name: str) -> Optional[Span]:
    """(line, column, end_line, end_column) of the positional field ``name`` of a record read
    from a file (``expiry``, ``vendor``, ``hostid``, ``port``...); None when it has none."""
    src = rec.source
    prod = productions().get(getattr(rec, "keyword", None) or "") if src is not None else None
    if prod is None or name not in prod.regex.groupindex:    # no such field: nothing to match
        return None
    m = prod.regex.match(src.text)  # type: ignore[union-attr]
    if m is None or m.start(name) < 0:
        return None
    return (*rec.position(m.start(name)), *rec.position(m.end(name)))


def v2_hostid_span(rec: Feature) -> Optional[Span]:
    """The position of a v2 line's positional hostid (the bare word after the quoted vendor
    string), or None."""
    m = _match(rec)
    if m is None or "tail" not in m.re.groupindex or m.start("tail") < 0:
        return None
    base = m.start("tail")
    after_string = False
    for t in token_regex().finditer(m.group("tail")):
        if t.group("string") is not None:
            after_string = True
            continue
        if (after_string and t.group("key") == rec.hostid_v2 and t.group("value") is None
                and t.group("quoted") is None):
            return (*rec.position(base + t.start()), *rec.position(base + t.end()))
        after_string = False
    return None
