"""The documented Python API for linting (issue 14, item 15): ``lictool.lint(lf, config=...)``
beside ``lictool.load``/``parse``/``merge``, giving the findings ``lictool lint`` reports."""

from __future__ import annotations

import datetime as _dt
import json

import pytest

import lictool
from entry import run_main

DAY = _dt.date(2026, 6, 1)
TEXT = ("# SYNTHETIC TEST DATA\n"
        "SERVER lic01 0019B9A0B0C0 27000\n"
        "VENDOR genesys.d\n"
        "FEATURE tserver_sdn genesys.d 8.1 1-jan-2020 10 SIGN=0\n"
        "FEATURE router_seats genesys.d 8.1 permanent 10 SIGN=0\n"
        "FEATURE router_seats genesys.d 8.1 permanent 10 SIGN=0\n")


def test_lint_a_parsed_file_gives_what_the_command_reports(tmp_path, capsys):
    path = tmp_path / "site.lic"
    path.write_text(TEXT)
    found = lictool.lint(lictool.load(path), today=DAY, path="site.lic")
    assert [f.rule for f in found][:1] == ["expired"]
    assert all(isinstance(f, lictool.Finding) for f in found)
    # the same findings, in the same order, as `lictool lint --format json` of the file
    (tmp_path / ".lictool.toml").write_text("")        # no configuration found above tmp_path
    _, out, _ = run_main(capsys, "lint", str(path), "--today", DAY.isoformat(),
                         "--format", "json")
    assert [(f["code"], f["line"]) for f in json.loads(out)] == \
        [(f.code, f.line) for f in found]


def test_text_is_parsed_and_a_mapping_is_a_configuration():
    found = lictool.lint(TEXT, {"select": ["expired"]}, today=DAY)
    assert [(f.rule, f.line) for f in found] == [("expired", 4)]
    found = lictool.lint(TEXT, {"ignore": ["expired"], "severity": {"duplicate-line": "info"}},
                         today=DAY)
    assert "expired" not in {f.rule for f in found}
    assert {f.severity for f in found if f.rule == "duplicate-line"} == {"info"}


def test_a_configuration_file_by_path(tmp_path):
    cfg = tmp_path / "pyproject.toml"
    cfg.write_text('[tool.lictool]\nselect = ["expired"]\n')
    assert [f.rule for f in lictool.lint(TEXT, cfg, today=DAY)] == ["expired"]
    assert [f.rule for f in lictool.lint(TEXT, str(cfg), today=DAY)] == ["expired"]


def test_a_bad_configuration_raises_a_lictool_error():
    with pytest.raises(lictool.LictoolError, match="unknown rule"):
        lictool.lint(TEXT, {"select": ["no-such-rule"]})
    with pytest.raises(TypeError, match="config"):
        lictool.lint(TEXT, 42)


def test_the_package_stays_a_package_after_it_is_called():
    import lictool.lint.config as config_module

    assert lictool.lint.config is config_module
    assert lictool.lint(TEXT, config_module.Config(), today=DAY)
    assert "lint" in lictool.__all__ and callable(lictool.lint)


def test_suppressions_in_the_file_apply():
    text = TEXT.replace("FEATURE tserver_sdn", "# lictool: disable-next-line=expired\n"
                                               "FEATURE tserver_sdn")
    assert "expired" not in {f.rule for f in lictool.lint(text, today=DAY)}
