"""Nothing the user wrote is lost: every fixture reads and writes back byte for byte."""

from __future__ import annotations

import dataclasses
import os
import stat

import pytest

import lictool
from golden import fixtures


@pytest.mark.parametrize("lic", fixtures(), ids=lambda p: p.name)
def test_dumps_parse_is_identity(lic):
    data = lic.read_bytes()
    lf = lictool.load(lic)
    assert lictool.dumps(lf).encode(lf.encoding) == data


@pytest.mark.parametrize("lic", fixtures(), ids=lambda p: p.name)
def test_dump_writes_the_bytes_read(lic, tmp_path):
    out = tmp_path / lic.name
    lictool.dump(lictool.load(lic), out)
    assert out.read_bytes() == lic.read_bytes()


def test_encodings_and_newlines_are_remembered(fixtures_dir):
    assert lictool.load(fixtures_dir / "latin1.lic").encoding == "latin-1"
    bom = lictool.load(fixtures_dir / "utf8-bom.lic")
    assert bom.bom and bom.encoding == "utf-8"
    assert lictool.load(fixtures_dir / "windows-crlf.lic").newline == "\r\n"
    assert lictool.load(fixtures_dir / "genesys-8x.lic").newline == "\n"


def test_bare_cr_and_mixed_newlines_round_trip():
    for text in ["SERVER a ANY\rUSE_SERVER\r", "SERVER a ANY\r\nUSE_SERVER\n# c\r",
                 "FEATURE f v 1.0 permanent 1 \\\r  SIGN=\"AB \\\r\n  CD\"\r\n"]:
        lf = lictool.parse(text)
        assert not lf.errors, lf.errors
        assert lictool.dumps(lf) == text


def test_no_final_newline_and_empty_file():
    for text in ["", "\n", "  \n\t", "SERVER a ANY", "# only a comment"]:
        assert lictool.dumps(lictool.parse(text)) == text


def test_changed_record_is_canonical_rest_untouched(fixtures_dir):
    lf = lictool.load(fixtures_dir / "genesys-8x.lic")
    idx = next(i for i, r in enumerate(lf.records) if r.kind == "SERVER")
    server = lf.records[idx]
    changed = dataclasses.replace(server, host="lic02.example.com")
    assert changed.raw is None  # an edit drops the original text
    new = dataclasses.replace(lf, records=lf.records[:idx] + (changed,) + lf.records[idx + 1:])
    old_lines = lictool.dumps(lf).splitlines(keepends=True)
    new_lines = lictool.dumps(new).splitlines(keepends=True)
    assert new_lines[server.line - 1] == "SERVER lic02.example.com 0019B9A0B0C0 7260\n"
    assert new_lines[: server.line - 1] == old_lines[: server.line - 1]
    assert new_lines[server.line:] == old_lines[server.line:]


def test_dump_is_atomic_and_keeps_mode(tmp_path, fixtures_dir):
    target = tmp_path / "x.lic"
    target.write_bytes(b"SERVER old ANY\n")
    os.chmod(target, 0o640)
    lictool.dump(lictool.load(fixtures_dir / "client-pointer.lic"), target)
    assert target.read_bytes() == (fixtures_dir / "client-pointer.lic").read_bytes()
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["x.lic"]  # no temporary file left


def test_dump_refuses_unencodable_text_without_touching_the_file(tmp_path, fixtures_dir):
    target = tmp_path / "l.lic"
    target.write_bytes((fixtures_dir / "latin1.lic").read_bytes())
    lf = lictool.load(target)
    c = next(i for i, r in enumerate(lf.records) if r.kind == "COMMENT")
    from lictool.model import Comment

    edited = dataclasses.replace(lf, records=lf.records[:c] + (Comment("# 日本語"),) + lf.records[c + 1:])
    with pytest.raises(lictool.LictoolError, match="latin-1"):
        lictool.dump(edited, target)
    assert target.read_bytes() == (fixtures_dir / "latin1.lic").read_bytes()
