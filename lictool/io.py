"""Reading and writing license files on disk: any encoding and newline style in, the same bytes
out, and atomic writes (a temporary file in the same folder, then a rename)."""

from __future__ import annotations

import dataclasses
import os
import tempfile
from pathlib import Path
from typing import Optional, Union

from .errors import LictoolError
from .model import LicenseFile
from .source import decode

PathLike = Union[str, "os.PathLike[str]"]


def read_bytes(path: PathLike) -> bytes:
    try:
        with open(path, "rb") as fh:
            return fh.read()
    except IsADirectoryError:
        raise LictoolError("is a directory, not a license file", str(path)) from None
    except FileNotFoundError:
        raise LictoolError("no such file", str(path)) from None
    except OSError as exc:
        raise LictoolError(f"cannot read: {exc.strerror or exc}", str(path)) from None


def loads_bytes(data: bytes, path: str = "<bytes>") -> LicenseFile:
    from .syntax.parser import parse

    text, encoding = decode(data, path)
    lf = parse(text, path)
    return dataclasses.replace(lf, encoding=encoding) if encoding != lf.encoding else lf


def load(path: PathLike) -> LicenseFile:
    """Read a license file: UTF-8 (with or without a BOM) or Latin-1; LF, CRLF or CR."""
    return loads_bytes(read_bytes(path), str(path))


def encode(lf: LicenseFile, text: str) -> bytes:
    try:
        return text.encode(lf.encoding)
    except UnicodeEncodeError as exc:
        raise LictoolError(f"cannot write {text[exc.start:exc.end]!r} in {lf.encoding}",
                           lf.path) from None


def write_atomic(path: PathLike, data: bytes, mode: Optional[int] = None) -> None:
    """Write ``data`` to ``path`` so that a reader sees the old file or the new one, never a
    part: a temporary file in the same folder (created readable by its owner only), flushed,
    then renamed over the target. The file gets ``mode`` if given, else the target's
    permissions, else the usual ones for a new file."""
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    if mode is None:
        try:
            mode = os.stat(target).st_mode & 0o7777
        except FileNotFoundError:
            pass
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise LictoolError(f"cannot write: {exc.strerror or exc}", str(path)) from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if mode is None:  # a new file gets the usual mode (mkstemp makes it 0600)
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(exc, OSError):
            raise LictoolError(f"cannot write: {exc.strerror or exc}", str(path)) from None
        raise


def dump(lf: LicenseFile, path: PathLike) -> None:
    """Write ``lf`` to ``path`` atomically, in its encoding: the bytes read when nothing changed."""
    from .writer import dumps

    write_atomic(path, encode(lf, dumps(lf)))
