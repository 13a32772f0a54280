"""The format's vocabulary lives in grammars/ and lictool/syntax/ only (issue 15, item 1): no
other module of lictool spells a line keyword as a string of its own; what is licensed, signed,
the month names, the port range and the COMPONENTS= entry come from grammars/flexnet.toml."""

from __future__ import annotations

import ast
from pathlib import Path

from lictool.syntax.vocabulary import spec
from lictool.syntax import kinds

ROOT = Path(__file__).resolve().parent.parent / "lictool"


def test_the_kind_constants_are_the_grammars_keywords():
    assert kinds.KEYWORDS == set(spec().keyword_to_kind)
    for name in kinds.__all__:
        if name != "KEYWORDS":
            assert getattr(kinds, name) == name


def _constants(node):
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        yield node
    elif isinstance(node, (ast.Tuple, ast.List, ast.Set)):
        for elt in node.elts:
            yield from _constants(elt)


def keyword_strings(path: Path):
    """(line, keyword) of every line keyword ``path`` spells as a string to decide something:
    compared with (``rec.keyword == "INCREMENT"``, ``in ("VENDOR", "DAEMON")``), or given as a
    record's ``kind``. (Prose, column headers and ``__all__`` entries are not the vocabulary.)"""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        operands = []
        if isinstance(node, ast.Compare):
            operands = [node.left, *node.comparators]
        elif isinstance(node, ast.Assign) and any(
                isinstance(t, ast.Name) and t.id == "kind" for t in node.targets):
            operands = [node.value]
        for operand in operands:
            for c in _constants(operand):
                if c.value in kinds.KEYWORDS:
                    yield c.lineno, c.value


def test_no_line_keyword_is_spelt_outside_the_syntax_layer():
    found = []
    for path in sorted(ROOT.rglob("*.py")):
        rel = path.relative_to(ROOT)
        if rel.parts[0] == "syntax":
            continue
        found += [f"lictool/{rel}:{line}: {kw!r}" for line, kw in keyword_strings(path)]
    assert not found, "use lictool.syntax.kinds (or the grammar data):\n" + "\n".join(found)


def test_the_scan_finds_a_keyword_string(tmp_path):
    # the check above can fail: a module that compares with "INCREMENT" is found
    bad = tmp_path / "bad.py"
    bad.write_text('def additive(rec):\n    return rec.keyword == "INCREMENT"\n'
                   'def vendor(rec):\n    return rec.keyword in ("VENDOR", "DAEMON")\n'
                   'class Server:\n    kind = "SERVER"\n'
                   'HEADER = ("FEATURE", "SEATS")\n')
    assert sorted(keyword_strings(bad)) == [(2, "INCREMENT"), (4, "DAEMON"), (4, "VENDOR"),
                                            (6, "SERVER")]


def test_licensed_and_signed_lines_come_from_the_grammar():
    from lictool import model, sign

    sp = spec()
    assert sp.licensed_keywords == {"FEATURE", "INCREMENT", "UPGRADE", "PACKAGE"}
    assert model.FEATURE_KINDS == sp.licensed_keywords
    assert sign.SIGNED_KINDS == sp.signed_keywords
    assert sp.month_names[0] == "jan" and len(sp.month_names) == 12
    assert sp.max_port == 65535
    assert sp.component_re.fullmatch("f1:1.0:5").groups() == ("f1", "1.0", "5")


def test_the_parser_takes_the_port_range_and_components_from_the_grammar():
    import lictool

    lf = lictool.parse("SERVER lic01 ANY 65536\n")
    assert "port 65536 is out of range (0-65535)" in lf.errors[0].message
    lf = lictool.parse('PACKAGE suite demo 1.0 COMPONENTS="a:1.0:2 b" SIGN=0\n')
    assert [(c.name, c.count) for c in lf.records[0].components] == [("a", 2), ("b", None)]
