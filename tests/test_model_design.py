"""The shape of the model (issue 15): each record kind in one place, required FEATURE fields,
no writes to frozen records, and no private names imported across modules."""

from __future__ import annotations

import ast
import dataclasses
from pathlib import Path

import pytest

import lictool
from lictool import model_json, writer
from lictool.layout import layout_key
from lictool.model import (Attribute, Blank, Comment, DecimalLine, Decimal_, Feature,
                           KeywordRecord, LineRecord, Opaque, Record, Unparsed)
from lictool.report.parse_text import record_lines
from lictool.syntax.parser import BUILDERS
from lictool.syntax.vocabulary import spec
from lictool.values import count, expiry, version

ROOT = Path(lictool.__file__).resolve().parent

TEXT = """SERVER h1 0123456789ab 27000
VENDOR cdslmd c:\\flexlm\\cdslmd.exe
USE_SERVER
FEATURE f1 cdslmd 1.0 31-dec-2030 5 HOSTID=ANY SIGN="AB CD"
UPGRADE f1 cdslmd 1.0 2.0 permanent uncounted HOSTID=0123456789ab SIGN=EF
PACKAGE p cdslmd 1.0 COMPONENTS="f1 f2:1.0:2"
FEATURESET cdslmd 0123456789ABCDEF
cdslmd-f1-00737-55296-1825
# a comment

BOGUS line
FEATURE broken
"""


def private_imports(root: Path):
    """(module, line, name) of every ``from <lictool module> import _name`` under ``root``."""
    for path in sorted(root.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.ImportFrom):
                continue
            if node.level == 0 and not (node.module or "").startswith("lictool"):
                continue
            for alias in node.names:
                if alias.name.startswith("_") and not alias.name.startswith("__"):
                    yield f"{path.relative_to(root.parent)}:{node.lineno}: {alias.name}"


def test_no_module_imports_a_private_name_from_another():
    found = list(private_imports(ROOT))
    assert not found, "import public names only:\n" + "\n".join(found)


def test_the_private_import_scan_finds_one(tmp_path):
    pkg = tmp_path / "lictool"
    pkg.mkdir()
    (pkg / "a.py").write_text("from .model import _Hidden, Shown\nfrom os import _exit\n"
                              "def f():\n    from lictool.x import _y\n")
    assert list(private_imports(pkg)) == ["lictool/a.py:1: _Hidden", "lictool/a.py:4: _y"]


def test_every_line_kind_of_the_grammar_has_a_builder():
    assert set(BUILDERS) == set(spec().keyword_to_kind.values())


def test_each_record_kind_is_written_shown_and_compared_by_itself():
    lf = lictool.parse(TEXT)
    kinds = [r.kind for r in lf.records]
    assert kinds == ["SERVER", "VENDOR", "USE_SERVER", "FEATURE", "UPGRADE", "PACKAGE",
                     "FEATURESET", "DECIMAL", "COMMENT", "BLANK", "OPAQUE", "UNPARSED"]
    for rec in lf.records:
        # what the writer, the JSON model, lictool parse and the layout key use
        assert writer.tokens(rec) == rec.tokens()
        assert (rec.tokens() is None) == isinstance(rec, LineRecord)
        assert model_json.record(rec)["kind"] == rec.kind
        assert layout_key(rec) == rec.layout_key()
        # a record made again from its fields (no source) is the same record apart from layout
        again = dataclasses.replace(rec)
        assert again.raw is None and again == rec
        assert again.layout_key() == rec.layout_key()
        assert lictool.parse(writer.render(again) + "\n").records[0] == rec
    lines = record_lines("x.lic", lf)
    assert lines[3] == "x.lic:4: FEATURE f1 cdslmd 1.0 expires 2030-12-31 count 5"
    assert lines[2] == "x.lic:3: USE_SERVER"


def test_records_are_read_and_relocated_without_writing_to_a_frozen_record():
    source = (ROOT / "model.py").read_text(encoding="utf-8")
    assert "object.__setattr__" not in source
    lf = lictool.parse(TEXT)
    rec = lf.records[3]
    with pytest.raises(dataclasses.FrozenInstanceError):
        rec.name = "g"  # type: ignore[misc]
    src = lictool.parse("FEATURE f1 cdslmd 1.0 31-dec-2030 5  HOSTID=ANY  SIGN=\"AB CD\"\n"
                        ).records[0].source
    moved = rec.with_source(src)
    assert moved == rec and moved.source is src and rec.source is not src
    assert moved.raw == src.raw
    assert Comment.read(src, text="# x") == Comment("# x")


def test_feature_fields_every_feature_has_are_required():
    with pytest.raises(TypeError):
        Feature(keyword="FEATURE", name="f", vendor="v")  # type: ignore[call-arg]
    f = Feature(keyword="FEATURE", name="f", vendor="v", version=version("1.0"),
                expiry=expiry("permanent"), count=count("uncounted"),
                attributes=(Attribute("HOSTID", "ANY"), Attribute("SIGN", "ab cd")))
    assert f.hostids[0].type == "ANY" and f.hostids is f.hostids   # computed once
    assert [s.hex for s in f.signatures] == ["ABCD"] and f.signatures is f.signatures
    assert Attribute("hostid", "x").name == "HOSTID"


def test_the_old_names_stay_aliases():
    assert Decimal_ is DecimalLine
    assert issubclass(Unparsed, LineRecord) and issubclass(Opaque, LineRecord)
    assert issubclass(Blank, LineRecord) and not issubclass(KeywordRecord, LineRecord)
    assert issubclass(KeywordRecord, Record)


def test_hostids_computed_at_parse_time_are_the_features_own():
    fixtures = sorted((Path(__file__).resolve().parent.parent / "fixtures").rglob("*.lic"))
    assert fixtures
    seen = 0
    for path in fixtures:
        lf = lictool.parse(path.read_text(encoding="utf-8", errors="replace"))
        for rec in lf.records:
            if isinstance(rec, Feature):
                assert "hostids" in vars(rec)                   # given by the parser
                assert rec.hostids == dataclasses.replace(rec).hostids, (path, rec.line)
                seen += 1
    assert seen > 20
