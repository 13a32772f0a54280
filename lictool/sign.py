"""lictool's TEST signer: Ed25519 signatures on feature lines, so that fixtures and demos detect
tampering. These are not FlexNet signatures: no license server accepts them.

What is signed, per FEATURE/INCREMENT/UPGRADE/PACKAGE record (:func:`signed_text`):

- the line keyword (upper-case) and every positional field as written (name, vendor, versions,
  expiry, count, a legacy license key, a v2 vendor string and hostid);
- every publisher attribute, except the signature fields (SIGN, SIGN2, SIGN3, SIGN4, AUTH) and
  ``ck``: keyword upper-cased, value without quotes and with continuations joined, sorted by
  keyword (attribute order, quoting, spacing and continuation points do not matter). Publisher
  attributes are those the grammar's catalogue marks as signed; a keyword outside the catalogue
  counts as a publisher's when it is written in upper case;
- for a counted FEATURE/INCREMENT/UPGRADE, the hostids of the file's SERVER lines, in order
  (compared as FlexNet compares them: case-insensitive, ``#decimal`` as hex).

Not signed, as in FlexNet: end-user attributes (``sort``, ``asset_info``, ``dist_info``,
``user_info``, ``vendor_info`` and lower-case unknown keywords), SERVER host names and ports,
VENDOR paths, options files and ports, comments and layout.

Why Ed25519: small keys, deterministic signatures (signing a signed file again changes nothing,
and generated files are reproducible), fast, and no parameters to get wrong. The signature is 64
bytes, written as 32 groups of 4 hex digits in ``SIGN="..."``, continued over lines like FlexNet's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import List, Optional, Tuple

from .errors import LictoolError
from .syntax.vocabulary import spec
from .model import Feature, LicenseFile, Record, Unparsed
from .source import Logical

_NEWLINE = re.compile(r"\r\n|\r|\n")

MARK = "lictool-test-signature-v1"
COMMENT = ("# This file carries lictool TEST signatures (Ed25519), not FlexNet signatures: "
           "no license server accepts them.")
GROUPS_PER_LINE = 16


# --------------------------------------------------------------------------------------------
# Keys. Private key material never reaches a message, a log or a traceback's text.
# --------------------------------------------------------------------------------------------

def _crypto():
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ed25519

    return serialization, ed25519


def generate_key(path: Path, force: bool = False) -> Tuple[Path, Path]:
    """Write a new Ed25519 private key to ``path`` (PEM, mode 0600) and its public key to
    ``path.pub``. Refuses to overwrite either without ``force``."""
    serialization, ed25519 = _crypto()
    path = Path(path)
    pub = path.with_name(path.name + ".pub")
    if not force:
        for p in (path, pub):
            if p.exists():
                raise LictoolError("exists; use --force to overwrite it", str(p))
    key = ed25519.Ed25519PrivateKey.generate()
    private_pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                    serialization.NoEncryption())
    public_pem = key.public_key().public_bytes(serialization.Encoding.PEM,
                                               serialization.PublicFormat.SubjectPublicKeyInfo)
    from .io import new_file_mode, write_atomic

    write_atomic(path, private_pem, mode=0o600)  # never readable by others, not for a moment
    # the public key may be read by anyone, but whoever can rewrite it can make forged files
    # verify: never group- or world-writable, whatever the umask (or an old file's mode)
    write_atomic(pub, public_pem, mode=new_file_mode() & ~0o022)
    return path, pub


def load_private_key(path: Path):
    serialization, ed25519 = _crypto()
    from .io import read_bytes

    data = read_bytes(path)
    try:
        key = serialization.load_pem_private_key(data, password=None)
    except (ValueError, TypeError):
        raise LictoolError("not an unencrypted PEM private key", str(path)) from None
    if not isinstance(key, ed25519.Ed25519PrivateKey):
        raise LictoolError("not an Ed25519 private key", str(path))
    return key


def load_public_key(path: Path):
    serialization, ed25519 = _crypto()
    from .io import read_bytes

    data = read_bytes(path)
    try:
        key = serialization.load_pem_public_key(data)
    except (ValueError, TypeError):
        hint = " (this looks like a private key: give the .pub file)" if b"PRIVATE" in data else ""
        raise LictoolError(f"not a PEM public key{hint}", str(path)) from None
    if not isinstance(key, ed25519.Ed25519PublicKey):
        raise LictoolError("not an Ed25519 public key", str(path))
    return key


# --------------------------------------------------------------------------------------------
# What is signed
# --------------------------------------------------------------------------------------------

def _is_publisher(key: str) -> bool:
    a = spec().attribute_spec("feature", key)
    if a is not None:
        return a.signed and a.value != "signature"
    return key == key.upper()


def signed_text(rec: Record, lf: LicenseFile) -> str:
    """The canonical text signed for a feature record (see the module docstring)."""
    from .writer import tokens

    toks = tokens(rec) or []
    n = len(rec.attributes)  # type: ignore[attr-defined]
    positional = toks[:len(toks) - n] if n else toks
    positional = [positional[0].upper()] + [p.strip('"') if p.startswith('"') else p
                                            for p in positional[1:]]
    attrs = sorted((a.name, "" if a.value is None else a.value, a.value is None)
                   for a in rec.attributes if _is_publisher(a.key))  # type: ignore[attr-defined]
    parts = [MARK] + [f"F {p}" for p in positional]
    parts += [f"A {k}" if flag else f"A {k}={v}" for k, v, flag in attrs]
    if isinstance(rec, Feature) and rec.count is not None and not rec.count.uncounted:
        parts += [f"S {s.hostid.normalized if s.hostid else ''}" for s in lf.servers]
    return "\n".join(parts)


def signature_groups(sig: bytes) -> str:
    h = sig.hex().upper()
    return " ".join(h[i:i + 4] for i in range(0, len(h), 4))


def sign_record(rec: Record, lf: LicenseFile, key) -> str:
    return signature_groups(key.sign(signed_text(rec, lf).encode("utf-8")))


def verify_record(rec: Record, lf: LicenseFile, public_key) -> Optional[str]:
    """None when the record's SIGN verifies, else why not."""
    from cryptography.exceptions import InvalidSignature

    attr = rec.attribute("SIGN")  # type: ignore[attr-defined]
    if attr is None or not attr.value:
        return "no SIGN= signature"
    text = "".join(attr.value.split())
    try:
        sig = bytes.fromhex(text)
    except ValueError:
        return "SIGN= is not hex"
    if len(sig) != 64:
        return "SIGN= is not a lictool test signature (it is not 64 bytes)"
    try:
        public_key.verify(sig, signed_text(rec, lf).encode("utf-8"))
    except InvalidSignature:
        return "the signature does not match the signed fields (a signed field was changed, or another key signed it)"
    return None


def feature_records(lf: LicenseFile) -> List[Record]:
    signed = spec().signed_keywords
    return [r for r in lf.records if r.kind in signed]


# --------------------------------------------------------------------------------------------
# Writing SIGN into a record without touching any other byte
# --------------------------------------------------------------------------------------------

def _raw_offset(src: Logical, line: int, column: int) -> int:
    """Offset in the record's raw text of a (physical line, column) position."""
    starts = [0] + [m.end() for m in _NEWLINE.finditer(src.raw)]
    return starts[line - src.line] + column - 1


def _newline_of(raw: str, default: str) -> str:
    for nl in ("\r\n", "\r", "\n"):
        if nl in raw:
            return nl
    return default


def _indent_of(src: Logical) -> str:
    if src.segments and len(src.segments) > 1:
        second = _NEWLINE.split(src.raw)[1]
        ind = second[:len(second) - len(second.lstrip(" \t"))]
        if ind:
            return ind
    return "\t"


def _sign_token(groups: str, nl: str, indent: str) -> str:
    g = groups.split(" ")
    chunks = [" ".join(g[i:i + GROUPS_PER_LINE]) for i in range(0, len(g), GROUPS_PER_LINE)]
    return 'SIGN="' + f" \\{nl}{indent}".join(chunks) + '"'


def _spliced(rec: Record, groups: str, file_nl: str) -> str:
    """The record's raw text with its SIGN value replaced (or SIGN added at its end)."""
    src = rec.source
    if not isinstance(src, Logical):
        raise LictoolError("cannot sign a record that was not read from a file")
    raw = src.raw
    nl = _newline_of(raw, file_nl)
    token = _sign_token(groups, nl, _indent_of(src))
    attr = rec.attribute("SIGN")  # type: ignore[attr-defined]
    if attr is not None:
        start = _raw_offset(src, attr.line, attr.column)
        end = _raw_offset(src, attr.end_line, attr.end_column)
        return raw[:start] + token + raw[end:]
    body = raw.rstrip("\r\n")
    ending = raw[len(body):]
    stripped = body.rstrip(" \t")
    return f"{stripped} \\{nl}{_indent_of(src)}{token}{body[len(stripped):]}{ending}"


def sign_file(lf: LicenseFile, key) -> str:
    """The text of ``lf`` with a test signature in every feature record and the test-signature
    comment at the top; every other byte is kept."""
    from .writer import render

    if lf.errors:
        d = lf.errors[0]
        raise LictoolError(f"cannot sign a file with syntax errors ({d.message})", lf.path,
                           d.line, d.column)
    nl = lf.newline
    signed = spec().signed_keywords
    chunks: List[str] = []
    if not any(r.kind == "COMMENT" and r.text.strip() == COMMENT for r in lf.records):
        chunks.append(COMMENT + nl)
    for rec in lf.records:
        if rec.kind in signed and rec.source is not None:
            chunk = _spliced(rec, sign_record(rec, lf, key), nl)
        else:
            chunk = rec.raw if rec.raw is not None else render(rec, nl) + nl
        if chunks and chunks[-1][-1:] not in ("\r", "\n"):
            chunks.append(nl)
        chunks.append(chunk)
    # (not parsed again: a spliced SIGN= of hex groups reads back; tests/test_sign.py checks it)
    return ("\ufeff" if lf.bom else "") + "".join(chunks)


@dataclass(frozen=True)
class Mismatch:
    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    name: str
    kind: str
    reason: str


def verify_file(lf: LicenseFile, public_key, path: str) -> List[Mismatch]:
    out = []
    signed = spec().signed_keywords
    for rec in lf.records:  # a feature line an edit made unreadable cannot verify either
        if isinstance(rec, Unparsed) and rec.keyword in signed:
            d = rec.diagnostic
            line, col, eline, ecol = rec.span
            words = rec.text.split()
            out.append(Mismatch(path, line, col, eline, ecol, words[1] if len(words) > 1 else "",
                                rec.keyword,
                                f"the line does not parse ({d.message if d else 'syntax error'}), "
                                "so its signature cannot verify"))
    for rec in feature_records(lf):
        why = verify_record(rec, lf, public_key)
        if why is not None:
            line, col, eline, ecol = rec.span
            out.append(Mismatch(path, line, col, eline, ecol, getattr(rec, "name", ""), rec.kind, why))
    return sorted(out, key=lambda m: (m.line, m.column))


def __getattr__(name: str):
    # SIGNED_KINDS: the keywords of the lines a signature covers (grammars/flexnet.toml:
    # `signed = true`), read on first use so that importing this module reads no grammar
    if name == "SIGNED_KINDS":
        return spec().signed_keywords
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
