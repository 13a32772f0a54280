"""The product table (``lictool/genesys/products.toml``, read by ``lictool.genesys.products``),
the TOML position locator (``lictool.tomlpos``) and the configuration's line-precise errors
(issue 13, item 15)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from lictool import tomlfile
from lictool.catalogs import GENESYS_VENDOR, load as load_catalogs
from lictool.errors import LictoolError
from lictool.genesys import deployment, products, requirements
from lictool.genesys.model import PRODUCTS
from lictool.lint.config import load_config
from lictool.tomlpos import Locator, parse_key_path

ROOT = Path(__file__).resolve().parent.parent
GUIDE = Path(__file__).resolve().parent / "data" / "genesys-licensing-guide.txt"


# --- the table ------------------------------------------------------------------------------

def test_the_table_is_read_once():
    assert products.table() is products.table()


def test_deployment_and_requirements_both_read_the_table():
    t = products.table()
    assert PRODUCTS == tuple(t.products)
    assert deployment.PRODUCT_KEYS == {name: tuple(p.keys) for name, p in t.products.items()}
    assert requirements.LICENSES == dict(t.licenses)
    assert deployment.COMMON_KEYS == products.COMMON_KEYS


def test_every_license_has_a_section_a_quote_and_needs_of_known_products():
    for lt in products.table().licenses.values():
        assert lt.section and lt.quote and lt.counts, lt.id
        assert lt.needs, lt.id
        for n in lt.needs:
            assert n.product in PRODUCTS and n.quote and n.section, (lt.id, n.line)


def _normal(text: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"[\\*`]", "", text)).strip()


def _in_guide(quote: str, guide: str) -> bool:
    """Each sentence of ``quote`` (" / " between sentences) is in the guide, its parts (" ... "
    leaves words out) in order."""
    for sentence in quote.split(" / "):
        at = 0
        for part in sentence.split(" ... "):
            i = guide.find(_normal(part), at)
            if i < 0:
                return False
            at = i + len(_normal(part))
    return True


def test_every_quote_of_the_table_is_the_guides_word_for_word():
    guide = _normal(GUIDE.read_text(encoding="utf-8"))
    quotes = []
    for lt in products.table().licenses.values():
        quotes.append(lt.quote)
        for n in lt.needs:
            quotes.append(n.quote)
            quotes.extend(n.exempt.values())
            # quoted in a need's words ("{quote}": the need's own, above)
            quotes.extend(q for q in re.findall(r'"(.+?)"', n.text) if "{" not in q)
    for q in quotes:
        assert _in_guide(q, guide), q
    assert not _in_guide("One license per T-Server serving every site", guide)


def test_served_by_and_rules_name_what_exists():
    t = products.table()
    for lt in t.licenses.values():
        assert set(lt.served_by) <= set(t.licenses)
    assert {n.rule for lt in t.licenses.values() for n in lt.needs if n.rule} == \
        set(products.RULES)


BAD = [
    ('[product.x]\nlabel = "X"\n[license.a]\nproduct = "x"\ncounts = "c"\nsection = "s"\n'
     'quote = "q"\n[[license.a.need]]\nproduct = "x"\nunti = "once"\n',
     10, 1, "'license.a.need[0].unti': unknown key (did you mean 'unit'?)"),
    ('[product.x]\nlabel = "X"\nkeys.n = "number"\n[license]\n',
     3, 10, "'product.x.keys.n': expected one of count, flag, not 'number'"),
    ('[product.x]\nlabel = "X"\n[license.a]\nproduct = "y"\ncounts = "c"\nsection = "s"\n'
     'quote = "q"\nneed = [{ product = "x", unit = "once", text = "t" }]\n',
     4, 11, "'license.a.product': expected one of x, not 'y'"),
    ('[product.x]\nlabel = "X"\nkeys.mode = ["a", "b"]\n[license.a]\nproduct = "x"\n'
     'counts = "c"\nsection = "s"\nquote = "q"\n'
     'need = [{ product = "x", unit = "server", text = "t", when = { mode = "c" } }]\n',
     9, 71, "'c' is not a value of x's 'mode'"),
    ('[product.x]\nlabel = "X"\n[license.a]\nproduct = "x"\ncounts = "c"\nsection = "s"\n'
     'quote = "q"\nserved-by = ["b"]\nneed = [{ product = "x", unit = "once", text = "t" }]\n',
     8, 14, "'license.a.served-by[0]': no license type 'b'"),
    ('[product.x]\nlabel = "X"\nkeys.seats = "flag"\n[license.a]\nproduct = "x"\n'
     'counts = "c"\nsection = "s"\nquote = "q"\n'
     'need = [{ product = "x", unit = "key", key = "seats", noun = "n", text = "t" }]\n',
     9, 46, "x has no count key 'seats'"),
]


@pytest.mark.parametrize("text, line, column, message", BAD)
def test_a_bad_table_is_an_error_with_its_line_and_column(tmp_path, text, line, column, message):
    path = tmp_path / "products.toml"
    path.write_text(text)
    with pytest.raises(LictoolError) as info:
        products.load(path)
    err = info.value
    assert (err.path, err.line, err.column) == (str(path), line, column), str(err)
    assert message in err.message and err.message.startswith("product table: ")


# --- one constant for genesys.d, no private names across modules -------------------------------

def test_one_constant_for_the_genesys_vendor_daemon():
    assert GENESYS_VENDOR == "genesys.d"
    assert load_catalogs().vendor(GENESYS_VENDOR) is not None
    for rel in ("lictool/genesys/requirements.py", "lictool/genesys/deployment.py",
                "lictool/genesys/products.py", "lictool/genesys/render.py",
                "lictool/generate.py", "lictool/cli/generate_cmd.py"):
        assert '"genesys.d"' not in (ROOT / rel).read_text(), rel


@pytest.mark.parametrize("rel", ["lictool/genesys/deployment.py", "lictool/genesys/products.py",
                                 "lictool/genesys/requirements.py", "lictool/genesys/render.py",
                                 "lictool/lint/config.py", "lictool/tomlpos.py"])
def test_no_private_name_is_imported_from_another_module(rel):
    tree = ast.parse((ROOT / rel).read_text())
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            assert not [a.name for a in node.names if a.name.startswith("_")], (rel, node.module)


# --- the locator ------------------------------------------------------------------------------

def test_the_locator_finds_keys_values_and_headers():
    text = ('a = 1\n[t]\n"q.k" = { x = [1, 2] }\n[[arr]]\nname = "one"\n[[arr]]\n'
            'name = "two"\n')
    loc = Locator(text)
    assert loc.key(("a",)) == (1, 1) and loc.value(("a",)) == (1, 5)
    assert loc.table(("t",)) == (2, 1)
    assert loc.key(("t", "q.k")) == (3, 1)
    assert loc.value(("t", "q.k", "x", 1)) == (3, 19)
    assert loc.value(("arr", 1, "name")) == (7, 8)
    assert loc.find_key(("nowhere",)) is None and loc.key(("nowhere",)) == (1, 1)
    assert loc.find_key(("t", "q.k", "missing")) == (3, 1)       # the nearest written parent


@pytest.mark.parametrize("parts", [("rules", "count-over-cap", "caps", "genesys.d"),
                                   ("catalogs", 0), ("a", 0, 0, "b"), ("x y", "z\"q")])
def test_parse_key_path_reads_what_key_path_writes(parts):
    assert parse_key_path(tomlfile.key_path(*parts)) == parts


# --- the configuration's errors have the key's line and column --------------------------------------

@pytest.mark.parametrize("name, text, where, key", [
    (".lictool.toml", 'select = ["expired", 3]\n', (1, 22), "'select[1]'"),
    (".lictool.toml", "[rules.expiring-soon]\ndays = -1\n", (2, 8), "'rules.expiring-soon.days'"),
    (".lictool.toml", "[rules.expiring-soon]\ndayz = 3\n", (2, 1), "'rules.expiring-soon.dayz'"),
    (".lictool.toml", '\n\nselct = ["x"]\n', (3, 1), "'selct'"),
    (".lictool.toml", '[feature-names]\n"urs.seats" = 3\n', (2, 15),
     "'feature-names.\"urs.seats\"'"),
    ("pyproject.toml", '[project]\nname = "x"\n[tool.lictool.severity]\nexpired = "fatal"\n',
     (4, 11), "'tool.lictool.severity.expired'"),
    ("pyproject.toml", "[tool]\nlictool = 3\n", (2, 11), "'tool.lictool'"),
])
def test_configuration_errors_name_the_line_and_column(tmp_path, name, text, where, key):
    (tmp_path / name).write_text(text)
    with pytest.raises(LictoolError) as info:
        load_config(None, tmp_path)
    err = info.value
    assert (err.line, err.column) == where, str(err)
    assert f"configuration key {key}: " in err.message          # the text of before
    assert str(err).startswith(f"{tmp_path / name}:{where[0]}:{where[1]}: configuration key ")


def test_a_key_given_on_the_command_line_has_no_position(tmp_path):
    (tmp_path / ".lictool.toml").write_text('\nversion-sort = "lower-first"\n')
    with pytest.raises(LictoolError) as info:
        load_config(None, tmp_path, {"version-sort": "sideways"})
    assert info.value.line is None and info.value.path is None
    assert str(info.value).startswith("--version-sort: expected one of ")  # the flag typed


def test_the_reader_takes_the_new_keys_by_the_table():
    dep = deployment.parse_deployment(
        'release = "7.2"\n[[application]]\nname = "GIM"\nproduct = "info-mart"\n'
        'databases = { call-concentrator = 2, duplicated = true }\n'
        '[[application]]\nname = "TS"\nproduct = "t-server"\nrelease = "7.1"\n'
        'technical-dns = 12\n')
    assert dep.applications[0].keys == {"databases": {"call-concentrator": 2,
                                                      "duplicated": True}}
    assert dep.applications[1].keys == {"technical-dns": 12}
    with pytest.raises(LictoolError) as info:
        deployment.parse_deployment('release = "7.2"\n[[application]]\nname = "GIM"\n'
                                    'product = "info-mart"\ndatabases = { stat-servers = 2 }\n')
    assert (info.value.line, info.value.column) == (5, 15)
    assert "unknown key 'stat-servers' (did you mean 'stat-server'?" in info.value.message
    with pytest.raises(LictoolError, match="callbacks: expected a non-negative integer"):
        deployment.parse_deployment('release = "8.1"\n[[application]]\nname = "U"\n'
                                    'product = "voice-callback-server"\ncallbacks = "many"\n')
