"""The deployment description loader (``lictool.genesys.deployment``).

The contract: the TOML keys of the brief (top level ``release``, ``[[license-server]]``,
``[[application]]``, ``[feature-names]``), the keys each product takes, the types, and one
:class:`LictoolError` per problem, carrying the path and the line (and column) of the offending
key, value or table in the TOML text. Expected line numbers are written out and checked against
the TOML text in the test (``expect_error`` asserts that the named line holds the marker), so a
test cannot pass by agreeing with a wrong position.
"""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Optional

import pytest

from lictool.errors import LictoolError
from lictool.genesys.deployment import (COMMON_KEYS, PRODUCT_KEYS, load_deployment,
                                        parse_deployment)
from lictool.genesys.model import PRODUCTS, Application, Deployment, LicenseServer


def toml(text: str) -> str:
    return textwrap.dedent(text).lstrip("\n")


def expect_error(text: str, line: int, marker: str, *fragments: str, column: Optional[int] = None,
                 at: Optional[str] = None, base_dir: Optional[Path] = None,
                 path: str = "deploy.toml") -> LictoolError:
    """Parse ``text``, expect a LictoolError on ``line``; line ``line`` of ``text`` must contain
    ``marker`` (the test's own check of its expectation), the message every fragment. With
    ``column``, the text there must start with ``at`` (default: ``marker``)."""
    lines = text.splitlines()
    assert 1 <= line <= len(lines) and marker in lines[line - 1], (
        f"test bug: line {line} of the TOML is {lines[line - 1] if line <= len(lines) else None!r}"
        f", not a line with {marker!r}")
    if column is not None:
        assert lines[line - 1][column - 1:].startswith(at or marker), (
            f"test bug: column {column} of line {line} does not start {at or marker!r}")
    with pytest.raises(LictoolError) as info:
        parse_deployment(text, path, base_dir=base_dir)
    err = info.value
    assert err.path == path
    assert err.line == line, f"{err} (expected line {line}: {lines[line - 1]!r})"
    if column is not None:
        assert err.column == column, f"{err} (expected column {column})"
    for fragment in fragments:
        assert fragment in err.message, f"{fragment!r} not in {err.message!r}"
    assert str(err).startswith(f"{path}:{line}:{err.column or 1}: ")
    return err


def app(dep: Deployment, name: str) -> Application:
    found = [a for a in dep.applications if a.name == name]
    assert len(found) == 1, [a.name for a in dep.applications]
    return found[0]


def line_of(text: str, marker: str) -> int:
    hits = [n for n, line in enumerate(text.splitlines(), 1) if marker in line]
    assert len(hits) == 1, (marker, hits)
    return hits[0]


# --------------------------------------------------------------------------------------------
# realistic deployments
# --------------------------------------------------------------------------------------------

SINGLE_SITE = toml('''
    # Boston contact center: one site, one license server
    release = "8.1"

    [[license-server]]
    name = "lic-main"
    host = "lic01"
    platform = "physical"
    mac = "0019B9A0B0C0"
    mac-assignment = "static"
    license-file = "licenses/main.lic"

    [[application]]
    name = "confserv"
    product = "configuration-server"
    license-server = "lic-main"

    [[application]]
    name = "SCS"
    product = "solution-control-server"
    snmp = true

    [[application]]
    name = "TS_Avaya_Boston"
    product = "t-server"
    redundancy = "warm-standby"
    site = "boston"
    seats = 250                       # extensions + ACD positions
    license-server = "lic-main"

    [[application]]
    name = "URS"
    product = "universal-routing-server"
    places = 200
    license-server = "lic-main"

    [[application]]
    name = "OCS"
    product = "outbound-contact-server"
    seats = 40
    dialing = "full"

    [[application]]
    name = "CPD"
    product = "cpd-server"
    ports = 24
    mode = "asm"
    instances = 2
    ''')


@pytest.fixture
def single_site(tmp_path: Path) -> Path:
    (tmp_path / "licenses").mkdir()
    (tmp_path / "licenses" / "main.lic").write_text("SERVER lic01 0019B9A0B0C0 7260\n")
    f = tmp_path / "deploy.toml"
    f.write_text(SINGLE_SITE)
    return f


def test_single_site(single_site: Path, tmp_path: Path) -> None:
    dep = load_deployment(single_site)
    assert dep.release == "8.1"
    assert dep.path == str(single_site)
    assert dep.feature_names == {}
    assert dep.license_servers == (LicenseServer(
        name="lic-main", host="lic01", platform="physical", mac="0019B9A0B0C0",
        mac_assignment="static", license_file=str((tmp_path / "licenses" / "main.lic").resolve()),
        line=4),)
    assert [a.name for a in dep.applications] == [
        "confserv", "SCS", "TS_Avaya_Boston", "URS", "OCS", "CPD"]
    assert app(dep, "TS_Avaya_Boston") == Application(
        name="TS_Avaya_Boston", product="t-server", release="8.1", redundancy="warm-standby",
        site="boston", multi_site=False, license_server="lic-main", instances=1,
        keys={"seats": 250}, line=line_of(SINGLE_SITE, 'name = "TS_Avaya_Boston"') - 1)
    assert app(dep, "TS_Avaya_Boston").line == 22
    assert app(dep, "confserv").keys == {}
    assert app(dep, "SCS").keys == {"snmp": True}
    assert app(dep, "URS").keys == {"places": 200}
    assert app(dep, "URS").get("pickup-calls") is None
    assert app(dep, "OCS").keys == {"seats": 40, "dialing": "full"}
    cpd = app(dep, "CPD")
    assert (cpd.keys, cpd.instances, cpd.line) == ({"ports": 24, "mode": "asm"}, 2, 42)
    # every application's line is its [[application]] header
    lines = SINGLE_SITE.splitlines()
    assert all(lines[a.line - 1] == "[[application]]" for a in dep.applications)


MULTI_SITE_HA = toml('''
    release = "8.5"

    [[license-server]]
    name = "lic-east"
    host = "lic-bos-01"
    mac = "00:1A:2B:3C:4D:5E"

    [[license-server]]
    name = "lic-west"
    host = "lic-sfo-01"
    mac = "001A2B3C4D5F"

    [[application]]
    name = "confserv-master"
    product = "configuration-server"
    redundancy = "hot-standby"

    [[application]]
    name = "confserv-proxy-sfo"
    product = "configuration-server"
    proxy = true
    site = "san-francisco"
    instances = 2

    [[application]]
    name = "SCS"
    product = "solution-control-server"
    redundancy = "warm-standby"
    snmp = true
    distributed = true

    [[application]]
    name = "TS_Avaya_Boston"
    product = "t-server"
    redundancy = "hot-standby"          # a primary/backup pair is ONE entry
    site = "boston"
    multi-site = true
    seats = 250
    license-server = "lic-east"

    [[application]]
    name = "TS_Cisco_SFO"
    product = "t-server"
    redundancy = "hot-standby"
    site = "san-francisco"
    multi-site = true
    seats = 120
    license-server = "lic-west"

    [[application]]
    name = "NTS_GenSpec"
    product = "network-t-server"
    network = "genspec"
    seats = 0
    parking-ports = 30
    multi-site = true

    [[application]]
    name = "URS"
    product = "universal-routing-server"
    redundancy = "hot-standby"
    places = 370
    pickup-calls = true
    license-server = "lic-east"

    [[application]]
    name = "IVR_Boston"
    product = "ivr-server"
    mode = "in-front"
    ports = 96
    site = "boston"
    multi-site = true

    [[application]]
    name = "IVR_Network"
    product = "ivr-server"
    mode = "network"
    routing = true
    ports = 48

    [[application]]
    name = "InfoMart"
    product = "info-mart"
    release = "7.2"

    [[application]]
    name = "LDS"
    product = "load-distribution-server"
    instances = 2
    ''')


def test_multi_site_with_ha(tmp_path: Path) -> None:
    dep = parse_deployment(MULTI_SITE_HA, "multi.toml", base_dir=tmp_path)
    assert dep.release == "8.5"
    east, west = dep.license_servers
    assert (east.name, east.host, east.platform, east.line) == ("lic-east", "lic-bos-01",
                                                                 "physical", 3)
    assert east.mac == "001A2B3C4D5E"           # separators dropped: the hostid form
    assert east.mac_assignment is None and east.license_file is None
    assert (west.name, west.mac, west.line) == ("lic-west", "001A2B3C4D5F", 8)

    boston = app(dep, "TS_Avaya_Boston")
    assert (boston.redundancy, boston.site, boston.multi_site, boston.license_server,
            boston.release, boston.keys) == ("hot-standby", "boston", True, "lic-east", "8.5",
                                             {"seats": 250})
    assert boston.line == line_of(MULTI_SITE_HA, '"TS_Avaya_Boston"') - 1 == 32
    assert app(dep, "TS_Cisco_SFO").keys == {"seats": 120}
    assert app(dep, "confserv-master").redundancy == "hot-standby"
    proxy = app(dep, "confserv-proxy-sfo")
    assert (proxy.keys, proxy.instances, proxy.site) == ({"proxy": True}, 2, "san-francisco")
    assert app(dep, "SCS").keys == {"snmp": True, "distributed": True}
    assert app(dep, "NTS_GenSpec").keys == {"network": "genspec", "seats": 0, "parking-ports": 30}
    assert app(dep, "URS").keys == {"places": 370, "pickup-calls": True}
    assert app(dep, "IVR_Boston").keys == {"mode": "in-front", "ports": 96}
    assert app(dep, "IVR_Network").keys == {"mode": "network", "routing": True, "ports": 48}
    assert app(dep, "InfoMart").release == "7.2"        # its own release wins
    assert app(dep, "InfoMart").keys == {}
    assert app(dep, "LDS").instances == 2
    assert len(dep.applications) == 11


VIRTUALIZED = toml('''
    release = "8.1"

    [[license-server]]
    name = "lic-vm"
    host = "lic-vm-01"
    platform = "vmware"
    mac = "00505699AB01"                 # a VMware MAC, pinned
    mac-assignment = "static"
    license-file = "../shared/genesys.lic"

    [[application]]
    name = "GIS"
    product = "gis"
    instances = 2
    license-server = "lic-vm"
    services = { interaction = 50, configuration = 5, statistics = 20, queue = true, agent-interaction = true }

    [[application]]
    name = "GAD"
    product = "genesys-desktop"
    agents = 180
    supervisors = 12
    license-server = "lic-vm"

    [[application]]
    name = "AIL_custom"
    product = "agent-interaction-sdk"
    route-point-monitoring = true
    instances = 3

    [[application]]
    name = "IXN"
    product = "interaction-server"
    agents = 60
    iwd-jms = true
    license-server = "lic-vm"

    [application.media]                  # a sub-table of the last [[application]]
    email = 40
    chat = 25
    open-media = 5

    [[application]]
    name = "Classification"
    product = "classification-server"
    content-analysis = true

    [[application]]
    name = "Scripting"
    product = "agent-scripting"

    [feature-names]
    "urs.seats" = "router_seats"
    t-server.seats = "tserver_sdn"        # unquoted: read as the id "t-server.seats"
    ''')


def test_virtualized_with_gis_and_desktop(tmp_path: Path) -> None:
    (tmp_path / "shared").mkdir()
    lic = tmp_path / "shared" / "genesys.lic"
    lic.write_text("SERVER lic-vm-01 00505699AB01 7260\n")
    (tmp_path / "deploy").mkdir()
    f = tmp_path / "deploy" / "virtual.toml"
    f.write_text(VIRTUALIZED)

    dep = load_deployment(f)
    (ls,) = dep.license_servers
    assert (ls.platform, ls.mac, ls.mac_assignment) == ("vmware", "00505699AB01", "static")
    assert ls.license_file == str(lic.resolve())
    assert app(dep, "GIS").keys == {"services": {
        "interaction": 50, "configuration": 5, "statistics": 20, "queue": True,
        "agent-interaction": True}}
    assert app(dep, "GIS").instances == 2
    assert app(dep, "GAD").keys == {"agents": 180, "supervisors": 12}
    assert app(dep, "AIL_custom").keys == {"route-point-monitoring": True}
    ixn = app(dep, "IXN")
    assert ixn.keys == {"agents": 60, "iwd-jms": True,
                        "media": {"email": 40, "chat": 25, "open-media": 5}}
    assert ixn.line == 31
    assert app(dep, "Classification").keys == {"content-analysis": True}
    assert app(dep, "Scripting").keys == {}
    assert dep.feature_names == {"urs.seats": "router_seats", "t-server.seats": "tserver_sdn"}


# --------------------------------------------------------------------------------------------
# defaults and paths
# --------------------------------------------------------------------------------------------

MINIMAL = toml('''
    release = "8.0"

    [[license-server]]
    name = "lic"

    [[application]]
    name = "TS"
    product = "t-server"

    [[application]]
    name = "TS_old"
    product = "t-server"
    release = "7.6"
    ''')


def test_defaults() -> None:
    dep = parse_deployment(MINIMAL)
    assert dep.path == "<deployment>"
    (ls,) = dep.license_servers
    assert ls == LicenseServer(name="lic", line=3)
    assert (ls.host, ls.platform, ls.mac, ls.mac_assignment, ls.license_file) == (
        None, "physical", None, None, None)
    ts, old = dep.applications
    assert ts == Application(name="TS", product="t-server", release="8.0", line=6)
    assert (ts.release, ts.instances, ts.redundancy, ts.multi_site, ts.site,
            ts.license_server, dict(ts.keys)) == ("8.0", 1, "none", False, None, None, {})
    assert ts.get("seats") is None and ts.get("seats", 0) == 0
    assert old.release == "7.6"
    assert dep.feature_names == {}


def test_only_release() -> None:
    dep = parse_deployment('release = "8.1"\n')
    assert dep == Deployment(release="8.1", path="<deployment>")


def test_every_product_loads_with_only_the_common_keys() -> None:
    text = 'release = "8.1"\n' + "".join(
        f'[[application]]\nname = "app-{p}"\nproduct = "{p}"\n' for p in PRODUCTS)
    dep = parse_deployment(text)
    assert [a.product for a in dep.applications] == list(PRODUCTS)
    assert [a.line for a in dep.applications] == [2 + 3 * k for k in range(len(PRODUCTS))]


def test_product_keys_are_the_contract() -> None:
    # issue 13, item 6: technical-dns (T-Server 7.0/7.1), callbacks (Voice Callback) and
    # databases (Info Mart before 7.5) are new keys
    expected = {
        "t-server": {"seats", "technical-dns"}, "cti-less-t-server": {"seats"},
        "network-t-server": {"seats", "network", "parking-ports"},
        "configuration-server": {"proxy"}, "solution-control-server": {"snmp", "distributed"},
        "universal-routing-server": {"places", "pickup-calls"},
        "outbound-contact-server": {"seats", "dialing"},
        "voice-callback-server": {"dialing", "callbacks"},
        "cpd-server": {"ports", "mode"}, "call-concentrator": set(),
        "load-distribution-server": set(), "ivr-server": {"ports", "mode", "routing"},
        "voice-treatment-server": {"ports"}, "info-mart": {"databases"},
        "genesys-desktop": {"agents", "supervisors"}, "gis": {"services"},
        "agent-interaction-sdk": {"route-point-monitoring"}, "agent-scripting": set(),
        "interaction-server": {"agents", "media", "iwd-jms"},
        "classification-server": {"content-analysis"},
    }
    assert {p: set(k) for p, k in PRODUCT_KEYS.items()} == expected
    assert set(COMMON_KEYS) == {"name", "product", "release", "redundancy", "site", "multi-site",
                                "license-server", "instances"}


def test_license_file_relative_to_the_deployment_folder(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "site" / "lic").mkdir(parents=True)
    target = tmp_path / "site" / "lic" / "a.lic"
    target.write_text("")
    f = tmp_path / "site" / "d.toml"
    f.write_text('release = "8.1"\n[[license-server]]\nname = "x"\nlicense-file = "lic/a.lic"\n')
    monkeypatch.chdir(tmp_path)                   # not relative to the working directory
    dep = load_deployment(Path("site/d.toml"))
    assert dep.license_servers[0].license_file == str(target.resolve())
    assert Path(dep.license_servers[0].license_file).is_absolute()
    assert dep.path == str(Path("site/d.toml"))


def test_parse_deployment_base_dir(tmp_path: Path) -> None:
    (tmp_path / "a.lic").write_text("")
    text = 'release = "8.1"\n[[license-server]]\nname = "x"\nlicense-file = "a.lic"\n'
    dep = parse_deployment(text, "elsewhere/d.toml", base_dir=tmp_path)
    assert dep.license_servers[0].license_file == str((tmp_path / "a.lic").resolve())
    # default: the folder of `path`
    dep = parse_deployment(text, str(tmp_path / "d.toml"))
    assert dep.license_servers[0].license_file == str((tmp_path / "a.lic").resolve())
    # an absolute license-file is taken as it is
    abs_text = text.replace('"a.lic"', repr(str(tmp_path / "a.lic")).replace("'", '"'))
    dep = parse_deployment(abs_text, "d.toml", base_dir=tmp_path / "nowhere")
    assert dep.license_servers[0].license_file == str((tmp_path / "a.lic").resolve())


def test_crlf_and_tabs() -> None:
    text = 'release = "8.1"\r\n\r\n[[application]]\r\n\tname = "TS"\r\n\tproduct = "t-server"\r\n'
    assert parse_deployment(text).applications[0].line == 3
    bad = text + '\tseats = "many"\r\n'
    expect_error(bad, 6, '"many"', "expected a non-negative integer", column=10)


# --------------------------------------------------------------------------------------------
# errors: TOML syntax, top level
# --------------------------------------------------------------------------------------------

def test_toml_syntax_error_has_line_and_column() -> None:
    text = toml('''
        release = "8.1"

        [[application]]
        name = "TS"
        product = t-server
        ''')
    err = expect_error(text, 5, "t-server", "invalid TOML", column=11)
    assert "(at line" not in err.message


def test_toml_syntax_error_duplicate_key() -> None:
    text = toml('''
        release = "8.1"
        [[application]]
        name = "TS"
        product = "t-server"
        seats = 10
        seats = 20
        ''')
    expect_error(text, 6, "seats = 20", "invalid TOML")


def test_toml_syntax_error_at_end_of_document() -> None:
    text = 'release = "8.1"\n[[application]]\nname = "TS'
    with pytest.raises(LictoolError) as info:
        parse_deployment(text, "d.toml")
    assert info.value.line == 3 and "invalid TOML" in info.value.message


def test_unknown_top_level_key() -> None:
    text = toml('''
        release = "8.1"
        relase-date = "2025-01-01"
        ''')
    expect_error(text, 2, "relase-date", "unknown top-level key or table 'relase-date'", column=1)


def test_unknown_top_level_table_suggests() -> None:
    text = toml('''
        release = "8.1"

        [[application]]
        name = "TS"
        product = "t-server"

        [[applications]]
        name = "URS"
        product = "universal-routing-server"
        ''')
    expect_error(text, 7, "[[applications]]", "'applications'", "did you mean 'application'",
                 column=1)


def test_unknown_top_level_plain_table() -> None:
    text = toml('''
        release = "8.1"

        [sites]
        boston = "US/Eastern"
        ''')
    expect_error(text, 3, "[sites]", "unknown top-level key or table 'sites'")


def test_missing_top_level_release() -> None:
    text = toml('''
        # no release
        [[application]]
        name = "TS"
        product = "t-server"
        ''')
    expect_error(text, 1, "# no release", "missing required top-level key 'release'", column=1)


def test_release_after_a_table_belongs_to_that_table() -> None:
    text = toml('''
        [[license-server]]
        name = "lic"
        release = "8.1"
        ''')
    # the top level has no release: that is reported first
    expect_error(text, 1, "[[license-server]]", "missing required top-level key 'release'")
    text = 'release = "8.1"\n' + text
    expect_error(text, 4, 'release = "8.1"', "license server 'lic': unknown key 'release'",
                 "must come before the first [table]", column=1)


def test_top_level_release_types() -> None:
    expect_error('release = 8.1\n', 1, "8.1", "expected a release string", 'release = "8.1"',
                 column=11)
    expect_error('release = "8.1-SP2"\n', 1, "8.1-SP2", "digits and dots", "'8.1-SP2'")
    expect_error('release = "8."\n', 1, '"8."', "digits and dots")


def test_application_must_be_an_array_of_tables() -> None:
    text = toml('''
        release = "8.1"

        [application]
        name = "TS"
        product = "t-server"
        ''')
    expect_error(text, 3, "[application]", "expected an array of tables", "[[application]]")


def test_feature_names_errors() -> None:
    text = toml('''
        release = "8.1"
        [feature-names]
        "urs.seats" = "router_seats"
        "ocs.full" = 12
        ''')
    expect_error(text, 4, "12", "feature-names: 'ocs.full'", "expected a string", column=14)
    text = 'release = "8.1"\nfeature-names = "x"\n'
    expect_error(text, 2, '"x"', "feature-names: expected a table")
    text = 'release = "8.1"\n[feature-names]\n"t-server.seats" = "tserver sdn"\n'
    expect_error(text, 3, "tserver sdn", "is not a feature name")


# --------------------------------------------------------------------------------------------
# errors: applications
# --------------------------------------------------------------------------------------------

def test_unknown_product_names_the_closest() -> None:
    text = toml('''
        release = "8.1"

        [[application]]
        name = "TS"
        product = "t-server"

        [[application]]
        name = "URS"
        product = "universal-router"
        ''')
    expect_error(text, 9, "universal-router", "application 'URS': unknown product "
                 "'universal-router'", "did you mean 'universal-routing-server'?", column=11,
                 at='"universal-router"')


def test_unknown_product_without_a_close_one_lists_them() -> None:
    text = 'release = "8.1"\n[[application]]\nname = "X"\nproduct = "PBX"\n'
    err = expect_error(text, 4, "PBX", "unknown product 'PBX'", "expected one of")
    assert "t-server" in err.message and "classification-server" in err.message


def test_unknown_key_for_product_says_which_it_takes() -> None:
    text = toml('''
        release = "8.1"

        [[application]]
        name = "TS_Boston"
        product = "t-server"
        seats = 100
        agents = 100
        ''')
    err = expect_error(text, 7, "agents", "application 'TS_Boston'",
                       "unknown key 'agents' for product 't-server'", "'seats'", column=1)
    assert "'agents' is a key of genesys-desktop, interaction-server" in err.message
    assert "'instances'" in err.message     # the common keys are named too


def test_unknown_key_typo_suggests() -> None:
    text = 'release = "8.1"\n[[application]]\nname = "U"\nproduct = "universal-routing-server"\n' \
           'pickup_calls = true\n'
    expect_error(text, 5, "pickup_calls", "unknown key 'pickup_calls'",
                 "did you mean 'pickup-calls'?")


def test_product_without_product_keys() -> None:
    # (info-mart took no keys before issue 13, item 6 gave it databases)
    text = 'release = "8.1"\n[[application]]\nname = "CC"\nproduct = "call-concentrator"\nsources = 3\n'
    expect_error(text, 5, "sources", "unknown key 'sources' for product 'call-concentrator'",
                 "takes only the common keys")


def test_unknown_key_in_an_inline_table_is_found() -> None:
    text = toml('''
        release = "8.1"
        [[application]]
        name = "IXN"
        product = "interaction-server"
        media = { email = 5, sms = 2 }
        ''')
    expect_error(text, 5, "sms", "application 'IXN': media: unknown key 'sms'", "'open-media'",
                 column=22)


def test_unknown_key_in_a_subtable_is_found() -> None:
    text = toml('''
        release = "8.1"
        [[application]]
        name = "GIS"
        product = "gis"
        [application.services]
        interaction = 10
        statistic = 3
        ''')
    expect_error(text, 7, "statistic", "services: unknown key 'statistic'",
                 "did you mean 'statistics'?", column=1)


def test_errors_point_into_the_right_entry() -> None:
    # the n-th [[application]] is the n-th header; the same key earlier must not be blamed
    text = toml('''
        release = "8.1"

        [[application]]
        name = "TS1"
        product = "t-server"
        seats = 10

        [[application]]
        name = "TS2"
        product = "t-server"
        seats = 20

        [[application]]
        name = "TS3"
        product = "t-server"
        seats = -1
        ''')
    expect_error(text, 16, "seats = -1", "application 'TS3': seats",
                 "expected a non-negative integer, got -1", column=9, at="-1")


def test_header_text_inside_a_multiline_string_is_not_a_header() -> None:
    text = toml('''
        release = "8.1"

        [[application]]
        name = "TS1"
        product = "t-server"
        site = """
        [[application]]
        seats = 1
        """

        [[application]]
        name = "TS2"
        product = "t-server"
        seats = "1"
        ''')
    expect_error(text, 14, 'seats = "1"', "application 'TS2': seats", "without quotes")


def test_dotted_keys_are_found() -> None:
    text = toml('''
        release = "8.1"
        [[application]]
        name = "IXN"
        product = "interaction-server"
        media.email = 5
        media.chat = "5"
        ''')
    expect_error(text, 6, "media.chat", "media.chat: expected a non-negative integer",
                 column=14, at='"5"')


@pytest.mark.parametrize("line_text, fragments", [
    ('seats = "250"', ("seats: expected a non-negative integer", "the string '250'",
                       "write", "seats = 250")),
    ("seats = 2.5", ("seats: expected a non-negative integer", "the number 2.5")),
    ("seats = true", ("seats: expected a non-negative integer", "the boolean true")),
    ("seats = -5", ("non-negative", "got -5")),
    ("multi-site = 1", ("multi-site: expected a boolean (true or false)", "the integer 1")),
    ('multi-site = "yes"', ("multi-site: expected a boolean",)),
    ('multi-site = "true"', ("without quotes",)),
    ("instances = 0", ("instances: expected a positive integer", "got 0")),
    ('release = 8.1', ("release: expected a release string", 'release = "8.1"')),
    ('release = "eight"', ("release: expected a release string",)),
    ("site = 3", ("site: expected a string", "the integer 3")),
    ('site = ""', ("site: expected a non-empty string",)),
    ("license-server = true", ("license-server: expected a string",)),
    ("redundancy = true", ("redundancy: expected a string", "'hot-standby'")),
])
def test_wrong_types(line_text: str, fragments) -> None:
    text = ('release = "8.1"\n\n[[application]]\nname = "TS"\nproduct = "t-server"\n'
            + line_text + "\n")
    err = expect_error(text, 6, line_text, "application 'TS'", *fragments)
    assert err.column == line_text.index("=") + 3      # the value


@pytest.mark.parametrize("product, line_text, fragments", [
    ("universal-routing-server", 'pickup-calls = "yes"', ("pickup-calls: expected a boolean",)),
    ("interaction-server", "media = 5", ("media: expected a table", "the integer 5")),
    ("interaction-server", "media = { email = -1 }", ("media.email: expected a non-negative",)),
    ("interaction-server", "iwd-jms = 1", ("iwd-jms: expected a boolean",)),
    ("gis", "services = { queue = 1 }", ("services.queue: expected a boolean",)),
    ("gis", 'services = { interaction = "10" }', ("services.interaction: expected a non-neg",)),
    ("genesys-desktop", "supervisors = 1.0", ("supervisors: expected a non-negative integer",)),
    ("network-t-server", 'parking-ports = "30"', ("parking-ports: expected a non-negative",)),
    ("classification-server", 'content-analysis = "on"', ("content-analysis: expected a bool",)),
    ("configuration-server", "proxy = 1", ("proxy: expected a boolean",)),
    ("cpd-server", "mode = 1", ("mode: expected a string", "'asm', 'standard'")),
])
def test_wrong_types_of_product_keys(product: str, line_text: str, fragments) -> None:
    text = (f'release = "8.1"\n[[application]]\nname = "A"\nproduct = "{product}"\n'
            + line_text + "\n")
    expect_error(text, 5, line_text, "application 'A'", *fragments)


@pytest.mark.parametrize("product, line_text, fragments", [
    ("t-server", 'redundancy = "hot_standby"', ("redundancy: 'hot_standby' is not one of",
                                                 "did you mean 'hot-standby'?")),
    ("t-server", 'redundancy = "hot"', ("redundancy: 'hot' is not one of 'none', "
                                         "'warm-standby', 'hot-standby'",)),
    ("ivr-server", 'mode = "asm"', ("mode: 'asm' is not one of 'behind-the-switch', 'in-front',"
                                    " 'network'",)),
    ("cpd-server", 'mode = "in-front"', ("mode: 'in-front' is not one of 'asm', 'standard'",)),
    ("outbound-contact-server", 'dialing = "predictive"', ("dialing: 'predictive' is not one "
                                                           "of 'preview', 'full'",)),
    ("voice-callback-server", 'dialing = "Full"', ("did you mean 'full'?",)),
    ("network-t-server", 'network = "at&t"', ("network: 'at&t' is not one of", "'att'")),
])
def test_bad_enum_values(product: str, line_text: str, fragments) -> None:
    text = (f'release = "8.1"\n[[application]]\nname = "A"\nproduct = "{product}"\n'
            + line_text + "\n")
    expect_error(text, 5, line_text, "application 'A'", *fragments,
                 column=line_text.index('"') + 1, at=line_text[line_text.index('"'):])


def test_duplicate_application_name() -> None:
    text = toml('''
        release = "8.1"

        [[application]]
        name = "TS_Boston"
        product = "t-server"

        [[application]]
        name = "URS"
        product = "universal-routing-server"

        [[application]]
        name = "TS_Boston"
        product = "cti-less-t-server"
        ''')
    expect_error(text, 12, 'name = "TS_Boston"',
                 "application 'TS_Boston' is already defined on line 3", column=8,
                 at='"TS_Boston"')


def test_duplicate_license_server_name() -> None:
    text = toml('''
        release = "8.1"

        [[license-server]]
        name = "lic"
        host = "a"

        [[license-server]]
        name = "lic"
        host = "b"
        ''')
    expect_error(text, 8, 'name = "lic"', "license server 'lic' is already defined on line 3")


def test_missing_license_server() -> None:
    text = toml('''
        release = "8.1"

        [[license-server]]
        name = "lic-main"

        [[application]]
        name = "TS"
        product = "t-server"
        license-server = "lic-mian"
        ''')
    expect_error(text, 9, "license-server", "application 'TS': license server 'lic-mian' is not "
                 "defined", "did you mean 'lic-main'?", column=18, at='"lic-mian"')


def test_missing_license_server_when_none_is_defined() -> None:
    text = 'release = "8.1"\n[[application]]\nname = "TS"\nproduct = "t-server"\n' \
           'license-server = "lic"\n'
    expect_error(text, 5, "license-server", "no [[license-server]] is defined")


def test_license_server_defined_after_the_application() -> None:
    text = toml('''
        release = "8.1"
        [[application]]
        name = "TS"
        product = "t-server"
        license-server = "lic"
        [[license-server]]
        name = "lic"
        ''')
    assert parse_deployment(text).applications[0].license_server == "lic"


@pytest.mark.parametrize("missing, line, marker", [
    ("name", 3, "[[application]]"),
    ("product", 3, "[[application]]"),
])
def test_missing_required_application_key(missing: str, line: int, marker: str) -> None:
    body = {"name": 'name = "TS"\n', "product": 'product = "t-server"\n'}
    text = 'release = "8.1"\n\n[[application]]\n' + "".join(
        v for k, v in body.items() if k != missing) + "seats = 5\n"
    expect_error(text, line, marker, f"without the required key '{missing}'", column=1)


def test_missing_license_server_name() -> None:
    text = toml('''
        release = "8.1"

        [[license-server]]
        name = "a"

        [[license-server]]
        host = "lic02"
        ''')
    expect_error(text, 6, "[[license-server]]", "license server without the required key 'name'")


def test_empty_name() -> None:
    text = 'release = "8.1"\n[[application]]\nname = " "\nproduct = "t-server"\n'
    expect_error(text, 3, 'name = " "', "name: expected a non-empty string")


def test_applications_as_an_inline_array() -> None:
    text = toml('''
        release = "8.1"
        application = [
            { name = "TS", product = "t-server", seats = 5 },
            { name = "CC", product = "call-concentrator", seats = 5 },
        ]
        ''')
    expect_error(text, 4, "CC", "application 'CC': unknown key 'seats' for product "
                 "'call-concentrator'", column=51, at="seats = 5 }")
    ok = text.replace(', seats = 5 },\n]', " },\n]")
    dep = parse_deployment(ok)
    assert [(a.name, a.line) for a in dep.applications] == [("TS", 3), ("CC", 4)]


# --------------------------------------------------------------------------------------------
# errors: license servers
# --------------------------------------------------------------------------------------------

def test_license_file_does_not_exist(tmp_path: Path) -> None:
    (tmp_path / "licenses").mkdir()
    (tmp_path / "licenses" / "main.lic").write_text("")
    text = toml('''
        release = "8.1"

        [[license-server]]
        name = "lic-main"
        license-file = "licenses/main.lic"

        [[license-server]]
        name = "lic-dr"
        host = "lic02"
        license-file = "licenses/dr.lic"
        mac = "0019B9A0B0C1"
        ''')
    err = expect_error(text, 10, "license-file", "license server 'lic-dr': license file "
                       "'licenses/dr.lic' does not exist", base_dir=tmp_path, column=16,
                       at='"licenses/dr.lic"')
    assert str(tmp_path / "licenses" / "dr.lic") in err.message


def test_license_file_relative_to_the_file_not_the_cwd(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "main.lic").write_text("")
    (tmp_path / "conf").mkdir()
    f = tmp_path / "conf" / "d.toml"
    text = 'release = "8.1"\n[[license-server]]\nname = "x"\nlicense-file = "main.lic"\n'
    f.write_text(text)
    monkeypatch.chdir(tmp_path)               # main.lic exists here, but not beside d.toml
    with pytest.raises(LictoolError) as info:
        load_deployment(f)
    assert (info.value.path, info.value.line) == (str(f), 4)
    assert "does not exist" in info.value.message


def test_license_file_is_a_directory(tmp_path: Path) -> None:
    (tmp_path / "licenses").mkdir()
    text = 'release = "8.1"\n[[license-server]]\nname = "x"\nlicense-file = "licenses"\n'
    expect_error(text, 4, "license-file", "is not a file", base_dir=tmp_path)


@pytest.mark.parametrize("line_text, fragments", [
    ('platform = "vmware-esx"', ("platform: 'vmware-esx' is not one of", "did you mean 'vmware'?")),
    ('platform = "Hyper-V"', ("'hyper-v'",)),
    ('mac-assignment = "fixed"', ("mac-assignment: 'fixed' is not one of 'static', "
                                  "'generated', 'assigned', 'dynamic'",)),
    ('mac = "0019B9A0B0"', ("mac: '0019B9A0B0' is not a MAC address",)),
    ("mac = 1234", ("mac: expected a string",)),
    ("host = 10", ("host: expected a string",)),
    ('license-file = 3', ("license-file: expected a string",)),
])
def test_bad_license_server_values(line_text: str, fragments) -> None:
    text = 'release = "8.1"\n\n[[license-server]]\nname = "lic"\n' + line_text + "\n"
    err = expect_error(text, 5, line_text, "license server 'lic'", *fragments)
    assert err.column == line_text.index("=") + 3


def test_unknown_license_server_key() -> None:
    text = 'release = "8.1"\n[[license-server]]\nname = "lic"\nport = 7260\n'
    expect_error(text, 4, "port", "license server 'lic': unknown key 'port'", "'license-file'",
                 column=1)


# --------------------------------------------------------------------------------------------
# reading files
# --------------------------------------------------------------------------------------------

def test_load_missing_file(tmp_path: Path) -> None:
    with pytest.raises(LictoolError) as info:
        load_deployment(tmp_path / "nope.toml")
    assert info.value.message == "no such file or directory (deployment file)"
    assert info.value.path == str(tmp_path / "nope.toml")


def test_load_binary_file(tmp_path: Path) -> None:
    f = tmp_path / "d.toml"
    f.write_bytes(b'release = "8.1"\n\xff\xfe\n')
    with pytest.raises(LictoolError) as info:
        load_deployment(f)
    assert "not UTF-8" in info.value.message


def test_load_reports_the_file_path(tmp_path: Path) -> None:
    f = tmp_path / "d.toml"
    f.write_text('release = "8.1"\n[[application]]\nname = "TS"\nproduct = "tserver"\n')
    with pytest.raises(LictoolError) as info:
        load_deployment(f)
    assert str(info.value) == (f"{f}:4:11: application 'TS': unknown product 'tserver' "
                               f"(did you mean 't-server'?)")


def test_comments_quotes_and_escapes_do_not_confuse_the_positions() -> None:
    text = r'''release = "8.1"   # a comment with [[application]] and "quotes
[[ application ]]   # a spaced header
"name" = 'TS # not a comment'
'product' = "t-server"
site = """x \""" [[application]]
name = "y" """
[[application]]
name = "TS2"
product = "t-server"
seats = [
  1, # ]
]
'''
    expect_error(text, 10, "seats = [", "application 'TS2': seats", "got an array", column=9,
                 at="[")
    dep = parse_deployment(text.replace("seats = [\n  1, # ]\n]\n", "seats = 1\n"))
    assert [(a.name, a.line, a.site) for a in dep.applications] == [
        ("TS # not a comment", 2, 'x """ [[application]]\nname = "y" '), ("TS2", 7, None)]
