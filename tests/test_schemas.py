"""JSON Schemas of every JSON output (issue 14, item 13): shipped in the package
(``lictool/schemas/NAME.json``, :mod:`lictool.schemas`), printed by ``lictool schema NAME``.

Every schema is checked as a draft 2020-12 schema and every one validates real outputs of the
commands on the bundled fixtures, deployments and rule examples (and on hand-made files for the
parts of an output that the fixtures do not reach: an expiry loss, a refused merge, a line that
serves again, ...); the negative tests change a real output the way a regression would and show
that the schema rejects it. SARIF output is validated against the OASIS SARIF 2.1.0 schema
(``tests/data/sarif-schema-2.1.0.json``) where the other tests do not already.
"""

from __future__ import annotations

import copy
import json
import subprocess
import sys
import tomllib
from functools import lru_cache
from importlib import resources
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from entry import RUNNER, run_cli
from lictool import schemas
from lictool.cli.app import app

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
EXAMPLES = ROOT / "lictool" / "lint" / "examples"
DEPLOYMENTS = sorted((FIXTURES / "deployments").glob("*/deployment.toml"))
SARIF_SCHEMA = Path(__file__).resolve().parent / "data" / "sarif-schema-2.1.0.json"
TODAY = "2026-06-01"
NAMES = ("diff", "findings", "merge", "order", "parse", "report", "require")
LICS = sorted(FIXTURES.glob("*.lic"))
#: the rule examples lictool can read (unreadable-input.bad.lic holds private key material)
EXAMPLE_FILES = sorted(p for p in EXAMPLES.glob("*.lic") if p.name != "unreadable-input.bad.lic")

HEAD = ("SERVER lic01 0019B9A0B0C0 7260\n"
        "VENDOR genesys.d /opt/genesys/flexlm/genesys.d\n")


def feature(name, version, expiry, count, sig, *extra, keyword="FEATURE"):
    more = "".join(f" {e}" for e in extra)
    return f'{keyword} {name} genesys.d {version} {expiry} {count}{more} SIGN="{sig} C62A"\n'


@pytest.fixture(autouse=True)
def _at_root(monkeypatch):
    """Paths in the outputs as a user in the repository sees them (fixtures/...)."""
    monkeypatch.chdir(ROOT)


@lru_cache(maxsize=None)
def validator(name: str) -> Draft202012Validator:
    schema = schemas.load(name)
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def problems(name: str, doc) -> list:
    return [f"{'/'.join(map(str, e.absolute_path)) or '(top)'}: {e.message[:300]}"
            for e in sorted(validator(name).iter_errors(doc), key=lambda e: list(map(str, e.path)))]


def assert_valid(name: str, doc, what: str = "") -> None:
    found = problems(name, doc)
    assert not found, f"{what or name}: the output does not follow schemas/{name}.json:\n" + \
        "\n".join(found[:10])


def assert_invalid(name: str, doc) -> None:
    assert problems(name, doc), f"schemas/{name}.json accepts a wrong output"


def output(*args, codes=(0, 1)):
    """The JSON standard output of ``lictool ARGS`` (exit code in ``codes``)."""
    r = run_cli(*args)
    assert r.exit_code in codes, f"lictool {' '.join(map(str, args))}: exit {r.exit_code}\n" \
                                 f"{r.stderr}"
    return json.loads(r.stdout)


def write(path: Path, text: str) -> str:
    path.write_text(text, encoding="utf-8")
    return str(path)


# --------------------------------------------------------------------------------------------
# the schemas themselves
# --------------------------------------------------------------------------------------------

def test_the_package_ships_one_schema_per_json_output():
    assert schemas.names() == NAMES


@pytest.mark.parametrize("name", NAMES)
def test_each_schema_is_a_draft_2020_12_schema_with_an_id_title_and_description(name):
    doc = schemas.load(name)
    Draft202012Validator.check_schema(doc)
    assert doc["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert doc["$id"] == f"https://lictool.dev/schemas/{name}.json"
    assert doc["title"] and "\n" not in doc["title"] and "lictool " in doc["title"]
    assert doc["description"]
    raw = schemas.data(name)
    assert raw == (ROOT / "lictool" / "schemas" / f"{name}.json").read_bytes()
    assert raw.endswith(b"\n") and json.loads(raw) == doc


def test_every_local_reference_resolves():
    for name in NAMES:
        doc = schemas.load(name)
        text = json.dumps(doc)
        for part in text.split('"$ref": "')[1:]:
            target = part.split('"', 1)[0]
            assert target.startswith("#/$defs/"), (name, target)
            assert target[len("#/$defs/"):] in doc["$defs"], (name, target)


def test_the_enums_are_the_codes_lictool_uses():
    from lictool.entitlement import REASONS, VERSION_SORTS
    from lictool.syntax.vocabulary import spec
    from lictool.lint.rule import SEVERITIES

    report = schemas.load("report")["$defs"]
    assert report["reason"]["enum"] == list(REASONS)
    assert report["version_sort"]["enum"] == list(VERSION_SORTS)
    assert schemas.load("diff")["$defs"]["reason"]["enum"] == list(REASONS)
    assert schemas.load("merge")["$defs"]["reason"]["enum"] == list(REASONS)
    finding = schemas.load("findings")["$defs"]["finding"]["properties"]
    assert finding["severity"]["enum"] == list(SEVERITIES)
    parse = schemas.load("parse")["$defs"]
    assert parse["version"]["pattern"] == "^(?:" + spec().terminals["version"]["pattern"] + ")$"
    kinds = set(parse["record"]["properties"]["kind"]["enum"])
    assert kinds == {*spec().keyword_to_kind.values(), "INCREMENT", "DECIMAL", "OPAQUE",
                     "UNPARSED", "COMMENT", "BLANK"}


def test_every_rule_code_and_name_fits_the_findings_schema():
    import re

    from lictool.genesys.check import RULES
    from lictool.lint.registry import rules

    props = schemas.load("findings")["$defs"]["finding"]["properties"]
    for rule in [*rules(), *RULES]:
        assert re.fullmatch(props["code"]["pattern"], rule.code), rule.code
        assert re.fullmatch(props["rule"]["pattern"], rule.name), rule.name
        assert rule.severity in props["severity"]["enum"]


def test_pyproject_ships_the_schemas_as_package_data():
    cfg = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    assert "lictool.schemas" in cfg["packages"]
    assert "*.json" in cfg["package-data"]["lictool.schemas"]
    shipped = {p.name for p in resources.files("lictool.schemas").iterdir()}
    assert {f"{n}.json" for n in NAMES} <= shipped


# --------------------------------------------------------------------------------------------
# lictool schema
# --------------------------------------------------------------------------------------------

def test_schema_without_a_name_lists_every_schema_with_its_title():
    r = run_cli("schema")
    assert r.exit_code == 0, r.stderr
    lines = r.stdout.splitlines()
    assert [ln.split()[0] for ln in lines] == list(NAMES)
    for name, ln in zip(NAMES, lines):
        assert ln.split(None, 1)[1] == schemas.title(name)
    assert run_cli("schema").stdout == r.stdout          # deterministic


@pytest.mark.parametrize("name", NAMES)
def test_schema_name_prints_what_the_package_ships(name):
    r = run_cli("schema", name)
    assert r.exit_code == 0, r.stderr
    assert r.stdout_bytes == resources.files("lictool.schemas").joinpath(f"{name}.json") \
        .read_bytes()
    assert r.stderr == ""


def test_schema_through_the_real_entry_point_prints_the_file_bytes():
    out = subprocess.run([sys.executable, "-m", "lictool", "schema", "findings"],
                         capture_output=True, check=True, cwd=ROOT)
    assert out.stdout == (ROOT / "lictool" / "schemas" / "findings.json").read_bytes()


@pytest.mark.parametrize("name, hint", [
    ("findngs", "; did you mean 'findings'?"),
    ("Report", "; did you mean 'report'?"),
    ("lint", "; the JSON output of lictool lint is findings"),
    ("check", "; the JSON output of lictool check is findings (--format json) or order"),
    ("sarif", "; SARIF output follows the OASIS SARIF 2.1.0 schema"),
    ("../schemas/parse", ""),
    ("parse.json", "; did you mean 'parse'?"),
    ("zzz", ""),
])
def test_an_unknown_schema_exits_2_with_the_names(name, hint):
    r = run_cli("schema", name)
    assert r.exit_code == 2
    assert r.stdout == ""
    expected = (f"lictool schema: unknown schema {name!r} (expected one of "
                f"{', '.join(NAMES)})")
    assert r.stderr.startswith(expected), r.stderr
    assert hint in r.stderr
    if not hint:
        assert r.stderr.strip() == expected


def test_the_library_refuses_a_name_that_is_not_a_schema():
    with pytest.raises(schemas.UnknownSchema):
        schemas.text("../__init__")
    with pytest.raises(schemas.UnknownSchema):
        schemas.load("lint")


# --------------------------------------------------------------------------------------------
# parse
# --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("path", LICS + EXAMPLE_FILES, ids=lambda p: p.name)
def test_parse_json_of_each_file_follows_the_schema(path):
    doc = output("parse", "--format", "json", path.relative_to(ROOT))
    assert isinstance(doc, dict)
    assert_valid("parse", doc, path.name)


def test_parse_json_of_several_files_is_an_array_that_follows_the_schema():
    docs = output("parse", "--format", "json", *(p.relative_to(ROOT) for p in LICS))
    assert isinstance(docs, list) and len(docs) == len(LICS)
    assert_valid("parse", docs)
    kinds = {r["kind"] for d in docs for r in d["records"]}
    # the fixtures hold every kind of record
    assert kinds >= {"FEATURE", "INCREMENT", "UPGRADE", "PACKAGE", "SERVER", "VENDOR",
                     "USE_SERVER", "DECIMAL", "OPAQUE", "UNPARSED", "COMMENT", "BLANK"}, kinds
    assert {d["newline"] for d in docs} == {"LF", "CRLF"}
    assert {d["encoding"] for d in docs} == {"utf-8", "latin-1"}


def test_parse_json_of_standard_input_follows_the_schema():
    r = RUNNER.invoke(app, ["parse", "--format", "json", "-"], prog_name="lictool",
                      input=(FIXTURES / "genesys-8x.lic").read_bytes())
    assert r.exit_code == 0, r.stderr
    doc = json.loads(r.stdout)
    assert_valid("parse", doc)


def test_parse_json_of_the_rarer_records_follows_the_schema(tmp_path):
    text = (HEAD.replace("VENDOR", "DAEMON")
            + "USE_SERVER\n"
            + "FEATURESET genesys.d 0123456789AB\n"
            + 'FEATURE f genesys.d 8.1 31-feb-2026 0 HOSTID="0019B9A0B0C1 ANY" DUP_GROUP=U '
              'DUP_GROUP=H SUPERSEDE SIGN="0001"\n'
            + "PACKAGE suite genesys.d COMPONENTS=\"a b:8.1 c:8.1:2\" OPTIONS=SUITE\n"
            + 'FEATURE g genesys.d 8.1 permanent 4 AUTH={ genesys.d=( SIGN="1234" LK=ABCD ) }\n')
    doc = output("parse", "--format", "json", write(tmp_path / "rare.lic", text))
    assert_valid("parse", doc)
    by_kind = {r["kind"]: r for r in doc["records"]}
    assert by_kind["VENDOR"]["keyword"] == "DAEMON"
    assert {"USE_SERVER", "FEATURESET", "PACKAGE"} <= set(by_kind)
    f = doc["records"][4]
    assert f["expiry"] is None and f["count"] == "uncounted"
    assert isinstance(f["attributes"]["DUP_GROUP"], list) and f["attributes"]["SUPERSEDE"] is True
    assert f["hostids"] and doc["records"][-1]["auth"] and doc["diagnostics"] == []


def test_the_golden_parse_outputs_follow_the_schema():
    goldens = sorted(FIXTURES.glob("*.json"))
    assert goldens
    for path in goldens:
        doc = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(doc, dict) and "records" in doc:
            assert_valid("parse", doc, path.name)


# --------------------------------------------------------------------------------------------
# findings: lint, check, verify
# --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: p.name)
def test_lint_json_of_each_rule_example_follows_the_schema(path):
    assert_valid("findings", output("lint", "--format", "json", "--today", TODAY,
                                    path.relative_to(ROOT)), path.name)


def test_lint_json_of_all_examples_and_fixtures_follows_the_schema():
    found = output("lint", "--format", "json", "--today", TODAY,
                   *(p.relative_to(ROOT) for p in EXAMPLE_FILES + LICS))
    assert_valid("findings", found)
    codes = {f["code"] for f in found}
    assert len(codes) >= 30, sorted(codes)              # most kinds of finding
    assert any("hint" in f for f in found) and any("hint" not in f for f in found)


def test_lint_json_with_an_unreadable_input_follows_the_schema(tmp_path):
    found = output("lint", "--format", "json", "--today", TODAY, FIXTURES / "genesys-8x.lic",
                   tmp_path / "missing.lic", EXAMPLES / "unreadable-input.bad.lic", codes=(2,))
    assert_valid("findings", found)
    assert [f["code"] for f in found].count("L005") == 2


@pytest.mark.parametrize("dep", DEPLOYMENTS, ids=lambda p: p.parent.name)
def test_check_json_follows_the_findings_schema(dep):
    found = output("check", dep.relative_to(ROOT), "--today", TODAY, "--format", "json")
    assert_valid("findings", found, dep.parent.name)
    assert any(f["code"].startswith("C") for f in found)


def test_check_findings_carry_the_numbers_the_schema_describes():
    found = [f for dep in DEPLOYMENTS
             for f in output("check", dep.relative_to(ROOT), "--today", TODAY, "--format", "json")]
    numbered = [f for f in found if f["code"] in ("C001", "C002")]
    assert {f["code"] for f in numbered} == {"C001", "C002"}
    keys = {"have", "need", "shortfall", "feature", "version", "license_server"}
    assert all(keys <= set(f) for f in numbered)
    assert_valid("findings", numbered)


@pytest.mark.parametrize("dep", DEPLOYMENTS, ids=lambda p: p.parent.name)
def test_the_golden_check_and_require_outputs_follow_the_schemas(dep):
    assert_valid("findings", json.loads((dep.parent / "check.json").read_text()), "check.json")
    assert_valid("require", json.loads((dep.parent / "require.json").read_text()),
                 "require.json")


@pytest.fixture
def signed(tmp_path):
    """(a signed copy of genesys-8x.lic, the same with a count changed, the public key)."""
    key = tmp_path / "test-key"
    assert run_cli("keygen", key).exit_code == 0
    good = tmp_path / "good.lic"
    r = run_cli("sign", FIXTURES / "genesys-8x.lic", "--key", key, "-o", good)
    assert r.exit_code == 0, r.stderr
    text = good.read_text(encoding="utf-8")
    assert "8.1 permanent 600 " in text
    bad = tmp_path / "bad.lic"
    bad.write_text(text.replace("8.1 permanent 600 ", "8.1 permanent 900 "), encoding="utf-8")
    return good, bad, Path(f"{key}.pub")


def test_verify_json_follows_the_findings_schema(signed, tmp_path):
    good, bad, pub = signed
    assert output("verify", good, "--key", pub, "--format", "json", codes=(0,)) == []
    found = output("verify", good, bad, tmp_path / "missing.lic", "--key", pub, "--format",
                   "json", codes=(2,))
    assert_valid("findings", found)
    assert {f["code"] for f in found} == {"L801", "L005"}


# --------------------------------------------------------------------------------------------
# check --format order, require
# --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("dep", DEPLOYMENTS, ids=lambda p: p.parent.name)
def test_check_order_follows_the_schema(dep):
    doc = output("check", dep.relative_to(ROOT), "--today", TODAY, "--format", "order")
    assert_valid("order", doc, dep.parent.name)
    assert doc["rows"]


def test_check_order_covers_short_rows_and_unnamed_licenses():
    docs = [output("check", d.relative_to(ROOT), "--today", TODAY, "--format", "order")
            for d in DEPLOYMENTS]
    rows = [r for d in docs for r in d["rows"]]
    assert any(r["shortfall"] > 0 and r["order_version"] for r in rows)
    assert any(r["order_version"] is None for r in rows)
    assert any(d["unnamed"] for d in docs)


@pytest.mark.parametrize("dep", DEPLOYMENTS, ids=lambda p: p.parent.name)
def test_require_json_follows_the_schema(dep):
    reqs = output("require", dep.relative_to(ROOT), "--format", "json", codes=(0,))
    assert_valid("require", reqs, dep.parent.name)
    assert reqs and any(r["shares"] for r in reqs)


def test_require_json_of_the_bundled_deployments_has_unnamed_licenses():
    reqs = [r for d in DEPLOYMENTS
            for r in output("require", d.relative_to(ROOT), "--format", "json", codes=(0,))]
    assert any(r["feature"] is None for r in reqs) and any(r["quote"] for r in reqs)


# higher tiers (served_by), a checkout at another release (ha_redundancy: the Solution Control
# Server's), a quantity the description does not give (unknown)
TIERS = """release = "8.1"

[feature-names]
"ocs.full-seats" = "ocs_full"

[[application]]
name = "OCS"
product = "outbound-contact-server"
seats = 10
dialing = "preview"

[[application]]
name = "UCS"
product = "voice-callback-server"
dialing = "preview"
callbacks = 60

[[application]]
name = "SCS"
product = "solution-control-server"
release = "8.5"

[[application]]
name = "TS"
product = "t-server"
release = "7.6"
redundancy = "warm-standby"
"""


def test_require_check_and_order_of_tiers_releases_and_unknown_quantities(tmp_path):
    dep = write(tmp_path / "dep.toml", TIERS)
    reqs = output("require", dep, "--format", "json", codes=(0,))
    assert_valid("require", reqs)
    assert any(r["served_by"] for r in reqs) and any(r["release"] for r in reqs)
    assert any(r["unknown"] for r in reqs)
    lic = FIXTURES / "genesys-8x.lic"
    order = output("check", dep, "--license", lic, "--today", TODAY, "--format", "order")
    assert_valid("order", order)
    assert any(r["unknown"] for r in order["rows"])
    assert_valid("findings", output("check", dep, "--license", lic, "--today", TODAY,
                                    "--format", "json"))


# --------------------------------------------------------------------------------------------
# report
# --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("path", LICS + EXAMPLE_FILES, ids=lambda p: p.name)
def test_report_json_of_each_file_follows_the_schema(path):
    assert_valid("report", output("report", "--format", "json", "--today", TODAY,
                                  path.relative_to(ROOT), codes=(0,)), path.name)


def test_report_json_of_all_fixtures_with_an_ambiguity_follows_the_schema(tmp_path):
    amb = write(tmp_path / "amb.lic", HEAD + feature("tserver_sdn", "8.1", "permanent", 500, 1)
                + feature("tserver_sdn", "7.6", "permanent", 400, 2))
    for sort in ("higher-first", "lower-first"):
        doc = output("report", "--format", "json", "--today", TODAY, "--version-sort", sort,
                     amb, codes=(0,))
        assert_valid("report", doc)
        assert doc["version_sort"] == sort and doc["ambiguities"]
    doc = output("report", "--format", "json", "--today", TODAY,
                 *(p.relative_to(ROOT) for p in LICS), codes=(0,))
    assert_valid("report", doc)
    assert doc["pools"] and doc["unserved"]
    assert {p["expires"] == "permanent" for p in doc["pools"]} == {True, False}
    assert any(p["package"] for p in doc["pools"]) and any(p["hostids"] for p in doc["pools"])


# --------------------------------------------------------------------------------------------
# diff
# --------------------------------------------------------------------------------------------

OLD = (HEAD
       + feature("tserver_isc", "8.1", "31-dec-2026", 3, "D292")
       + feature("tserver_isc", "8.1", "permanent", 9, "EEEE", "SUPERSEDE ISSUED=1-may-2026")
       + feature("tserver_sdn", "8.1", "permanent", 500, "C317")
       + feature("GIS", "8.1", "permanent", "uncounted", "B077", "HOSTID=0019B9A0B0C1")
       + feature("cnt", "8.1", "permanent", "uncounted", "B078", "HOSTID=0019B9A0B0C1")
       + feature("stale", "8.1", "permanent", 2, "B07A"))
NEW = (HEAD.replace("7260", "27000")
       + feature("tserver_isc", "8.1", "31-dec-2026", 3, "D292")
       + feature("tserver_sdn", "8.1", "30-dec-2026", 600, "C318")
       + feature("tserver_sdn", "7.6", "permanent", 100, "C319")
       + feature("GIS", "8.1", "permanent", "uncounted", "B077", "HOSTID=0019B9A0B0C2")
       + feature("cnt", "8.1", "permanent", 5, "B078", "HOSTID=0019B9A0B0C1")
       + feature("extra", "8.1", "01-jan-2026", 5, "B079")
       + feature("fresh", "8.1", "permanent", 2, "B07B"))


def test_diff_json_of_hand_made_changes_follows_the_schema(tmp_path):
    old, new = write(tmp_path / "old.lic", OLD), write(tmp_path / "new.lic", NEW)
    docs = [output("diff", a, b, "--format", "json", "--today", TODAY, codes=(1,))
            for a, b in ((old, new), (new, old))]
    for doc in docs:
        assert_valid("diff", doc)
    d = docs[0]
    assert not d["same"] and not d["records_same"]
    assert d["pools"]["added"] and d["pools"]["removed"]
    changed = d["pools"]["changed"]
    assert any(c["seats"] and c["seats"]["delta"] is None for c in changed)   # uncounted -> 5
    assert any(c["seats"] and c["seats"]["delta"] for c in changed)
    assert any(c["expires"] and c["latest_expiry"] for c in changed)
    assert any(c["hostids"] for c in changed)
    assert d["unserved"]["new"] and d["unserved"]["gone"]
    assert d["servers"]["changed"]
    assert d["ambiguities"]["added"] and docs[1]["ambiguities"]["removed"]
    assert d["records"]["added"] and d["records"]["removed"]


@pytest.mark.parametrize("old, new", [
    ("genesys-7x.lic", "genesys-8x.lic"), ("genesys-8x.lic", "genesys-triad.lic"),
    ("eda-suite.lic", "sdk-examples.lic"), ("broken.lic", "broken-edits.lic"),
    ("genesys-8x.lic", "genesys-8x.lic"), ("latin1.lic", "windows-crlf.lic"),
])
def test_diff_json_of_fixtures_follows_the_schema(old, new):
    doc = output("diff", f"fixtures/{old}", f"fixtures/{new}", "--format", "json", "--today",
                 TODAY)
    assert_valid("diff", doc, f"{old} -> {new}")


def test_diff_json_of_lists_of_files_follows_the_schema():
    doc = output("diff", "--old", "fixtures/genesys-7x.lic", "--old", "fixtures/eda-suite.lic",
                 "--new", "fixtures/genesys-triad.lic", "--new", "fixtures/eda-suite.lic",
                 "--format", "json", "--today", TODAY)
    assert_valid("diff", doc)
    assert doc["servers"]["added"]
    doc = output("diff", "--new", "fixtures/genesys-7x.lic", "--old", "fixtures/genesys-triad.lic",
                 "--format", "json", "--today", TODAY)
    assert_valid("diff", doc)
    assert doc["servers"]["removed"]


# --------------------------------------------------------------------------------------------
# merge
# --------------------------------------------------------------------------------------------

EXISTING = (HEAD
            + feature("tserver_inc", "8.1", "permanent", 5, "0001", keyword="INCREMENT")
            + feature("tserver_low", "8.1", "permanent", 3, "0002")
            + feature("tserver_sdn", "8.1", "permanent", 5, "0003")
            + feature("tserver_old", "8.1", "01-jan-2026", 5, "0004"))
ISSUED = (HEAD
          + feature("tserver_inc", "8.1", "permanent", 5, "0011", keyword="INCREMENT")
          + feature("tserver_low", "8.1", "permanent", 10, "0012")
          + feature("tserver_sdn", "8.2", "31-dec-2026", 10, "0013")
          + feature("tserver_new", "8.1", "permanent", 7, "0014"))


def test_merge_json_with_every_kind_of_loss_and_change_follows_the_schema(tmp_path):
    e, n = write(tmp_path / "e.lic", EXISTING), write(tmp_path / "n.lic", ISSUED)
    doc = output("merge", e, n, "--check", "--format", "json", "--today", TODAY,
                 "--drop-expired", codes=(0,))
    assert_valid("merge", doc)
    ent = doc["entitlement"]
    assert {x["what"] for x in ent["lost"]} == {"line", "seats", "expiry"}
    assert {c["change"] for c in ent["changes"]} == {"added", "removed", "changed"}
    assert {r["action"] for r in doc["records"]} == {"kept", "added", "dropped"}
    assert any(p.get("rule") == "entitlement-loss" and "merged_line" in p
               for p in doc["conflicts"])
    assert ent["before"] and ent["after"]


def test_merge_json_of_a_refused_merge_follows_the_schema(tmp_path):
    latin = tmp_path / "latin.lic"
    latin.write_bytes(("# Z\u00fcrich\n" + HEAD).encode("latin-1"))
    utf8 = write(tmp_path / "utf8.lic", HEAD + feature("f", "8.1", "permanent", 7, "0014",
                                                       'NOTICE="\u03a9mega"'))
    doc = output("merge", latin, utf8, "--check", "--format", "json")
    assert_valid("merge", doc)
    assert doc["compatible"] is False and doc["entitlement"] is None
    assert "column" in doc["refusals"][0]
    doc = output("merge", "fixtures/genesys-7x.lic", "fixtures/genesys-triad.lic", "--check",
                 "--format", "json")
    assert_valid("merge", doc)
    assert doc["refusals"] and doc["records"] == []


@pytest.mark.parametrize("existing, new", [
    ("genesys-7x.lic", "genesys-8x.lic"), ("broken-quote.lic", "broken.lic"),
    ("genesys-7x.lic", "broken-edits.lic"), ("eda-suite.lic", "sdk-examples.lic"),
    ("genesys-8x.lic", "genesys-8x.lic"),
])
def test_merge_json_of_fixtures_follows_the_schema(existing, new, tmp_path):
    doc = output("merge", f"fixtures/{existing}", f"fixtures/{new}", "-o", tmp_path / "out.lic",
                 "--format", "json", "--today", "2025-06-01", codes=(0, 1))
    assert_valid("merge", doc, f"{existing} + {new}")


# --------------------------------------------------------------------------------------------
# the schemas catch wrong outputs
# --------------------------------------------------------------------------------------------

@lru_cache(maxsize=None)
def _sample(name: str) -> str:
    """A real output (as JSON text) to break in the negative tests."""
    dep = str(DEPLOYMENTS[0].relative_to(ROOT))
    args = {
        "parse": ("parse", "--format", "json", "fixtures/eda-suite.lic"),
        "findings": ("check", dep, "--today", TODAY, "--format", "json"),
        "order": ("check", dep, "--today", TODAY, "--format", "order"),
        "require": ("require", dep, "--format", "json"),
        "report": ("report", "--format", "json", "--today", TODAY, "fixtures/eda-suite.lic",
                   "fixtures/genesys-7x.lic"),
        "diff": ("diff", "fixtures/genesys-7x.lic", "fixtures/genesys-8x.lic", "--format",
                 "json", "--today", TODAY),
        "merge": ("merge", "fixtures/genesys-7x.lic", "fixtures/genesys-8x.lic", "--check",
                  "--format", "json", "--today", "2025-06-01"),
    }[name]
    return json.dumps(output(*args))


def sample(name: str):
    doc = json.loads(_sample(name))
    assert_valid(name, doc, f"the {name} sample")
    return doc


def first(items, test):
    return next(x for x in items if test(x))


def _finding_without_code(d):
    del d[0]["code"]


def _finding_unknown_key(d):
    d[0]["colour"] = "red"


def _finding_bad_severity(d):
    d[0]["severity"] = "fatal"


def _finding_line_zero(d):
    d[0]["line"] = 0


def _shortfall_without_numbers(d):
    f = first(d, lambda f: f["code"] in ("C001", "C002"))
    for k in ("have", "need", "shortfall", "feature", "version", "license_server"):
        del f[k]


def _have_without_need(d):
    f = first(d, lambda f: "need" in f)
    del f["need"]


def _shortfall_bad_version(d):
    first(d, lambda f: f["code"] in ("C001", "C002"))["version"] = "8.1"


def _finding_bad_code(d):
    d[0]["code"] = "X1"


def _findings_not_an_array(d):
    d.clear()
    d.append({"findings": []})


def _record_unknown_key(d):
    first(d["records"], lambda r: r["kind"] == "FEATURE")["colour"] = "red"


def _feature_with_from_version(d):
    first(d["records"], lambda r: r["kind"] == "FEATURE")["from_version"] = "1.0"


def _upgrade_without_from_version(d):
    del first(d["records"], lambda r: r["kind"] == "UPGRADE")["from_version"]


def _keyword_not_its_kind(d):
    first(d["records"], lambda r: r["kind"] == "FEATURE")["keyword"] = "INCREMENT"


def _count_zero(d):
    first(d["records"], lambda r: r["kind"] == "FEATURE")["count"] = 0


def _bad_expiry(d):
    first(d["records"], lambda r: r["kind"] == "FEATURE")["expiry"] = "31-dec-2026"


def _bad_newline(d):
    d["newline"] = "\n"


def _unknown_kind(d):
    d["records"][0]["kind"] = "NOTE"


def _attribute_null(d):
    first(d["records"], lambda r: r["kind"] == "FEATURE")["attributes"]["X"] = None


def _server_without_host(d):
    del first(d["records"], lambda r: r["kind"] == "SERVER")["host"]


def _row_without_shortfall(d):
    del d["rows"][0]["shortfall"]


def _row_bad_version(d):
    d["rows"][0]["version"] = "8.1"


def _order_unknown_top_key(d):
    d["total"] = 3


def _require_zero_instances(d):
    first(d, lambda r: r["shares"])["shares"][0]["instances"] = 0


def _require_quantity_text(d):
    d[0]["quantity"] = "250"


def _report_bad_reason(d):
    d["unserved"][0]["reason"] = "tired"


def _report_permanent_with_days(d):
    first(d["pools"], lambda p: p["expires"] == "permanent")["days_left"] = 3


def _report_dated_without_days(d):
    first(d["pools"], lambda p: p["expires"] != "permanent")["days_left"] = None


def _report_bad_date(d):
    d["today"] = "2026-13-45"


def _report_no_lines(d):
    d["pools"][0]["lines"] = []


def _diff_without_same(d):
    del d["same"]


def _diff_bad_before(d):
    d["unserved"]["new"].append({"path": "a", "line": 1, "vendor": "v", "feature": "f",
                                 "reason": "expired", "message": "m", "text": "t",
                                 "before": "sometimes"})


def _diff_pool_without_pooled_by(d):
    pools = d["pools"]
    pool = (pools["added"] + pools["removed"] + [c["new"] for c in pools["changed"]])[0]
    del pool["pooled_by"]


def _merge_bad_action(d):
    d["records"][0]["action"] = "moved"


def _merge_summary_key(d):
    d["summary"]["merged"] = 1


def _merge_line_loss_with_expires(d):
    loss = first(d["entitlement"]["lost"], lambda x: x["what"] == "line")
    loss["expires"] = {"before": "permanent", "after": "2026-01-01"}


def _merge_change_added_with_old(d):
    c = first(d["entitlement"]["changes"], lambda c: c["change"] == "added")
    c["old"] = c["new"]


BREAKS = {
    "findings": [_finding_without_code, _finding_unknown_key, _finding_bad_severity,
                 _finding_line_zero, _shortfall_without_numbers, _have_without_need,
                 _shortfall_bad_version, _finding_bad_code, _findings_not_an_array],
    "parse": [_record_unknown_key, _feature_with_from_version, _upgrade_without_from_version,
              _keyword_not_its_kind, _count_zero, _bad_expiry, _bad_newline, _unknown_kind,
              _attribute_null, _server_without_host],
    "order": [_row_without_shortfall, _row_bad_version, _order_unknown_top_key],
    "require": [_require_zero_instances, _require_quantity_text],
    "report": [_report_bad_reason, _report_permanent_with_days, _report_dated_without_days,
               _report_bad_date, _report_no_lines],
    "diff": [_diff_without_same, _diff_bad_before, _diff_pool_without_pooled_by],
    "merge": [_merge_bad_action, _merge_summary_key, _merge_line_loss_with_expires,
              _merge_change_added_with_old],
}


@pytest.mark.parametrize("name, brk", [(n, b) for n, bs in BREAKS.items() for b in bs],
                         ids=lambda x: x if isinstance(x, str) else x.__name__.strip("_"))
def test_the_schema_rejects_a_wrong_output(name, brk):
    doc = sample(name)
    broken = copy.deepcopy(doc)
    brk(broken)
    assert broken != doc
    assert_invalid(name, broken)


def test_the_negative_tests_reach_every_schema():
    assert set(BREAKS) == set(NAMES)


# --------------------------------------------------------------------------------------------
# SARIF (tests/test_honest_results.py validates a failed and a clean lint run, and
# tests/test_check_engine.py a hand-made check: here, the examples, the bundled deployments and
# verify)
# --------------------------------------------------------------------------------------------

@lru_cache(maxsize=1)
def sarif_validator():
    from jsonschema.validators import validator_for

    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    cls = validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def assert_sarif(doc, what):
    errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message[:200]}"
              for e in sarif_validator().iter_errors(doc)]
    assert not errors, f"{what}: not SARIF 2.1.0:\n" + "\n".join(errors[:10])


def test_lint_sarif_of_every_rule_example_follows_the_sarif_schema():
    doc = output("lint", "--format", "sarif", "--today", TODAY,
                 *(p.relative_to(ROOT) for p in EXAMPLE_FILES + LICS))
    assert_sarif(doc, "lint --format sarif")
    results = doc["runs"][0]["results"]
    assert len({r["ruleId"] for r in results}) >= 30
    assert {r["level"] for r in results} == {"error", "warning", "note"}


@pytest.mark.parametrize("dep", DEPLOYMENTS, ids=lambda p: p.parent.name)
def test_check_sarif_of_the_bundled_deployments_follows_the_sarif_schema(dep):
    doc = output("check", dep.relative_to(ROOT), "--today", TODAY, "--format", "sarif")
    assert_sarif(doc, f"check {dep.parent.name} --format sarif")
    assert any(r["ruleId"].startswith("C") for r in doc["runs"][0]["results"])


def test_verify_sarif_follows_the_sarif_schema(signed, tmp_path):
    good, bad, pub = signed
    doc = output("verify", good, bad, tmp_path / "missing.lic", "--key", pub, "--format",
                 "sarif", codes=(2,))
    assert_sarif(doc, "verify --format sarif")
    run = doc["runs"][0]
    assert {r["ruleId"] for r in run["results"]} == {"L801"}
    assert run["invocations"][0]["executionSuccessful"] is False
