"""Unit tests of the date rules (L101-L104) and the duplicate / ordering rules (L201-L206).

Each test calls the rule's ``check`` directly on parsed text with a fixed reference date
(1 June 2026), so the tests do not depend on the engine, the registry or the clock.
"""

from __future__ import annotations

import datetime
import importlib
from pathlib import Path

import pytest

import lictool
from lictool.lint.rule import Context
from lictool.lint.registry import module_name
from lictool.lint.rules.dates import bad_date, expired, expiring_soon, start_in_future
from lictool.lint.rules.duplicates import (
    duplicate_feature,
    duplicate_line,
    feature_after_increment,
    package_without_enabling_line,
    superseded,
    upgrade_without_base,
)

TODAY = datetime.date(2026, 6, 1)
EXAMPLES = Path(lictool.__file__).resolve().parent / "lint" / "examples"

GEN = """\
SERVER lic01 0019B9A0B0C0 7260
VENDOR genesys.d /opt/genesys/flexlm/genesys.d PORT=7261
"""
EDA = """\
SERVER edalic01 3C4A92D1E5F0 27020
VENDOR acmed /opt/acme/bin/acmed PORT=27021
"""

RULES = {
    "expired": (expired, "L101", "error"),
    "expiring-soon": (expiring_soon, "L102", "warning"),
    "bad-date": (bad_date, "L103", "error"),
    "start-in-future": (start_in_future, "L104", "warning"),
    "duplicate-line": (duplicate_line, "L201", "warning"),
    "duplicate-feature": (duplicate_feature, "L202", "warning"),
    "feature-after-increment": (feature_after_increment, "L203", "warning"),
    "superseded": (superseded, "L204", "info"),
    "upgrade-without-base": (upgrade_without_base, "L205", "warning"),
    "package-without-enabling-line": (package_without_enabling_line, "L206", "warning"),
}


def run(mod, text, today=TODAY, **options):
    lf = lictool.parse(text)
    assert not lf.errors, lf.errors
    ctx = Context(rule=mod.RULE, path="t.lic", today=today,
                  options={**mod.RULE.options, **options})
    return list(mod.RULE.check(lf, ctx))


def run_with(mod, text, settings, today=TODAY):
    """``run`` with engine-wide settings (``version-sort``)."""
    lf = lictool.parse(text)
    ctx = Context(rule=mod.RULE, path="t.lic", today=today, options=dict(mod.RULE.options),
                  settings=settings)
    return list(mod.RULE.check(lf, ctx))


def col(text: str, line: int, needle: str) -> int:
    """1-based column of ``needle`` on physical line ``line`` of ``text``."""
    physical = text.split("\n")[line - 1]
    assert needle in physical, (needle, physical)
    return physical.index(needle) + 1


def pos(f):
    return (f.line, f.column, f.end_line, f.end_column)


# ---------------------------------------------------------------------------------------------
# The rule modules themselves
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(RULES))
def test_rule_shape(name):
    mod, code, severity = RULES[name]
    assert mod.__name__ == module_name(code, name.replace("-", "_"))
    rule = mod.RULE
    assert (rule.code, rule.name, rule.severity) == (code, name, severity)
    # the module's shape: tests/test_lint_engine.py, for every rule
    source = mod.DOC.split("## Source", 1)[1]
    assert "grammars/flexnet-format.md" in source or "Guide" in source


@pytest.mark.parametrize("name", sorted(RULES))
def test_examples(name):
    mod, code, _ = RULES[name]
    bad = (EXAMPLES / f"{name}.bad.lic").read_text()
    good = (EXAMPLES / f"{name}.good.lic").read_text()
    for text in (bad, good):
        assert text.startswith("# "), "a comment header says what the example shows"
        assert 5 <= text.count("\n") <= 20
        assert not lictool.parse(text).diagnostics
    findings = run(mod, bad)
    assert findings and all(f.code == code for f in findings)
    for other, _, _ in RULES.values():
        assert run(other, good) == [], other.RULE.name


def test_expiring_soon_option_default():
    assert dict(expiring_soon.RULE.options) == {"days": 30}
    for name, (mod, _, _) in RULES.items():
        if mod is not expiring_soon:
            assert dict(mod.RULE.options) == {}, name


# ---------------------------------------------------------------------------------------------
# L101 expired
# ---------------------------------------------------------------------------------------------

EXPIRED = GEN + """\
FEATURE tserver_sdn genesys.d 8.1 31-jan-2025 600 ISSUED=10-mar-2024 SIGN="1A2B 3C4D"
INCREMENT tserver_sdn genesys.d 8.1 31-May-2026 50 SIGN="1A2B 3C4E"
FEATURE cti_ha_option genesys.d 8.1 1-jun-2026 3 SIGN="1A2B 3C4F"
UPGRADE tserver_sdn genesys.d 7.6 8.1 31-DEC-2025 \\
  10 SIGN="1A2B 3C50"
FEATURE MLSNMP genesys.d 8.1 permanent 1 SIGN="1A2B 3C51"
FEATURE ha_redundancy genesys.d 8.1 1-jan-0 1 SIGN="1A2B 3C52"
FEATURE vcb_full genesys.d 8.1 01-jan-0000 1 SIGN="1A2B 3C53"
FEATURE vcb_preview genesys.d 8.1 1-jan-00 1 SIGN="1A2B 3C54"
FEATURE GIS genesys.d 8.1 31-feb-2025 1 SIGN="1A2B 3C55"
PACKAGE suite genesys.d 8.1 COMPONENTS="GIS" ISSUED=1-jan-2020 SIGN="1A2B 3C56"
"""


def test_expired_messages_and_positions():
    found = run(expired, EXPIRED)
    none = ": it serves nothing; nothing else in the file serves 'tserver_sdn'"
    assert [f.message for f in found] == [
        "FEATURE 'tserver_sdn' expired on 2025-01-31 (486 days ago)" + none,
        "INCREMENT 'tserver_sdn' expired on 2026-05-31 (1 day ago)" + none,
        "UPGRADE 'tserver_sdn' expired on 2025-12-31 (152 days ago)" + none,
    ]
    assert pos(found[0]) == (3, 35, 3, 46)
    assert pos(found[0]) == (3, col(EXPIRED, 3, "31-jan"), 3, col(EXPIRED, 3, " 600"))
    assert pos(found[1]) == (4, col(EXPIRED, 4, "31-May"), 4, col(EXPIRED, 4, "31-May") + 11)
    assert pos(found[2]) == (6, col(EXPIRED, 6, "31-DEC"), 6, col(EXPIRED, 6, "31-DEC") + 11)
    f = found[0]
    assert (f.code, f.rule, f.severity, f.path) == ("L101", "expired", "error", "t.lic")
    assert "renew" in f.hint and "remove" in f.hint


def test_expired_today_is_not_expired():
    # 1-jun-2026 is the reference date itself: still usable, not reported.
    assert not any("cti_ha_option" in f.message for f in run(expired, EXPIRED))
    later = run(expired, EXPIRED, today=datetime.date(2026, 6, 2))
    assert [(f.line, f.message) for f in later if "cti_ha_option" in f.message] == [
        (5, "FEATURE 'cti_ha_option' expired on 2026-06-01 (1 day ago): it serves nothing; "
            "nothing else in the file serves 'cti_ha_option'")]


def test_expired_says_what_the_file_still_serves():
    # the engine's answer: the expired INCREMENT leaves the FEATURE line's 600 seats
    text = GEN + """\
FEATURE tserver_sdn genesys.d 8.1 permanent 600 SIGN="1A2B 3C4D"
INCREMENT tserver_sdn genesys.d 8.1 31-May-2026 50 SIGN="1A2B 3C4E"
INCREMENT tserver_sdn genesys.d 8.1 31-dec-2026 25 SIGN="1A2B 3C4F"
"""
    [f] = run(expired, text)
    assert f.line == 4
    assert f.message.endswith("the file still serves 'tserver_sdn' from other lines: 625 seats "
                              "of 8.1")


def test_expired_skips_permanent_impossible_and_packages():
    found = run(expired, EXPIRED, today=datetime.date(2100, 1, 1))
    names = {f.message.split("'")[1] for f in found}
    assert names == {"tserver_sdn", "cti_ha_option"}
    assert len(found) == 4


def test_expired_nothing_before_the_dates():
    assert run(expired, EXPIRED, today=datetime.date(2025, 1, 31)) == []


# ---------------------------------------------------------------------------------------------
# L102 expiring-soon
# ---------------------------------------------------------------------------------------------

SOON = GEN + """\
FEATURE tserver_sdn genesys.d 8.1 1-jun-2026 600 SIGN="1A2B 3C4D"
INCREMENT tserver_sdn genesys.d 8.1 2-Jun-2026 50 SIGN="1A2B 3C4E"
FEATURE cti_ha_option genesys.d 8.1 1-jul-2026 3 SIGN="1A2B 3C4F"
FEATURE router_ha_option genesys.d 8.1 2-jul-2026 1 SIGN="1A2B 3C50"
FEATURE MLSNMP genesys.d 8.1 31-may-2026 1 SIGN="1A2B 3C51"
FEATURE ha_redundancy genesys.d 8.1 permanent 1 SIGN="1A2B 3C52"
FEATURE vcb_full genesys.d 8.1 1-jan-0 1 SIGN="1A2B 3C53"
UPGRADE tserver_sdn genesys.d 7.6 8.1 \\
  8-jun-2026 10 SIGN="1A2B 3C54"
"""


def test_expiring_soon_default_window():
    found = run(expiring_soon, SOON)
    assert [f.message for f in found] == [
        "FEATURE 'tserver_sdn' expires today (2026-06-01)",
        "INCREMENT 'tserver_sdn' expires on 2026-06-02 (in 1 day)",
        "FEATURE 'cti_ha_option' expires on 2026-07-01 (in 30 days)",
        "UPGRADE 'tserver_sdn' expires on 2026-06-08 (in 7 days)",
    ]
    assert pos(found[0]) == (3, 35, 3, 45)
    assert pos(found[2]) == (5, col(SOON, 5, "1-jul"), 5, col(SOON, 5, "1-jul") + 10)
    assert pos(found[3]) == (11, 3, 11, 13)  # the expiry is on the continuation line
    assert found[0].severity == "warning" and found[0].code == "L102"
    assert "renewal" in found[0].hint


def test_expiring_soon_days_option():
    found = run(expiring_soon, SOON, days=7)
    assert [f.line for f in found] == [3, 4, 11]
    found = run(expiring_soon, SOON, days=6)
    assert [f.line for f in found] == [3, 4]
    found = run(expiring_soon, SOON, days=0)
    assert [f.line for f in found] == [3]
    found = run(expiring_soon, SOON, days=31)
    assert [f.line for f in found] == [3, 4, 5, 6, 11]


def test_expiring_soon_skips_expired_and_permanent():
    found = run(expiring_soon, SOON, days=100000)
    assert not any("MLSNMP" in f.message or "ha_redundancy" in f.message
                   or "vcb_full" in f.message for f in found)
    assert len(found) == 5


# ---------------------------------------------------------------------------------------------
# L103 bad-date
# ---------------------------------------------------------------------------------------------

BAD_DATES = GEN + """\
FEATURE tserver_sdn genesys.d 8.1 31-feb-2025 600 SIGN="1A2B 3C4D"
FEATURE cti_ha_option genesys.d 8.1 31-foo-2024 3 SIGN="1A2B 3C4E"
INCREMENT tserver_sdn genesys.d 8.1 permanent 50 ISSUED=29-feb-2023 \\
  start=1-jan-0 SIGN="1A2B 3C4F"
FEATURE MLSNMP genesys.d 8.1 1-jan-0 1 ISSUED=29-feb-2024 START=29-Feb-96 SIGN="1A2B 3C50"
FEATURE ha_redundancy genesys.d 8.1 31-DEC-2027 1 ISSUED=2024-06-01 START=0-jan-2026 \\
  SIGN="1A2B 3C51"
PACKAGE suite genesys.d 8.1 COMPONENTS="GIS" SUPERSEDE ISSUED=31-jun-2026 SIGN="1A2B 3C52"
UPGRADE tserver_sdn genesys.d 7.6 8.1 29-feb-23 10 SIGN="1A2B 3C53"
"""


def test_bad_date_messages():
    found = run(bad_date, BAD_DATES)
    assert [f.message for f in found] == [
        "FEATURE 'tserver_sdn' has an impossible expiry date '31-feb-2025': "
        "February 2025 has 28 days",
        "FEATURE 'cti_ha_option' has an impossible expiry date '31-foo-2024': "
        "'foo' is not a month (jan, feb, ..., dec)",
        "INCREMENT 'tserver_sdn' has an impossible ISSUED= date '29-feb-2023': "
        "February 2023 has 28 days",
        "INCREMENT 'tserver_sdn' has an impossible start= date '1-jan-0': "
        "a year of 0 means 'permanent' in the expiry field only; it is not a date",
        "FEATURE 'ha_redundancy' has an impossible ISSUED= date '2024-06-01': "
        "it is not a dd-mmm-yyyy date (the month is written jan, feb, ..., dec)",
        "FEATURE 'ha_redundancy' has an impossible START= date '0-jan-2026': "
        "there is no day 0",
        "PACKAGE 'suite' has an impossible ISSUED= date '31-jun-2026': June 2026 has 30 days",
        "UPGRADE 'tserver_sdn' has an impossible expiry date '29-feb-23': "
        "February 2023 has 28 days",
    ]
    assert all(f.code == "L103" and f.severity == "error" for f in found)
    assert "reissue" in found[0].hint


def test_bad_date_positions():
    found = run(bad_date, BAD_DATES)
    # the expiry field
    assert pos(found[0]) == (3, 35, 3, 46)
    assert pos(found[1]) == (4, col(BAD_DATES, 4, "31-foo"), 4, col(BAD_DATES, 4, "31-foo") + 11)
    # the whole KEY=value attribute, also on a continuation line
    c = col(BAD_DATES, 5, "ISSUED=")
    assert pos(found[2]) == (5, c, 5, c + len("ISSUED=29-feb-2023"))
    assert pos(found[3]) == (6, 3, 6, 3 + len("start=1-jan-0"))
    c = col(BAD_DATES, 10, "ISSUED=")
    assert pos(found[6]) == (10, c, 10, c + len("ISSUED=31-jun-2026"))


def test_bad_date_accepts_real_dates_and_permanent_expiry():
    # 29-feb-2024 and 29-Feb-96 (1996) are leap days; 1-jan-0 is permanent as an expiry.
    found = run(bad_date, BAD_DATES)
    assert not any("MLSNMP" in f.message for f in found)
    good = GEN + ('FEATURE tserver_sdn genesys.d 8.1 28-FEB-2027 600 ISSUED=1-Jun-2026 '
                  'START=01-jan-2026 SIGN="1A2B 3C4D"\n'
                  'FEATURE cti_ha_option genesys.d 8.1 01-jan-0000 3 SIGN="1A2B 3C4E"\n')
    assert run(bad_date, good) == []


# ---------------------------------------------------------------------------------------------
# L104 start-in-future
# ---------------------------------------------------------------------------------------------

STARTS = GEN + """\
FEATURE tserver_sdn genesys.d 8.1 permanent 600 ISSUED=20-may-2026 START=1-jun-2026 \\
  SIGN="1A2B 3C4D"
INCREMENT tserver_sdn genesys.d 8.1 permanent 50 ISSUED=20-may-2026 START=2-JUN-2026 \\
  SIGN="1A2B 3C4E"
FEATURE cti_ha_option genesys.d 8.1 31-dec-2027 3 ISSUED=20-may-2026 \\
  start=1-jul-2026 SIGN="1A2B 3C4F"
FEATURE MLSNMP genesys.d 8.1 permanent 1 START=31-may-2026 SIGN="1A2B 3C50"
FEATURE ha_redundancy genesys.d 8.1 permanent 1 START=31-jun-2026 SIGN="1A2B 3C51"
FEATURE vcb_full genesys.d 8.1 permanent 1 ISSUED=1-jan-2027 SIGN="1A2B 3C52"
PACKAGE suite genesys.d 8.1 COMPONENTS="GIS" START=1-jan-2027 SIGN="1A2B 3C53"
"""


def test_start_in_future():
    found = run(start_in_future, STARTS)
    assert [f.message for f in found] == [
        "INCREMENT 'tserver_sdn' starts on 2026-06-02 (in 1 day); it cannot be used before then",
        "FEATURE 'cti_ha_option' starts on 2026-07-01 (in 30 days); it cannot be used before then",
        "PACKAGE 'suite' starts on 2027-01-01 (in 214 days); it cannot be used before then",
    ]
    c = col(STARTS, 5, "START=")
    assert pos(found[0]) == (5, c, 5, c + len("START=2-JUN-2026"))
    assert pos(found[1]) == (8, 3, 8, 3 + len("start=1-jul-2026"))
    assert found[0].severity == "warning" and found[0].code == "L104"


def test_start_today_past_impossible_and_issued_are_not_reported():
    found = run(start_in_future, STARTS)
    assert not any(name in f.message for f in found
                   for name in ("FEATURE 'tserver_sdn'", "MLSNMP", "ha_redundancy", "vcb_full"))
    assert run(start_in_future, STARTS, today=datetime.date(2027, 1, 1)) == []


# ---------------------------------------------------------------------------------------------
# L201 duplicate-line
# ---------------------------------------------------------------------------------------------

DUP_LINES = """\
SERVER lic01 0019B9A0B0C0 7260
VENDOR genesys.d /opt/genesys/flexlm/genesys.d PORT=7261
VENDOR genesys.d /opt/genesys/flexlm/genesys.d PORT=7261
USE_SERVER
# a comment
# a comment
INCREMENT tserver_sdn genesys.d 8.1 permanent 200 ISSUED=20-apr-2026 SN=GL81-01 \\
  SIGN="4DCC 0743 576F BB60"
increment   tserver_sdn genesys.d 8.1 permanent 200 issued=20-apr-2026 \\
\tSN="GL81-01" sign="4dcc0743 576fbb60"
INCREMENT tserver_sdn genesys.d 8.1 permanent 200 SN=GL81-01 ISSUED=20-apr-2026 \\
  SIGN="4DCC 0743 576F BB60"
INCREMENT tserver_sdn genesys.d 8.1 permanent 200 ISSUED=20-apr-2026 SN=gl81-01 \\
  SIGN="4DCC 0743 576F BB60"
SERVER lic01 0019B9A0B0C0 7260
USE_SERVER
INCREMENT tserver_sdn genesys.d 8.1 permanent 200 ISSUED=20-apr-2026 SN=GL81-01 SIGN="4DCC \\
  0743 576F BB60"
"""


def test_duplicate_line():
    found = run(duplicate_line, DUP_LINES)
    assert [(f.line, f.message) for f in found] == [
        (9, "INCREMENT 'tserver_sdn' repeats line 7 (the same record apart from layout)"),
        (15, "SERVER 'lic01' repeats line 1 (the same record apart from layout)"),
        (16, "USE_SERVER repeats line 4 (the same record apart from layout)"),
        (17, "INCREMENT 'tserver_sdn' repeats line 7 (the same record apart from layout)"),
    ]
    assert pos(found[0]) == (9, 1, 10, len('\tSN="GL81-01" sign="4dcc0743 576fbb60"') + 1)
    assert pos(found[3]) == (17, 1, 18, len('  0743 576F BB60"') + 1)
    assert found[0].code == "L201" and found[0].severity == "warning"
    assert found[0].hint


def test_duplicate_line_attribute_order_and_value_case_count():
    # lines 11 (other attribute order) and 13 (SN in lower case) are not repeats; VENDOR lines
    # are left to duplicate-vendor and comments are not records with a keyword.
    lines = {f.line for f in run(duplicate_line, DUP_LINES)}
    assert not lines & {3, 6, 11, 13}


# ---------------------------------------------------------------------------------------------
# L202 duplicate-feature
# ---------------------------------------------------------------------------------------------

DUP_FEATURES = GEN + """\
FEATURE tserver_sdn genesys.d 8.1 permanent uncounted HOSTID=0019B9A0B0C1 SIGN="1A2B 0001"
FEATURE tserver_sdn genesys.d 8.1 permanent 600 SN=A SIGN="1A2B 0002"
INCREMENT tserver_sdn genesys.d 8.1 permanent 200 SN=B SIGN="1A2B 0003"
FEATURE tserver_sdn genesys.d 8.1 permanent 200 SN=C SIGN="1A2B 0004"
feature tserver_sdn genesys.d 8.1 permanent 600 SN=A SIGN="1a2b0002"
FEATURE TSERVER_SDN genesys.d 8.1 permanent 5 SIGN="1A2B 0005"
FEATURE tserver_sdn acmed 8.1 permanent 5 SIGN="1A2B 0006"
FEATURE tserver_sdn genesys.d 8.1 permanent 0 HOSTID=0019B9A0B0C2 SIGN="1A2B 0007"
FEATURE tserver_sdn genesys.d 8.1 permanent 1 SN=D \\
  SIGN="1A2B 0008"
FEATURE tserver_sdn genesys.d 8.1 permanent 200 SN=C SIGN="1A2B 0004"
"""


def test_duplicate_feature():
    found = run(duplicate_feature, DUP_FEATURES)
    assert [(f.line, f.message) for f in found] == [
        (6, "FEATURE 'tserver_sdn' (version 8.1, 200 licenses) is ignored: the license server "
            "processes only the first counted FEATURE line of a feature, line 4 (version 8.1, "
            "600 licenses); the 200 licenses here do not add to it"),
        (11, "FEATURE 'tserver_sdn' (version 8.1, 1 license) is ignored: the license server "
             "processes only the first counted FEATURE line of a feature, line 4 (version 8.1, "
             "600 licenses); the 1 license here do not add to it"),
    ]
    assert pos(found[1]) == (11, 1, 12, len('  SIGN="1A2B 0008"') + 1)
    assert "INCREMENT" in found[0].hint
    assert found[0].code == "L202" and found[0].severity == "warning"


def test_duplicate_feature_skips_copies_uncounted_other_names_and_vendors():
    # line 7 copies line 4 and line 13 copies line 6 (duplicate-line reports both); line 3 and
    # line 10 are uncounted; 'TSERVER_SDN' is another feature; acmed is another vendor.
    assert {f.line for f in run(duplicate_feature, DUP_FEATURES)} == {6, 11}
    two_increments = GEN + (
        'FEATURE tserver_sdn genesys.d 8.1 permanent 600 SIGN="1A2B 0002"\n'
        'INCREMENT tserver_sdn genesys.d 8.1 permanent 200 SIGN="1A2B 0003"\n'
        'INCREMENT tserver_sdn genesys.d 8.1 permanent 100 SIGN="1A2B 0004"\n')
    assert run(duplicate_feature, two_increments) == []


def test_duplicate_feature_is_the_line_the_server_ignores():
    # 7.6 first in the file, 8.1 later: the automatic sort (higher versions first, End User
    # Guide) processes the 8.1 line, so the 7.6 line is the one ignored, and the answer depends
    # on the version sort
    text = GEN + (
        'FEATURE tserver_sdn genesys.d 7.6 permanent 400 SIGN="1A2B 0001"\n'
        'INCREMENT tserver_sdn genesys.d 7.6 permanent 150 SIGN="1A2B 0002"\n'
        'FEATURE tserver_sdn genesys.d 8.1 permanent 600 SIGN="1A2B 0003"\n')
    [f] = run(duplicate_feature, text)
    assert f.line == 3
    assert f.message.startswith(
        "FEATURE 'tserver_sdn' (version 7.6, 400 licenses) is ignored: the license server "
        "processes only the first counted FEATURE line of a feature, line 5, which the license "
        "server sorts first: higher versions sort first (version 8.1, 600 licenses); the 400 "
        "licenses here do not add to it; which line is first depends on the version sort")
    assert ("serves 600 of 8.1, 150 of 7.6 if higher versions sort first (End User Guide), or "
            "550 of 7.6 if lower versions sort first (License Administration Guide 2022)"
            in f.message)
    # with the License Administration Guide's order the 8.1 line is the ignored one
    [f] = run_with(duplicate_feature, text, {"version-sort": "lower-first"})
    assert f.line == 5 and "line 3, which" not in f.message and "line 3 (version 7.6" in f.message


def test_duplicate_feature_sort_and_dates_decide():
    # sort= puts the later line first; an expired FEATURE line does not compete
    text = GEN + (
        'FEATURE tserver_sdn genesys.d 8.1 permanent 100 SIGN="1A2B 0001"\n'
        'FEATURE tserver_sdn genesys.d 8.1 permanent 300 sort=50 SIGN="1A2B 0002"\n'
        'FEATURE cti_ha_option genesys.d 8.1 1-jan-2026 2 SIGN="1A2B 0003"\n'
        'FEATURE cti_ha_option genesys.d 8.1 permanent 3 SIGN="1A2B 0004"\n')
    [f] = run(duplicate_feature, text)
    assert f.line == 3 and "its sort=50 is lower than sort=100 here" in f.message
    assert "depends on the version sort" not in f.message


# ---------------------------------------------------------------------------------------------
# L203 feature-after-increment
# ---------------------------------------------------------------------------------------------

AFTER_INCREMENT = GEN + """\
FEATURE cti_ha_option genesys.d 8.1 permanent 3 SIGN="1A2B 0001"
INCREMENT cti_ha_option genesys.d 8.1 permanent 1 SIGN="1A2B 0002"
UPGRADE tserver_sdn genesys.d 7.6 8.1 permanent 10 SIGN="1A2B 0003"
FEATURE tserver_sdn genesys.d 7.6 permanent 10 SIGN="1A2B 0004"
INCREMENT tserver_sdn genesys.d 8.1 permanent 200 SIGN="1A2B 0005"
INCREMENT tserver_sdn genesys.d 8.1 permanent 100 SIGN="1A2B 0006"
FEATURE Tserver_SDN genesys.d 8.1 permanent 5 SIGN="1A2B 0007"
FEATURE tserver_sdn acmed 8.1 permanent 5 SIGN="1A2B 0008"
FEATURE tserver_sdn genesys.d 8.1 permanent 600 \\
  SIGN="1A2B 0009"
"""


def test_feature_after_increment():
    found = run(feature_after_increment, AFTER_INCREMENT)
    assert [(f.line, f.message) for f in found] == [
        (11, "FEATURE 'tserver_sdn' comes after INCREMENT 'tserver_sdn' on line 7; older "
             "license servers need the FEATURE line first (newer ones sort it first and serve "
             "900 seats of 8.1)"),
    ]
    assert pos(found[0]) == (11, 1, 12, len('  SIGN="1A2B 0009"') + 1)
    assert found[0].hint == "move this FEATURE line above line 7 (the order of lines is not signed)"
    assert found[0].code == "L203" and found[0].severity == "warning"


def test_feature_before_increment_is_fine():
    ordered = GEN + (
        'FEATURE tserver_sdn genesys.d 8.1 permanent 600 SIGN="1A2B 0001"\n'
        'INCREMENT tserver_sdn genesys.d 8.1 permanent 200 SIGN="1A2B 0002"\n'
        'FEATURE tserver_sdn genesys.d 8.1 permanent uncounted HOSTID=0019B9A0B0C1 '
        'SIGN="1A2B 0003"\n')
    found = run(feature_after_increment, ordered)
    assert [f.line for f in found] == [5]  # any FEATURE after the INCREMENT, counted or not


def test_feature_after_increment_that_serves_nothing_is_left_to_other_rules():
    # the later FEATURE line is expired: where it stands changes nothing the server serves
    text = GEN + (
        'INCREMENT tserver_sdn genesys.d 8.1 permanent 200 SIGN="1A2B 0001"\n'
        'FEATURE tserver_sdn genesys.d 8.1 1-jan-2026 600 SIGN="1A2B 0002"\n')
    assert run(feature_after_increment, text) == []
    assert [f.line for f in run(feature_after_increment, text,
                                today=datetime.date(2025, 12, 1))] == [4]


# ---------------------------------------------------------------------------------------------
# L204 superseded
# ---------------------------------------------------------------------------------------------

SUPERSEDED = EDA + """\
INCREMENT mesher acmed 2.0 31-dec-2026 4 ISSUED=15-jan-2026 SIGN="1A2B 0001"
INCREMENT mesher acmed 2.0 31-dec-2026 2 SIGN="1A2B 0002"
INCREMENT mesher acmed 2.0 31-dec-2027 8 SUPERSEDE ISSUED=2-may-2026 SIGN="1A2B 0003"
INCREMENT mesher acmed 2.0 31-dec-2027 2 SUPERSEDE ISSUED=2-May-2026 SIGN="1A2B 0004"
INCREMENT mesher acmed 2.0 31-dec-2027 2 ISSUED=3-may-2026 SIGN="1A2B 0005"
INCREMENT Mesher acmed 2.0 31-dec-2027 2 ISSUED=3-jan-2026 SIGN="1A2B 0006"
INCREMENT mesher othervd 2.0 31-dec-2027 2 ISSUED=3-jan-2026 SIGN="1A2B 0007"
PACKAGE mesher acmed 2.0 COMPONENTS="mesh2d mesh3d" ISSUED=1-jan-2026 SIGN="1A2B 0008"
INCREMENT mesher acmed 2.0 31-dec-2027 2 START=1-mar-2026 \\
  SIGN="1A2B 0009"
"""


def test_superseded_bare_flag():
    found = run(superseded, SUPERSEDED)
    assert [(f.line, f.message) for f in found] == [
        (3, "INCREMENT 'mesher' dated 2026-01-15 is superseded by INCREMENT 'mesher' on line 5 "
            "(SUPERSEDE, dated 2026-05-02); the license server ignores it"),
        (4, "INCREMENT 'mesher' has no issue date (no ISSUED= or START=) and is superseded by "
            "INCREMENT 'mesher' on line 5 (SUPERSEDE, dated 2026-05-02): an undated line counts "
            "as issued earlier; the license server ignores it"),
        (11, "INCREMENT 'mesher' dated 2026-03-01 is superseded by INCREMENT 'mesher' on line 5 "
             "(SUPERSEDE, dated 2026-05-02); the license server ignores it"),
    ]
    assert pos(found[2]) == (11, 1, 12, len('  SIGN="1A2B 0009"') + 1)
    assert found[0].code == "L204" and found[0].severity == "info"
    assert "line 5" in found[0].hint


def test_superseded_same_date_newer_other_case_vendor_and_package_are_kept():
    # line 6 has the same ISSUED date as line 5 (they pool), line 7 is newer, 'Mesher' is another
    # name, othervd another vendor, and a feature line never supersedes a PACKAGE line.
    assert not {f.line for f in run(superseded, SUPERSEDED)} & {5, 6, 7, 8, 9, 10}


def test_superseded_list_start_date_and_newest_superseder():
    text = EDA + """\
FEATURE solver_a acmed 1.0 permanent 2 ISSUED=1-jan-2025 SIGN="1A2B 0001"
FEATURE solver_b acmed 1.0 permanent 2 SIGN="1A2B 0002"
FEATURE solver_c acmed 1.0 permanent 2 ISSUED=1-jan-2025 SIGN="1A2B 0003"
FEATURE solver_c acmed 2.0 permanent 4 SUPERSEDE="solver_a  solver_b" START=1-feb-2026 \\
  SIGN="1A2B 0004"
INCREMENT solver_a acmed 1.0 permanent 1 SUPERSEDE ISSUED=1-mar-2026 SIGN="1A2B 0005"
UPGRADE solver_a acmed 1.0 2.0 permanent 1 ISSUED=1-feb-2025 SIGN="1A2B 0006"
"""
    found = run(superseded, text)
    assert [(f.line, f.message) for f in found] == [
        (3, "FEATURE 'solver_a' dated 2025-01-01 is superseded by INCREMENT 'solver_a' on line 8 "
            "(SUPERSEDE, dated 2026-03-01); the license server ignores it"),
        (4, "FEATURE 'solver_b' has no issue date (no ISSUED= or START=) and is superseded by "
            "FEATURE 'solver_c' on line 6 (SUPERSEDE, dated 2026-02-01): an undated line counts "
            "as issued earlier; the license server ignores it"),
        (9, "UPGRADE 'solver_a' dated 2025-02-01 is superseded by INCREMENT 'solver_a' on line 8 "
            "(SUPERSEDE, dated 2026-03-01); the license server ignores it"),
    ]
    # SUPERSEDE="solver_a solver_b" on a solver_c line does not supersede solver_c (line 5).


def test_superseded_packages_and_undated_supersede():
    text = EDA + """\
PACKAGE suite acmed 1.0 COMPONENTS="solver mesher" ISSUED=1-jan-2025 SIGN="1A2B 0001"
INCREMENT suite acmed 1.0 permanent 2 ISSUED=1-jan-2025 SIGN="1A2B 0002"
PACKAGE suite acmed 2.0 COMPONENTS="solver mesher viewer" SUPERSEDE ISSUED=1-jan-2026 \\
  SIGN="1A2B 0003"
INCREMENT viewer acmed 1.0 permanent 2 SIGN="1A2B 0004"
INCREMENT viewer acmed 2.0 permanent 2 SUPERSEDE SIGN="1A2B 0005"
"""
    found = run(superseded, text)
    assert [(f.line, f.message) for f in found] == [
        (3, "PACKAGE 'suite' dated 2025-01-01 is superseded by PACKAGE 'suite' on line 5 "
            "(SUPERSEDE, dated 2026-01-01); the license server ignores it"),
    ]


# ---------------------------------------------------------------------------------------------
# L205 upgrade-without-base
# ---------------------------------------------------------------------------------------------

UPGRADES = EDA + """\
UPGRADE solver acmed 2024.0601 2025.0101 31-dec-2027 2 SIGN="1A2B 0001"
INCREMENT solver acmed 2024.0601 permanent 10 SIGN="1A2B 0002"
UPGRADE solver acmed 2024.0601 2025.0101 31-dec-2027 2 SIGN="1A2B 0003"
INCREMENT mesher acmed 9.5 permanent 4 SIGN="1A2B 0004"
UPGRADE mesher acmed 9.0 10.0 permanent 2 SIGN="1A2B 0005"
INCREMENT viewer acmed 2.0 permanent 4 SIGN="1A2B 0006"
UPGRADE viewer acmed 1.0 2.0 permanent 2 SIGN="1A2B 0007"
INCREMENT plot acmed 1.00 permanent 4 SIGN="1A2B 0008"
UPGRADE plot acmed 1.0 2 permanent 2 SIGN="1A2B 0009"
INCREMENT Router acmed 1.0 permanent 4 SIGN="1A2B 000A"
UPGRADE router acmed 1.0 2.0 permanent 2 SIGN="1A2B 000B"
UPGRADE plot acmed 2 3 permanent 1 SIGN="1A2B 000C"
FEATURE layout acmed 0.9 permanent 4 SIGN="1A2B 000D"
UPGRADE layout acmed 1.0 2.0 permanent 1 \\
  SIGN="1A2B 000E"
"""


def test_upgrade_without_base():
    found = run(upgrade_without_base, UPGRADES)
    assert [(f.line, f.message) for f in found] == [
        (3, "UPGRADE 'solver' from version 2024.0601 to 2025.0101 has no earlier FEATURE or "
            "INCREMENT line for 'solver' with a version from 2024.0601 up to (not including) "
            "2025.0101 (line 4 has one, but after the UPGRADE): the upgrade has nothing to take "
            "licenses from"),
        (9, "UPGRADE 'viewer' from version 1.0 to 2.0 has no earlier FEATURE or INCREMENT line "
            "for 'viewer' with a version from 1.0 up to (not including) 2.0: the upgrade has "
            "nothing to take licenses from"),
        (13, "UPGRADE 'router' from version 1.0 to 2.0 has no earlier FEATURE or INCREMENT line "
             "for 'router' with a version from 1.0 up to (not including) 2.0: the upgrade has "
             "nothing to take licenses from"),
        (14, "UPGRADE 'plot' from version 2 to 3 has no earlier FEATURE or INCREMENT line for "
             "'plot' with a version from 2 up to (not including) 3: the upgrade has nothing to "
             "take licenses from"),
        (16, "UPGRADE 'layout' from version 1.0 to 2.0 has no earlier FEATURE or INCREMENT line "
             "for 'layout' with a version from 1.0 up to (not including) 2.0: the upgrade has "
             "nothing to take licenses from"),
    ]
    assert found[0].hint == "move the UPGRADE line below line 4"
    assert "install" in found[1].hint
    assert pos(found[4]) == (16, 1, 17, len('  SIGN="1A2B 000E"') + 1)
    assert found[0].code == "L205" and found[0].severity == "warning"


def test_upgrade_base_must_serve():
    # the base in range is expired (an upgrade of it moves nothing) or uncounted
    text = EDA + """\
INCREMENT solver acmed 1.0 1-jan-2026 10 SIGN="1A2B 0001"
UPGRADE solver acmed 1.0 2.0 permanent 2 SIGN="1A2B 0002"
FEATURE mesher acmed 1.0 permanent uncounted HOSTID=3C4A92D1E5F1 SIGN="1A2B 0003"
UPGRADE mesher acmed 1.0 2.0 permanent 1 SIGN="1A2B 0004"
"""
    found = run(upgrade_without_base, text)
    assert [f.line for f in found] == [4, 6]
    assert ("line 3 is in the range but serves nothing (expired: INCREMENT solver 1.0 expired "
            "on 2026-01-01)" in found[0].message)
    assert "line 5 is in the range but uncounted" in found[1].message
    # before the expiry the base serves: nothing to report
    assert [f.line for f in run(upgrade_without_base, text,
                                today=datetime.date(2025, 6, 1))] == [6]


def test_upgrade_range_is_numeric_and_half_open():
    # line 5 (after its base), mesher 9.5 in [9.0, 10.0) (a text comparison would fail),
    # plot 1.00 = 1.0: all fine. viewer 2.0 is not < 2.0; an earlier UPGRADE to 2 is no base.
    assert not {f.line for f in run(upgrade_without_base, UPGRADES)} & {5, 7, 11}


# ---------------------------------------------------------------------------------------------
# L206 package-without-enabling-line
# ---------------------------------------------------------------------------------------------

PACKAGES = EDA + """\
PACKAGE acme_suite acmed 2026.0101 COMPONENTS="solver mesher" OPTIONS=SUITE SIGN="1A2B 0001"
INCREMENT acme_suite acmed 2025.0101 31-dec-2026 4 SIGN="1A2B 0002"
FEATURE acme_suite acmed 2024.0101 31-dec-2026 4 SIGN="1A2B 0003"
PACKAGE lite acmed 1.0 COMPONENTS="viewer" SIGN="1A2B 0004"
PACKAGE any_version acmed COMPONENTS="viewer" SIGN="1A2B 0005"
PACKAGE orphan acmed COMPONENTS="viewer" SIGN="1A2B 0006"
PACKAGE other_vendor acmed 1.0 COMPONENTS="viewer" SIGN="1A2B 0007"
PACKAGE Upgraded acmed 2.0 COMPONENTS="viewer" \\
  SIGN="1A2B 0008"
INCREMENT lite acmed 1.00 permanent 2 SIGN="1A2B 0009"
FEATURE any_version acmed 7.3 permanent 2 SIGN="1A2B 000A"
INCREMENT other_vendor othervd 1.0 permanent 2 SIGN="1A2B 000B"
INCREMENT upgraded acmed 2.0 permanent 2 SIGN="1A2B 000C"
INCREMENT Upgraded acmed 1.0 permanent 2 SIGN="1A2B 000D"
UPGRADE Upgraded acmed 1.0 2.0 permanent 2 SIGN="1A2B 000E"
"""


def test_package_without_enabling_line():
    found = run(package_without_enabling_line, PACKAGES)
    assert [(f.line, f.message) for f in found] == [
        (3, "PACKAGE 'acme_suite' has no FEATURE or INCREMENT line 'acme_suite' version "
            "2026.0101 to enable it (other versions: 2025.0101 on line 4, 2024.0101 on line 5): "
            "none of its components is licensed by this file"),
        (8, "PACKAGE 'orphan' has no FEATURE or INCREMENT line 'orphan' to enable it: none of "
            "its components is licensed by this file"),
        (9, "PACKAGE 'other_vendor' has no FEATURE or INCREMENT line 'other_vendor' version 1.0 "
            "to enable it: none of its components is licensed by this file"),
        (10, "PACKAGE 'Upgraded' has no FEATURE or INCREMENT line 'Upgraded' version 2.0 to "
             "enable it (other versions: 1.0 on line 16): none of its components is licensed "
             "by this file"),
    ]
    assert pos(found[3]) == (10, 1, 11, len('  SIGN="1A2B 0008"') + 1)
    assert "search path" in found[0].hint
    assert found[0].code == "L206" and found[0].severity == "warning"


def test_package_enabled_by_later_line_and_equal_version():
    # lite 1.0 is enabled by 1.00 (numeric), any_version by any version, both after the PACKAGE.
    assert not {f.line for f in run(package_without_enabling_line, PACKAGES)} & {6, 7}


def test_modules_are_importable_by_name():
    for name in RULES:
        mod = importlib.import_module(module_name(RULES[name][1], name.replace("-", "_")))
        assert mod.RULE.name == name
