"""Honest results (issue 10, items 7, 14, 15): a line that only looks blank is a finding, not a
crash; one file that cannot be read or checked never stops the others and is never reported as
clean (text, JSON, SARIF, GitHub); a file with no license record is a finding."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import jsonschema
import pytest

import lictool
from entry import run_main
from lictool.lint import lint
from lictool.lint.registry import find

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
SCHEMA = Path(__file__).resolve().parent / "data" / "sarif-schema-2.1.0.json"
GOOD = (FIXTURES / "genesys-8x.lic").read_text()
HEAD = ("SERVER lic01 0019B9A0B0C0 7260\n"
        "VENDOR genesys.d /opt/genesys/flexlm/genesys.d\nUSE_SERVER\n")
FEATURE = ('FEATURE GIS genesys.d 8.1 permanent 2 ISSUED=21-jun-2013 SN=GL81-220517-07 \\\n'
           '  SIGN="9EA4 B6FF 9CD6 F8DF 9B5E 6A3C 4C52 87CA AF3C EDD1"\n')


run = run_main
@pytest.fixture
def work(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return tmp_path


# --------------------------------------------------------------------------------------------
# 7. lines that look blank but are not
# --------------------------------------------------------------------------------------------

BLANKS = [("\u00a0", "utf-8", "U+00A0 NO-BREAK SPACE"),
          ("\u3000", "utf-8", "U+3000 IDEOGRAPHIC SPACE"),
          ("\u2028", "utf-8", "U+2028 LINE SEPARATOR"),
          ("  \u00a0\t", "utf-8", "U+00A0 NO-BREAK SPACE"),
          ("\x85", "latin-1", "U+0085 NEXT LINE (NEL)")]


@pytest.mark.parametrize("blank,encoding,name", BLANKS)
def test_a_line_of_unicode_blanks_is_an_unknown_line_finding(work, capsys, blank, encoding, name):
    text = "# pasted from an e-mail\n" + HEAD + blank + "\n" + FEATURE
    (work / "lic.lic").write_bytes(text.encode(encoding))
    code, out, err = run(capsys, "lint", "lic.lic", "--today", "2026-06-01")
    assert code == 0, err
    assert f"lic.lic:5:1: L002 [warning] the line looks blank but holds {name}" in out
    # the record after it is still read and checked
    lf = lictool.load(work / "lic.lic")
    assert [r.kind for r in lf.records][-1] == "FEATURE"
    assert lictool.dumps(lf).encode(encoding) == text.encode(encoding)


def test_one_bad_file_in_a_directory_does_not_stop_the_others(work, capsys):
    (work / "lics").mkdir()
    (work / "lics" / "a.lic").write_text(HEAD + "\u00a0\n" + FEATURE, encoding="utf-8")
    (work / "lics" / "b.lic").write_bytes(b"SERVER lic01 ANY\x00\n")
    shutil.copy(FIXTURES / "legacy-v2.lic", work / "lics" / "c.lic")   # it has findings
    code, out, err = run(capsys, "lint", "lics", "--today", "2026-06-01", "-f", "json")
    assert code == 2
    by_path = {}
    for f in json.loads(out):
        by_path.setdefault(f["path"], set()).add(f["rule"])
    assert "unknown-line" in by_path["lics/a.lic"]
    assert by_path["lics/b.lic"] == {"unreadable-input"}
    assert "expired" in by_path["lics/c.lic"]             # linted after the bad files
    assert "lics/b.lic:1:17: binary file" in err


def test_a_rule_that_fails_is_reported_and_does_not_stop_the_run(monkeypatch):
    """A bug in one rule: the file gets an unreadable-input finding (not fully checked), the
    other rules' findings are still there, and the run goes on."""
    rule = find("unknown-line")

    def boom(lf, ctx):
        yield from ()
        raise IndexError("list index out of range")

    import dataclasses

    from lictool.lint import registry
    broken = [dataclasses.replace(r, check=boom) if r.name == rule.name else r
              for r in registry.rules()]
    monkeypatch.setattr(registry, "_RULES", broken)
    expired = FEATURE.replace("permanent", "1-jan-2020")
    lf = lictool.parse(HEAD + "REDIRECT acmed lic-backup 27030\n" + expired, "x.lic")
    found = lint(lf, "x.lic")
    crash = [f for f in found if f.rule == "unreadable-input"]
    assert len(crash) == 1 and "unknown-line" in crash[0].message and crash[0].severity == "error"
    assert "IndexError" in crash[0].message
    assert "expired" in {f.rule for f in found}      # the other rules still ran
    # a disable comment does not hide it
    lf2 = lictool.parse("# lictool: disable=all\n" + HEAD + FEATURE, "y.lic")
    assert [f.rule for f in lint(lf2, "y.lic")] == ["unreadable-input"]


# --------------------------------------------------------------------------------------------
# 14. an input that could not be read is never reported as clean
# --------------------------------------------------------------------------------------------

@pytest.fixture
def unreadable(work):
    (work / "bin.lic").write_bytes(b"\x7fELF\x02\x01\x01\x00\x00")
    (work / "empty-dir").mkdir()
    return ["nosuch.lic", "bin.lic", "empty-dir"]


@pytest.mark.parametrize("index", [0, 1, 2])
def test_text_never_says_no_problems_for_an_unreadable_input(unreadable, capsys, index):
    path = unreadable[index]
    code, out, err = run(capsys, "lint", path)
    assert code == 2
    assert "No problems found" not in out and "no problems found" not in out.lower()
    assert f"{path}:" in out and "L005" in out and "could not be read" in out
    assert path in err          # and on standard error, wherever the report goes


def test_text_summary_counts_checked_files_and_unreadable_inputs(unreadable, work, capsys):
    (work / "ok.lic").write_text(GOOD)
    code, out, _ = run(capsys, "lint", "ok.lic", "nosuch.lic", "--today", "2026-06-01",
                       "--ignore", "after-use-server")
    assert code == 2
    assert out.splitlines()[-1] == ("1 input could not be read or checked; no problems in the "
                                    "1 file that was checked.")


def test_json_carries_every_unreadable_input(unreadable, capsys):
    code, out, _ = run(capsys, "lint", "-f", "json", *unreadable)
    assert code == 2
    doc = json.loads(out)
    assert doc != []
    assert {(f["path"], f["code"], f["rule"], f["severity"]) for f in doc} == {
        (p, "L005", "unreadable-input", "error") for p in unreadable}
    msgs = {f["path"]: f["message"] for f in doc}
    assert "NUL" in msgs["bin.lic"] and "no such file" in msgs["nosuch.lic"]
    assert "no license files" in msgs["empty-dir"]


def test_sarif_reports_a_failed_run(unreadable, work, capsys):
    (work / "ok.lic").write_text(GOOD)
    code, out, _ = run(capsys, "lint", "-f", "sarif", "ok.lic", *unreadable)
    assert code == 2
    doc = json.loads(out)
    jsonschema.validate(doc, json.loads(SCHEMA.read_text()))
    (inv,) = doc["runs"][0]["invocations"]
    assert inv["executionSuccessful"] is False
    notes = inv["toolExecutionNotifications"]
    uris = [n["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for n in notes]
    assert sorted(uris) == sorted(unreadable)
    assert all(n["level"] == "error" and n["message"]["text"] for n in notes)
    assert all(r["ruleId"] != "L005" for r in doc["runs"][0]["results"])
    # a clean run says it succeeded
    code, out, _ = run(capsys, "lint", "-f", "sarif", "ok.lic")
    doc = json.loads(out)
    jsonschema.validate(doc, json.loads(SCHEMA.read_text()))
    assert doc["runs"][0]["invocations"] == [{"executionSuccessful": True,
                                              "toolExecutionNotifications": []}]


def test_github_format_and_output_file_carry_the_failure(unreadable, work, capsys):
    code, out, err = run(capsys, "lint", "-f", "github", "nosuch.lic")
    assert code == 2 and out.startswith("::error file=nosuch.lic,")
    code, out, err = run(capsys, "lint", "nosuch.lic", "-o", "report.txt")
    assert code == 2 and "nosuch.lic" in err
    assert "could not be read" in (work / "report.txt").read_text()


def test_check_and_verify_report_an_unreadable_license_file(work, capsys):
    dep = work / "dep.toml"
    dep.write_text('release = "8.1"\n\n[[application]]\nname = "ts"\nproduct = "t-server"\n'
                   'seats = 5\n')
    code, out, _ = run(capsys, "check", "dep.toml", "--license", "nosuch.lic", "-f", "json")
    assert code == 2 and "unreadable-input" in {f["rule"] for f in json.loads(out)}
    assert run(capsys, "keygen", "k")[0] == 0
    code, out, _ = run(capsys, "verify", "nosuch.lic", "--key", "k.pub")
    assert code == 2 and "No problems" not in out and "L005" in out


def test_unreadable_input_cannot_be_ignored(unreadable, capsys):
    code, out, _ = run(capsys, "lint", "-f", "json", "nosuch.lic", "--ignore", "unreadable-input")
    assert code == 2 and json.loads(out)[0]["rule"] == "unreadable-input"


# --------------------------------------------------------------------------------------------
# 15. a file with no license record
# --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text,severity,what", [
    ("", "error", "the file is empty"),
    ("\n\n", "error", "only blank lines"),
    ("#####\n# Genesys License File\n# Order : 8100-220517\n\n", "error", "only comments"),
    ("Dear customer,\nplease find your license file attached.\n", "warning", "is this a license"),
])
def test_a_file_without_license_records_is_a_finding(work, capsys, text, severity, what):
    (work / "lic.lic").write_text(text)
    code, out, _ = run(capsys, "lint", "-f", "json", "lic.lic")
    hits = [f for f in json.loads(out) if f["rule"] == "no-license-records"]
    assert len(hits) == 1, out
    assert hits[0]["code"] == "L004" and hits[0]["severity"] == severity
    assert what in hits[0]["message"]
    assert code == (1 if severity == "error" else 0)
    code, _, _ = run(capsys, "lint", "--strict", "lic.lic")
    assert code == 1          # the pre-commit hook (--strict or not) stops a truncated file


@pytest.mark.parametrize("name", ["client-pointer.lic", "genesys-8x.lic", "legacy-v2.lic",
                                  "broken.lic", "opaque.lic"])
def test_files_with_records_are_not_flagged(name):
    lf = lictool.load(FIXTURES / name)
    assert "no-license-records" not in {f.rule for f in lint(lf, name)}


def test_check_reads_a_license_file_with_a_no_break_space_line(work, capsys):
    (work / "lic.lic").write_text(HEAD + "\u00a0\n" + FEATURE, encoding="utf-8")
    (work / "dep.toml").write_text('release = "8.1"\n\n[[application]]\nname = "ts"\n'
                                   'product = "t-server"\nseats = 5\n')
    code, out, err = run(capsys, "check", "dep.toml", "--license", "lic.lic", "-f", "json",
                         "--today", "2026-06-01")
    assert code in (0, 1), err
    hits = [f for f in json.loads(out) if f["rule"] == "unknown-line"]
    assert [(h["path"], h["line"]) for h in hits] == [("lic.lic", 4)]
