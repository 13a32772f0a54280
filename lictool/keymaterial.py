"""Private key material where a license file or a configuration is expected.

``lictool keygen`` writes the private key of the test signer next to license files, and an
administrator who types ``lictool lint key`` instead of ``lictool lint key.pub`` (or pastes a key
into a license file) must not see any of it echoed: not in ``parse`` output, not in a finding's
message, not in JSON or SARIF, not in an error. Every reader of user files (license files through
:func:`lictool.source.decode`, TOML files through :mod:`lictool.tomlfile`) calls :func:`refuse`
before any of the text can reach an output; the error it raises names the file, the line and the
kind of key, and holds no byte of the key.

Recognised (the armour and formats of the tools that write private keys):

- PEM armour of any private key: ``-----BEGIN PRIVATE KEY-----`` (PKCS#8, what ``lictool keygen``
  writes), ``ENCRYPTED PRIVATE KEY``, ``RSA``/``EC``/``DSA``/``OPENSSH PRIVATE KEY``, ``PGP
  PRIVATE KEY BLOCK`` (RFC 7468 section 10-11; OpenSSH PROTOCOL.key; RFC 4880 section 6.2);
- PuTTY's ``PuTTY-User-Key-File-`` files;
- the body of lictool's own key without its armour: the Base64 of an Ed25519 PKCS#8 key always
  starts ``MC4CAQAwBQYDK2VwBCIEI`` (DER ``30 2e 02 01 00 30 05 06 03 2b 65 70 04 22 04 20``,
  RFC 8410 section 7).
"""

from __future__ import annotations

import re
from typing import Optional, Tuple, Union

from .errors import LictoolError

_PEM = re.compile(rb"-----BEGIN ((?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?)-----")
_MARKERS: Tuple[Tuple[bytes, str], ...] = (
    (b"PuTTY-User-Key-File-", "PuTTY private key"),
    (b"MC4CAQAwBQYDK2VwBCIEI", "Ed25519 private key (lictool keygen), without its PEM armour"),
)


def find(data: Union[bytes, str]) -> Optional[Tuple[int, int, str]]:
    """(line, column, what) of the first private key material in ``data``, or None."""
    raw = data.encode("utf-8", "surrogateescape") if isinstance(data, str) else data
    hits = []
    if b"PRIVATE KEY" in raw:
        m = _PEM.search(raw)
        if m:
            hits.append((m.start(), f"PEM {m.group(1).decode('ascii')}"))
    for marker, what in _MARKERS:
        i = raw.find(marker)
        if i >= 0:
            hits.append((i, what))
    if not hits:
        return None
    offset, what = min(hits)
    before = raw[:offset]
    line = before.count(b"\n") + 1 if b"\n" in before else before.count(b"\r") + 1
    start = max(before.rfind(b"\n"), before.rfind(b"\r")) + 1
    return line, len(before[start:].decode("utf-8", "replace")) + 1, what


def refuse(data: Union[bytes, str], path: Optional[str], expected: str = "a license file") -> None:
    """Raise :class:`LictoolError` when ``data`` holds private key material (see the module
    docstring). The message names the kind of key and where it starts, never its content."""
    hit = find(data)
    if hit is None:
        return
    line, column, what = hit
    raise LictoolError(f"refused: this is private key material ({what}), not {expected}; "
                       "lictool does not read or print private keys (a public key is the .pub "
                       "file)", path, line, column)
