"""Issue 10, items 8 and 9: dates that are not dates, and configuration, deployment and
catalogue files that are not what lictool expects, are findings or errors with the file, the key
and what was expected: never ``internal error``, never a traceback.

* Dates: one reader (:func:`lictool.values.read_date`) returns a date or the reason it is not
  one; date arithmetic (:func:`lictool.values.add_days`) clamps to ``date.max``. Tried through
  ``lictool lint``, ``merge --check`` / ``--drop-expired`` and ``check``.
* TOML: one reader (:mod:`lictool.tomlfile`): syntax errors with line and column, nesting
  limits, numbers too long to read; every value type-checked (rule options with their ranges,
  deployment counts at most 2147483647, catalogue keys).

The commands run in-process through ``lictool.cli.main`` (the entry point that turns an
unexpected exception into ``internal error``). Every license text is synthetic, and every
command that judges dates gets ``--today``.
"""

from __future__ import annotations

import datetime as dt
import gc
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from lictool import values
from lictool.cli import main
from lictool.errors import LictoolError
from lictool.genesys.deployment import parse_deployment
from lictool.syntax.vocabulary import spec
from lictool.lint.config import parse_config
from lictool.model import Version
from lictool.tomlfile import MAX_DEPTH, key_path, parse

ROOT = Path(__file__).resolve().parent.parent
GENESYS = ROOT / "fixtures" / "genesys-8x.lic"
SINGLE_SITE = ROOT / "fixtures" / "deployments" / "single-site" / "deployment.toml"
TODAY = "2026-06-01"
HUGE_YEAR = "1-jan-99999999999999999999"
DEEP = 5000   # far deeper than tomllib can read (RecursionError)

HEAD = ("SERVER lic01 0019B9A0B0C0 7260\n"
        "VENDOR genesys.d /opt/genesys/flexlm/genesys.d PORT=7261\n")
# ISSUED= with a superscript two as the day, START= with a 20-digit year (issue 10, item 8)
BAD_DATES = HEAD + (
    'FEATURE tserver_sdn genesys.d 8.1 permanent 600 ISSUED=\u00b2-jan-2024 \\\n'
    f'  START={HUGE_YEAR} SN=GL81-240101-01 SIGN="C317 56DB DDAB C63C"\n')
# the same dates on lines that SUPERSEDE (superseded reads ISSUED= and START=), a START= with a
# 20-digit day (start-in-future), and an expiry that is close to the end of the calendar
SUPERSEDING = HEAD + (
    'FEATURE cti_ha_option genesys.d 8.1 permanent 3 SUPERSEDE ISSUED=\u00b2-jan-2024 \\\n'
    f'  START={HUGE_YEAR} SN=GL81-240101-02 SIGN="0126 D0F0 2A40 9B1A"\n'
    'FEATURE cti_ha_option genesys.d 8.1 31-dec-9999 3 ISSUED=1-jan-99999999999999999999 \\\n'
    '  START=99999999999999999999-jan-2024 SN=GL81-240101-03 SIGN="0126 D0F0 2A40 9B1B"\n'
    'FEATURE router_ha_option genesys.d 8.1 1-jan-2020 1 ISSUED=1-jan-\u0663 \\\n'
    '  SN=GL81-200101-04 SIGN="0E00 EED1 72E6 11D5"\n')


@dataclass(frozen=True)
class Result:
    code: int
    out: str
    err: str


@pytest.fixture
def lictool(capsys, monkeypatch, tmp_path):
    """``lictool ARGS`` through the real entry point, in ``tmp_path`` (so that no configuration
    of the machine is found); fails on ``internal error`` or a traceback."""
    monkeypatch.delenv("LICTOOL_DEBUG", raising=False)
    monkeypatch.chdir(tmp_path)

    def run(*args) -> Result:
        with pytest.raises(SystemExit) as exc:
            main([str(a) for a in args])
        gc.enable()  # main() turns the cyclic collector off for its short-lived process
        out, err = capsys.readouterr()
        assert "internal error" not in err and "Traceback" not in err, err
        return Result(exc.value.code or 0, out, err)

    return run


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def nested(depth: int, key: str = "a") -> str:
    return f"{key} = " + "[" * depth + "]" * depth + "\n"


# --------------------------------------------------------------------------------------------
# the date reader
# --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text,reason", [
    ("\u00b2-jan-2024", "'\u00b2' (U+00B2 SUPERSCRIPT TWO) is not a digit 0-9"),
    ("1-jan-\u0663", "'\u0663' (U+0663 ARABIC-INDIC DIGIT THREE) is not a digit 0-9"),
    ("\uff11-jan-2024", "'\uff11' (U+FF11 FULLWIDTH DIGIT ONE) is not a digit 0-9"),
    (HUGE_YEAR, "the year 99999999999999999999 is out of range (at most 9999)"),
    ("1-jan-10000", "the year 10000 is out of range (at most 9999)"),
    ("99999999999999999999-jan-2024", "January 2024 has 31 days"),
    ("1-jan-" + "9" * 5000, "out of range (at most 9999)"),      # int() would refuse 5000 digits
    ("9" * 5000 + "-jan-2024", "January 2024 has 31 days"),
    ("0-jan-2026", "there is no day 0"),
    ("29-feb-2025", "February 2025 has 28 days"),
    ("31-foo-2024", "'foo' is not a month (jan, feb, ..., dec)"),
    ("1-jan-0", "a year of 0 means 'permanent' in the expiry field only; it is not a date"),
    ("2024-06-01", "it is not a dd-mmm-yyyy date (the month is written jan, feb, ..., dec)"),
    ("1-jan", "it is not a dd-mmm-yyyy date"),
    ("", "it is not a dd-mmm-yyyy date"),
])
def test_read_date_gives_the_reason(text, reason):
    value = values.read_date(text)
    assert isinstance(value, str) and reason in value
    assert values.parse_date(text) is None and values.date_problem(text) == value


@pytest.mark.parametrize("text", ["1-jan-\u00b2", HUGE_YEAR, "1-jan-99999", "31-dec-" + "9" * 5000,
                                  "99999999999999999999-jan-2024"])
def test_expiry_of_a_non_date_is_invalid_not_an_exception(text):
    e = values.expiry(text)
    assert not e.valid and not e.permanent and e.date is None and e.iso is None


def test_non_ascii_digits_are_not_read_as_digits():
    assert values.parse_date("\u0663-jan-2024") is None          # int() would read it as 3
    assert Version("\u0662\u0660\u0662\u0660.0111").date is None  # nor in a date-based version
    assert Version("2020.0111").date == dt.date(2020, 1, 11)


@pytest.mark.parametrize("text,iso", [
    ("1-jan-69", "2069-01-01"), ("1-jan-70", "1970-01-01"), ("1-Jan-1", "2001-01-01"),
    ("01-JAN-001", "0001-01-01"), ("31-dec-9999", "9999-12-31"), ("29-feb-2024", "2024-02-29"),
    ("29-Feb-96", "1996-02-29"), ("001-mar-02024", "2024-03-01"),
])
def test_valid_dates_read_as_before(text, iso):
    assert values.parse_date(text).isoformat() == iso
    assert values.expiry(text).iso == iso


@settings(deadline=None)
@given(st.text())
@example("\u00b2-jan-2024")
@example(HUGE_YEAR)
def test_read_date_never_raises_on_any_text(text):
    value = values.read_date(text)
    assert isinstance(value, dt.date) or (isinstance(value, str) and value)
    values.expiry(text)


PIECE = st.text(alphabet="0123456789\u00b2\u0663\uff11-JjAaNnFfEeBb \t", max_size=8)


@settings(deadline=None)
@given(st.builds(lambda d, m, y: f"{d}-{m}-{y}", PIECE, PIECE, PIECE))
def test_read_date_never_raises_on_date_like_text(text):
    value = values.read_date(text)
    assert isinstance(value, (dt.date, str))


MONTHS = list(spec().months.items())


@settings(deadline=None)
@given(day=st.integers(0, 40), month=st.sampled_from(MONTHS), year=st.integers(0, 12000),
       day_width=st.integers(1, 3), year_width=st.integers(1, 6), upper=st.booleans())
def test_dates_of_ascii_digits_round_trip(day, month, year, day_width, year_width, upper):
    name, number = month
    year_text = f"{year:0{year_width}d}"
    text = f"{day:0{day_width}d}-{name.upper() if upper else name}-{year_text}"
    y = year
    if len(year_text) <= 2:
        y += 2000 if year < spec().two_digit_year_pivot else 1900
    try:
        expected = dt.date(y, number, day) if year else None
    except ValueError:
        expected = None
    value = values.read_date(text)
    if expected is None:
        assert isinstance(value, str) and value
    else:
        assert isinstance(value, dt.date)
        assert (value.day, value.month, value.year) == (day, number, y)


def test_add_days_clamps_to_the_calendar():
    assert values.add_days(dt.date(2026, 6, 1), 30) == dt.date(2026, 7, 1)
    assert values.add_days(dt.date(9999, 12, 1), 30) == dt.date.max
    assert values.add_days(dt.date(9999, 12, 31), 2**63 - 1) == dt.date.max
    assert values.add_days(dt.date(1, 1, 5), -30) == dt.date.min
    assert values.add_days(dt.date(2026, 6, 1), -(10**30)) == dt.date.min


# --------------------------------------------------------------------------------------------
# dates through lint, merge and check
# --------------------------------------------------------------------------------------------

def test_lint_reports_non_dates_in_issued_and_start(lictool, tmp_path):
    lic = write(tmp_path, "bad-dates.lic", BAD_DATES)
    r = lictool("lint", lic, "--today", TODAY, "--select", "bad-date")
    assert r.code == 1
    assert ("L103 [error] FEATURE 'tserver_sdn' has an impossible ISSUED= date '\u00b2-jan-2024': "
            "'\u00b2' (U+00B2 SUPERSCRIPT TWO) is not a digit 0-9 (bad-date)") in r.out
    assert (f"L103 [error] FEATURE 'tserver_sdn' has an impossible START= date '{HUGE_YEAR}': "
            "the year 99999999999999999999 is out of range (at most 9999) (bad-date)") in r.out


def test_lint_every_date_rule_survives_non_dates(lictool, tmp_path):
    lic = write(tmp_path, "superseding.lic", SUPERSEDING)
    r = lictool("lint", lic, "--today", TODAY)
    assert r.code == 1
    assert r.out.count("(bad-date)") == 5
    assert "January 2024 has 31 days" in r.out
    assert "'\u0663' (U+0663 ARABIC-INDIC DIGIT THREE) is not a digit 0-9" in r.out
    assert "(expired)" in r.out and "(superseded)" not in r.out      # no valid issue date
    assert "(start-in-future)" not in r.out


def test_lint_today_at_the_end_of_the_calendar(lictool, tmp_path):
    r = lictool("lint", GENESYS, "--today", "9999-12-31")
    assert r.code == 1 and "(expired)" in r.out and "(expiring-soon)" not in r.out
    lic = write(tmp_path, "last-day.lic", SUPERSEDING)
    r = lictool("lint", lic, "--today", "9999-12-01", "--select", "expiring-soon")
    assert r.code == 0 and "expires on 9999-12-31 (in 30 days)" in r.out


@pytest.mark.parametrize("drop", [[], ["--drop-expired"], ["--drop-superseded"]])
def test_merge_survives_non_dates(lictool, tmp_path, drop):
    lic = write(tmp_path, "superseding.lic", SUPERSEDING)
    r = lictool("merge", lic, GENESYS, "--check", "--today", TODAY, *drop)
    assert r.code == 0 and "Would merge:" in r.out + r.err and "Merged" not in r.out + r.err
    r = lictool("merge", lic, GENESYS, "--check", "--today", "9999-12-31", *drop)
    assert r.code == 0


def test_check_survives_non_dates_and_the_end_of_the_calendar(lictool, tmp_path):
    lic = write(tmp_path, "bad-dates.lic", BAD_DATES)
    r = lictool("check", SINGLE_SITE, "--license", lic, "--today", TODAY)
    assert r.code == 1 and "is not a digit 0-9 (bad-date)" in r.out
    r = lictool("check", SINGLE_SITE, "--today", "9999-12-31")
    assert r.code == 1 and "(expired)" in r.out


# --------------------------------------------------------------------------------------------
# configuration
# --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("toml,message", [
    ("[rules.expiring-soon]\ndays = 99999999\n",
     "configuration key 'rules.expiring-soon.days': expected an integer from 0 to 36500, "
     "not 99999999"),
    ("[rules.expiring-soon]\ndays = 9223372036854775807\n",
     "configuration key 'rules.expiring-soon.days': expected an integer from 0 to 36500, "
     "not 9223372036854775807"),
    ("[rules.expiring-soon]\ndays = -1\n",
     "'rules.expiring-soon.days': expected an integer from 0 to 36500, not -1"),
    ("[rules.expiring-soon]\ndays = true\n",
     "'rules.expiring-soon.days': expected an integer from 0 to 36500, not bool"),
    ("[rules.unknown-keyword]\nextra-keywords = [1, 2]\n",
     "configuration key 'rules.unknown-keyword.extra-keywords[0]': expected a string, not int"),
    ('[rules.unknown-feature]\nextra-features = ["router_seats", 3.5]\n',
     "'rules.unknown-feature.extra-features[1]': expected a string, not float"),
    ('[rules.hostid-format]\nextra-types = "ACME_ID"\n',
     "'rules.hostid-format.extra-types': expected a list of strings, not str"),
    ('[rules.count-over-cap]\ncaps = { "genesys.d" = "lots" }\n',
     "'rules.count-over-cap.caps.\"genesys.d\"': expected an integer from 0 to 2147483647"),
    ("[rules.count-over-cap]\ncaps = { acmed = 100000000000000000000000000 }\n",
     "'rules.count-over-cap.caps.acmed': expected an integer from 0 to 2147483647 (a FlexNet "
     "license count; 0 means no cap), not 100000000000000000000000000"),
    ('select = ["expired", 3]\n',
     "'select[1]': expected a rule name, code or group (a string), not int"),
    ('catalogs = ["genesys-extra.toml", 7]\n',
     "'catalogs[1]': expected a catalogue file path (a string), not int"),
    ('[feature-names]\n"urs.seats" = 250\n',
     "'feature-names.\"urs.seats\"': expected a feature name"),
    ('target-release = "' + "8" * 5000 + '"\n', "'target-release': expected X.Y, a release"),
    ("a = 1" + "0" * 5000 + "\n",
     ":1:5: invalid TOML: a number of more than 4300 digits (too long to read)"),
    (nested(DEEP), "TOML nested too deeply to read: lictool reads at most 100 levels"),
    (nested(MAX_DEPTH + 50), "TOML nested too deeply: the value at 'a[0][0][0]"),
    ("[feature-names]\n" + "a." * DEEP + 'b = "x"\n',
     "TOML nested too deeply: the value at 'feature-names.a.a"),
    ("[rules.expiring-soon]\ndays = \n", ":2:8: invalid TOML: Invalid value"),
])
def test_bad_configuration_exits_2_with_file_key_and_expectation(lictool, tmp_path, toml, message):
    write(tmp_path, "genesys-extra.toml", '[vendor]\nname = "genesys.d"\n')
    cfg = write(tmp_path, "lictool.toml", toml)
    r = lictool("lint", "--config", cfg, GENESYS, "--today", TODAY)
    assert r.code == 2 and r.out == ""
    assert r.err.startswith(f"lictool: {cfg}") and message in r.err, r.err


def test_rule_option_ranges_accept_their_bounds(lictool, tmp_path):
    cfg = write(tmp_path, "lictool.toml", "[rules.expiring-soon]\ndays = 36500\n"
                                          "[rules.count-over-cap]\ncaps = { acmed = 0 }\n"
                                          "[rules.unknown-keyword]\nextra-keywords = []\n")
    r = lictool("lint", "--config", cfg, GENESYS, "--today", TODAY)
    assert r.code == 0 and "(expiring-soon)" in r.out
    config = parse_config({"rules": {"expiring-soon": {"days": 0}}})
    assert config.options["expiring-soon"] == {"days": 0}


def test_configuration_with_a_byte_order_mark_is_read(lictool, tmp_path):
    cfg = tmp_path / "lictool.toml"
    cfg.write_bytes(b"\xef\xbb\xbf[rules.expiring-soon]\ndays = 700\n")
    r = lictool("lint", "--config", cfg, GENESYS, "--today", TODAY)
    assert r.code == 0 and "(in 578 days) (expiring-soon)" in r.out


@pytest.mark.parametrize("toml,key,found", [
    ("tool = 3\n", "'tool': expected a table, not int", 0),      # not lictool's: skipped
    ("[tool]\nlictool = [1]\n", "'tool.lictool': expected a table, not list", 2),
])
def test_pyproject_tool_table_of_the_wrong_type(lictool, tmp_path, toml, key, found):
    pyproject = write(tmp_path, "pyproject.toml", toml)
    r = lictool("lint", "--config", pyproject, GENESYS, "--today", TODAY)
    assert r.code == 2 and key in r.err
    r = lictool("lint", GENESYS, "--today", TODAY)             # found upward from tmp_path
    assert r.code == found and (key in r.err) == (found == 2)


# --------------------------------------------------------------------------------------------
# catalogue files
# --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("toml,message", [
    ('[vendor]\nname = "acmed"\ncheckout-cap = 100000000000000000000000000\n',
     "catalogue key 'vendor.checkout-cap': expected an integer from 1 to 2147483647 (a FlexNet "
     "license count), not 100000000000000000000000000"),
    ('[vendor]\nname = "acmed"\ncheckout-cap = true\n',
     "'vendor.checkout-cap': expected an integer from 1 to 2147483647 (a FlexNet license "
     "count), not bool"),
    ("[vendor]\nname = 3\n", "'vendor.name': expected a string, not int"),
    ('[features."FLEXnet_Manager.Admin"]\nproduct = 1\n',
     "'features.\"FLEXnet_Manager.Admin\".product': expected a string, not int"),
    ('[[prefix]]\nprefix = "02AB00"\nplatform = "Acme Cloud"\nstatic = "no"\n',
     "'prefix[0].static': expected true or false, not str"),
    ('[[prefix]]\nprefix = "02AB00"\nplatform = "Acme Cloud"\nnote = 3\n',
     "'prefix[0].note': expected a string, not int"),
    ("[features.gd_agent_seat]\nproduct = " + "[" * DEEP + "]" * DEEP + "\n",
     "TOML nested too deeply to read"),
])
def test_bad_catalogue_exits_2_with_file_key_and_expectation(lictool, tmp_path, toml, message):
    catalogue = write(tmp_path, "genesys-extra.toml", toml)
    cfg = write(tmp_path, "lictool.toml", 'catalogs = ["genesys-extra.toml"]\n')
    r = lictool("lint", "--config", cfg, GENESYS, "--today", TODAY)
    assert r.code == 2
    assert r.err.startswith(f"lictool: {catalogue}") and message in r.err, r.err


# --------------------------------------------------------------------------------------------
# deployment files
# --------------------------------------------------------------------------------------------

DEPLOYMENT = ('release = "8.1"\n\n[[application]]\nname = "TS_Boston"\nproduct = "t-server"\n'
              "seats = {seats}\n")


@pytest.mark.parametrize("command", ["check", "require"])
def test_deployment_count_above_a_flexnet_license_count(lictool, tmp_path, command):
    dep = write(tmp_path, "deployment.toml",
                DEPLOYMENT.format(seats="100000000000000000000000000"))
    r = lictool(command, dep, *(["--license", GENESYS, "--today", TODAY]
                                if command == "check" else []))
    assert r.code == 2
    assert r.err == (f"lictool: {dep}:6:9: application 'TS_Boston': seats: expected a "
                     "non-negative integer of at most 2147483647 (a FlexNet license count), got "
                     "100000000000000000000000000\n")


def test_deployment_count_bounds():
    assert parse_deployment(DEPLOYMENT.format(seats=2147483647), "d.toml").applications
    with pytest.raises(LictoolError, match="of at most 2147483647"):
        parse_deployment(DEPLOYMENT.format(seats=2147483648), "d.toml")
    with pytest.raises(LictoolError, match="instances: expected a positive integer"):
        parse_deployment(DEPLOYMENT.format(seats=1) + "instances = 3000000000\n", "d.toml")


@pytest.mark.parametrize("tail,message", [
    (nested(DEEP, "x"), "TOML nested too deeply to read"),
    ("[feature-names]\n" + "a." * DEEP + 'b = "x"\n', "TOML nested too deeply: the value at"),
    ("[feature-names]\n" + nested(MAX_DEPTH + 50), "TOML nested too deeply"),
])
def test_deeply_nested_deployment(lictool, tmp_path, tail, message):
    dep = write(tmp_path, "deployment.toml", DEPLOYMENT.format(seats=10) + tail)
    r = lictool("check", dep, "--license", GENESYS, "--today", TODAY)
    assert r.code == 2 and r.err.startswith(f"lictool: {dep}: ") and message in r.err


def test_locator_reads_the_deepest_nesting_allowed():
    # valid TOML nested as deep as tomlfile allows: the checker's error still has its position
    depth = MAX_DEPTH - 3
    text = (DEPLOYMENT.format(seats=10) + "[feature-names]\n"
            + "a = " + "{b = " * depth + "3" + "}" * depth + "\n")
    with pytest.raises(LictoolError) as info:
        parse_deployment(text, "d.toml")
    assert (info.value.line, info.value.column) == (8, 5 + 5 * depth)
    assert "expected a string, got the integer 3" in info.value.message


def test_deployment_toml_errors_keep_their_position():
    with pytest.raises(LictoolError) as info:
        parse_deployment('release = "8.1"\nseats = \n', "d.toml")
    assert (info.value.line, info.value.column) == (2, 9)
    assert str(info.value) == "d.toml:2:9: invalid TOML: Invalid value"


# --------------------------------------------------------------------------------------------
# the TOML reader
# --------------------------------------------------------------------------------------------

def test_tomlfile_errors_are_lictool_errors(tmp_path):
    with pytest.raises(LictoolError, match="nested too deeply"):
        parse(nested(DEEP), "x.toml")
    with pytest.raises(LictoolError) as info:
        parse('a = 1\nb = "open\n', "x.toml")
    assert (info.value.path, info.value.line) == ("x.toml", 2)
    assert parse('\ufeffa = 1\n', "x.toml").data == {"a": 1}


def test_key_path_is_written_as_in_toml():
    assert key_path("rules", "count-over-cap", "caps", "genesys.d") == \
        'rules.count-over-cap.caps."genesys.d"'
    assert key_path("rules", "unknown-keyword", "extra-keywords", 0) == \
        "rules.unknown-keyword.extra-keywords[0]"
