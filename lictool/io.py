"""Reading and writing license files on disk: any encoding and newline style in, the same bytes
out, and atomic writes (a temporary file in the same folder, then a rename)."""

from __future__ import annotations

import dataclasses
import os
import tempfile
from pathlib import Path
from typing import Iterable, Optional, Tuple, Union

from .errors import LictoolError
from .model import LicenseFile
from .source import decode

PathLike = Union[str, "os.PathLike[str]"]

#: the name of standard input (the input ``-``) in every command's output, unless
#: ``--stdin-filename`` names it
STDIN = "<stdin>"


def read_bytes(path: PathLike) -> bytes:
    try:
        with open(path, "rb") as fh:
            return fh.read()
    except IsADirectoryError:
        raise LictoolError("is a directory, not a license file", str(path)) from None
    except FileNotFoundError:
        raise LictoolError("no such file or directory", str(path)) from None
    except OSError as exc:
        raise LictoolError(f"cannot read: {exc.strerror or exc}", str(path)) from None


def loads_bytes(data: bytes, path: str = "<bytes>", license_only: bool = False) -> LicenseFile:
    """Parse license-file bytes. ``license_only``: an lmgrd options file is an error (the
    commands' inputs), not a license file of unknown lines."""
    from .syntax.parser import parse

    text, encoding = decode(data, path)
    if license_only:
        from .syntax.options_file import NOT_A_LICENSE_FILE, options_file_line

        found = options_file_line(text)
        if found is not None:
            line, column, keyword = found
            raise LictoolError(NOT_A_LICENSE_FILE.format(keyword=keyword), path, line, column)
    lf = parse(text, path)
    return dataclasses.replace(lf, encoding=encoding) if encoding != lf.encoding else lf


def load(path: PathLike) -> LicenseFile:
    """Read a license file: UTF-8 (with or without a BOM) or Latin-1; LF, CRLF or CR."""
    return loads_bytes(read_bytes(path), str(path))


def load_input(path: str) -> LicenseFile:
    """A license file from a path, or from standard input for ``-``."""
    if path == "-":
        import sys

        return loads_bytes(sys.stdin.buffer.read(), STDIN, license_only=True)
    return loads_bytes(read_bytes(path), str(path), license_only=True)


def encode(lf: LicenseFile, text: str) -> bytes:
    try:
        return text.encode(lf.encoding)
    except UnicodeEncodeError as exc:
        raise LictoolError(f"cannot write {text[exc.start:exc.end]!r} in {lf.encoding}",
                           lf.path) from None


def real_path(path: PathLike) -> Path:
    """The file a write to ``path`` must replace: a symbolic link is followed (to its final
    target, relative links resolved from the link's folder), so the link stays a link and the
    file it points at gets the new bytes."""
    return Path(os.path.realpath(path))


def same_file(a: PathLike, b: PathLike) -> bool:
    """Whether two paths name one file: the same inode (hard links, symlinks, ``./x``), or, for
    a file that does not exist yet, the same resolved path."""
    try:
        return os.path.samefile(a, b)
    except OSError:
        return real_path(a) == real_path(b)


def refuse_output_over_input(output: Optional[PathLike], inputs: Iterable[Optional[PathLike]],
                             what: str = "the output") -> None:
    """Raise LictoolError (exit 2) when ``output`` is one of ``inputs``: a report or a merged
    file must never overwrite what it was made from. ``-`` (standard output/input) is no file."""
    if output is None or str(output) == "-":
        return
    for inp in inputs:
        if inp is None or str(inp) == "-":
            continue
        if same_file(output, inp):
            same = "" if str(inp) == str(output) else f" ({inp})"
            raise LictoolError(f"refused: {what} is one of the inputs{same}; writing it would "
                               "overwrite that file; choose another output file", str(output))


def new_file_mode() -> int:
    """The permission bits of a new file under the process's umask (0o666 without it)."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def write_atomic(path: PathLike, data: bytes, mode: Optional[int] = None) -> None:
    """Write ``data`` to ``path`` so that a reader sees the old file or the new one, never a
    part: a temporary file in the same folder (created readable by its owner only), flushed,
    then renamed over the target. A symbolic link is written through (its target is replaced,
    the link stays). The file gets ``mode`` if given, else the target's permission bits (and,
    where the process may set them, its owner and group), else the usual ones for a new file."""
    target = real_path(path)
    folder = target.parent
    owner = None
    try:
        st = os.stat(target)
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise LictoolError(f"cannot write: {exc.strerror or exc}", str(path)) from None
    if st is not None:
        if mode is None:
            mode = st.st_mode & 0o7777
        owner = (st.st_uid, st.st_gid)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise LictoolError(f"cannot write: {exc.strerror or exc}", str(path)) from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if owner is not None and hasattr(os, "chown"):
            tst = os.stat(tmp)
            if (tst.st_uid, tst.st_gid) != owner:
                try:
                    os.chown(tmp, *owner)
                except OSError:  # not allowed to give the file away: keep ours
                    pass
        os.chmod(tmp, new_file_mode() if mode is None else mode)
        os.replace(tmp, target)
    except BaseException as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(exc, OSError):
            raise LictoolError(f"cannot write: {exc.strerror or exc}", str(path)) from None
        raise
    _sync_folder(folder)


def _sync_folder(folder: Path) -> None:
    """Make a rename durable (POSIX: the directory entry is data of the folder)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


BACKUP_SUFFIX = ".bak"


def backup_path(path: PathLike, data: bytes) -> Tuple[Path, bool]:
    """Where the backup of ``path`` (whose bytes are ``data``) goes, and whether it must still
    be written: ``PATH.bak``, else ``PATH.bak.1``, ``PATH.bak.2``, ... -- the first that does
    not exist, or one that already holds exactly ``data`` (then nothing is written). A backup
    that holds anything else is never overwritten."""
    base = Path(path)
    n = 0
    while True:
        cand = base.with_name(base.name + BACKUP_SUFFIX + (f".{n}" if n else ""))
        if not os.path.lexists(cand):
            return cand, True
        if cand.is_file() and not cand.is_symlink():
            try:
                if read_bytes(cand) == data:
                    return cand, False
            except LictoolError:
                pass
        n += 1


def write_backup(path: PathLike, data: Optional[bytes] = None) -> Path:
    """Keep the current bytes of ``path`` (``data``, when the caller has just read them) as its
    backup (see :func:`backup_path`), with the file's permission bits, before the file is
    replaced. Returns the backup's path."""
    if data is None:
        data = read_bytes(path)
    dest, needed = backup_path(path, data)
    if needed:
        mode = os.stat(real_path(path)).st_mode & 0o7777
        write_atomic(dest, data, mode=mode)
    return dest


def dump(lf: LicenseFile, path: PathLike) -> None:
    """Write ``lf`` to ``path`` atomically, in its encoding: the bytes read when nothing changed."""
    from .writer import dumps

    write_atomic(path, encode(lf, dumps(lf)))
