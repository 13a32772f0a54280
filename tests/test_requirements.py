"""Unit tests of ``lictool.genesys.requirements``: the technical licenses a Genesys deployment
needs, one test per rule of the Genesys licensing guide (``genesys-licensing-guide.txt``), with the
guide's own examples where it gives one. Deployments are built from the model's dataclasses
directly (the TOML loader is tested on its own)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from lictool.catalogs import Catalogs, VendorCatalog, load
from lictool.errors import LictoolError
from lictool.genesys.model import PRODUCTS, Application, Deployment, Share
from lictool.genesys.requirements import LICENSES, cap_warnings, notes, requirements

GUIDE = Path(__file__).resolve().parent / "data" / "genesys-licensing-guide.txt"


def app(name, product, release="8.1", redundancy="none", site=None, multi_site=False,
        instances=1, **keys):
    return Application(name, product, release, redundancy=redundancy, site=site,
                       multi_site=multi_site, instances=instances,
                       keys={k.replace("_", "-"): v for k, v in keys.items()})


def dep(*apps, feature_names=None, release="8.1"):
    return Deployment(release, applications=tuple(apps), feature_names=feature_names or {})


def need(*apps, **kw):
    """{license id: Requirement} for a deployment of ``apps``."""
    reqs = requirements(dep(*apps, **kw))
    ids = [r.license for r in reqs]
    assert len(ids) == len(set(ids)), "one Requirement per license id"
    return {r.license: r for r in reqs}


def qty(*apps, **kw):
    return {k: r.quantity for k, r in need(*apps, **kw).items()}


# --- the table ------------------------------------------------------------------------------------

#: the feature names the guide gives, by license id (read from the guide, not from the table)
GUIDE_NAMES = {
    "t-server.seats": "tserver_sdn", "t-server.tdn": "tserver_tdn", "t-server.ha": "cti_ha_option",
    "multi-site": "tserver_isc", "urs.ha": "router_ha_option", "scs.snmp": "MLSNMP",
    "scs.distributed": "MLDistributed", "scs.ha-redundancy": "ha_redundancy",
    "vcb.preview": "vcb_preview", "vcb.full": "vcb_full",
    "interaction-server.agent-seat": "ics_multi_media_agent_seat",
    "interaction-server.email": "ics_email_webform_channel",
    "interaction-server.chat": "ics_live_web_channel",
    "interaction-server.open-media": "ics_custom_media_channel",
    "interaction-server.iwd-jms": "iwd_jms_cp",
    "classification-server.content-analysis": "ics_nlp_content_analysis",
    "ail.factory": "ISDK_FACTORY", "ail.queue": "ISDK_QUEUE", "gis.instance": "GIS",
    "gis.interaction-service": "GIS_INTERACTIONSERVICE",
    "gis.configuration-service": "GIS_CONFIGSERVICE", "gis.statistics-service": "GIS_STATSERVICE",
}


def test_table_has_every_license_id_with_a_known_product():
    for lt in LICENSES.values():
        assert lt.product in PRODUCTS, lt.id
        assert lt.counts and lt.section


def _application_for(need):
    """One application the need's own conditions (``when``) say needs its license, with
    3 of the key it counts."""
    release, redundancy, multi_site, keys = "8.1", "none", False, {}

    def put(key, value):
        head, _, sub = key.partition(".")
        if sub:
            keys.setdefault(head, {})[sub] = value
        else:
            keys[head] = value

    for key, values in (need.when[0].terms if need.when else ()):
        if key == "release":
            release = values[0]
        elif key == "release-before":
            release = "7.1"
        elif key == "redundancy":
            redundancy = values[0]
        elif key == "multi-site":
            multi_site = values[0]
        else:
            put(key, values[0])
    if need.key:
        put(need.key, 3)
    return Application("A", need.product, release, redundancy=redundancy, multi_site=multi_site,
                       site="s1" if multi_site else None, keys=keys)


@pytest.mark.parametrize("lid", list(LICENSES))
def test_each_need_of_the_table_gives_its_license(lid):
    # every product, condition and key the table lists for a license asks for it, on its own;
    # a need with a rule of its own (multi-site, HA redundancy, Info Mart, GIS interaction) is
    # the subject of its rule's tests below
    for need in LICENSES[lid].needs:
        if need.rule is None:
            a = _application_for(need)
            got = {r.license for r in requirements(Deployment(a.release, applications=(a,)))}
            assert lid in got, (need.product, need.when, need.key, sorted(got))


def test_the_feature_names_are_the_guides_and_the_catalogue_has_them():
    cat = load()
    reported = {r.license: r.feature for r in requirements(dep(*EVERYTHING)) if r.feature}
    assert reported == GUIDE_NAMES
    guide = GUIDE.read_text(encoding="utf-8").replace("\\_", "_")    # the guide's Markdown
    for name in reported.values():
        assert re.search(rf"(?<!\w){re.escape(name)}(?!\w)", guide), name
        assert cat.feature(name, "genesys.d") is not None, name


# --- T-Server, CTI-Less T-Server, Network T-Server: seats --------------------------------------

def test_seats_a_hot_standby_pair_counts_once():
    r = need(app("TS_Avaya_Boston", "t-server", redundancy="hot-standby", seats=250))["t-server.seats"]
    assert (r.quantity, r.feature, r.product) == (250, "tserver_sdn", "t-server")
    assert "250 DNs registered by T-Server TS_Avaya_Boston (a hot-standby pair counts once)" in r.reason
    assert r.source == "T-Server (7.2 and later): Basic Functionality"
    assert r.applications == ("TS_Avaya_Boston",)


def test_seats_instances_multiply_and_products_add_up():
    r = need(app("TS", "t-server", seats=100, instances=3),
             app("CTIL", "cti-less-t-server", seats=20, redundancy="warm-standby"),
             app("NTS", "network-t-server", seats=0))["t-server.seats"]
    assert r.quantity == 320
    assert r.applications == ("TS", "CTIL")          # the Network T-Server's 0 seats need nothing
    assert "on each of its 3 instances (300 in all)" in r.reason
    assert "CTI-Less T-Server: Basic Functionality" in r.source


def test_network_t_server_seats_when_given():
    assert qty(app("NTS", "network-t-server", seats=5))["t-server.seats"] == 5


@pytest.mark.parametrize("release, wanted", [("7.0", True), ("7.1", True), ("7.1.003", True),
                                             ("7.2", False), ("7.6", False), ("8.1", False)])
def test_technical_dns_only_for_t_server_7_0_and_7_1(release, wanted):
    # "T-Server 7.0 and 7.1 releases, also requires licenses that control technical DNs" (not
    # CTI-Less T-Server); the count is the technical DNs (issue 13, item 6: technical-dns)
    q = qty(app("TS", "t-server", release=release, seats=10, instances=2, technical_dns=15),
            app("CTIL", "cti-less-t-server", release=release, seats=10))
    assert ("t-server.tdn" in q) is wanted
    if wanted:
        assert q["t-server.tdn"] == 30                # 15 on each of the 2 instances
        r = need(app("TS", "t-server", release=release, seats=1))["t-server.tdn"]
        assert r.feature == "tserver_tdn"
        assert (r.quantity, r.unknown) == (0, "set technical-dns on TS")


# --- HA -------------------------------------------------------------------------------------------

def test_cti_ha_option_one_per_hot_standby_pair():
    q = qty(app("TS1", "t-server", redundancy="hot-standby", seats=10),
            app("TS2", "t-server", redundancy="hot-standby", seats=10, instances=2),
            app("TS3", "t-server", redundancy="warm-standby", seats=10),
            app("CTIL", "cti-less-t-server", redundancy="hot-standby", seats=10),
            app("NTS", "network-t-server", redundancy="hot-standby"))
    assert q["t-server.ha"] == 4


def test_no_cti_ha_option_without_hot_standby():
    assert "t-server.ha" not in qty(app("TS", "t-server", redundancy="warm-standby", seats=1))


# --- multi-site -----------------------------------------------------------------------------------

def test_no_multi_site_when_no_t_server_is_multi_site():
    q = qty(app("TS1", "t-server", seats=1), app("TS2", "cti-less-t-server", seats=1),
            app("IVR", "ivr-server", mode="in-front", ports=4))
    assert "multi-site" not in q


def test_multi_site_one_per_site_and_a_hot_standby_pair_counts_once():
    r = need(app("TS_Boston", "t-server", redundancy="hot-standby", site="Boston", multi_site=True),
             app("TS_Paris", "t-server", site="Paris", multi_site=True, instances=2))["multi-site"]
    assert r.quantity == 3
    assert r.feature == "tserver_isc"
    assert r.source.startswith("T-Server (7.2 and later): Multi-Site Functionality")


def test_multi_site_a_warm_standby_pair_needs_one_per_t_server():
    # guide, T-Server (7.2 and later) and CTI-Less T-Server, Multi-Site Functionality: "One
    # license per T-Server serving a particular site, if running in the stand-alone or warm
    # standby redundancy configuration"; "One license per redundant pair of primary and backup
    # T-Servers serving a particular site, if running in the hot standby redundancy
    # configuration"
    r = need(app("TS_Chicago", "t-server", redundancy="warm-standby", site="Chicago",
                 multi_site=True),
             app("CTIL_Lyon", "cti-less-t-server", redundancy="warm-standby", site="Lyon",
                 multi_site=True),
             app("TS_Boston", "t-server", redundancy="hot-standby", site="Boston",
                 multi_site=True))["multi-site"]
    assert r.quantity == 2 + 2 + 1
    assert "TS_Chicago (site Chicago) is multi-site (a warm-standby pair: one per T-Server of " \
           "the pair, two)" in r.reason
    assert "TS_Boston (site Boston) is multi-site (a redundant pair counts once" in r.reason


@pytest.mark.parametrize("product,lic", [
    ("call-concentrator", "call-concentrator.instance"),
    ("agent-scripting", "agent-scripting.instance"),
    ("gis", "gis.instance"),
])
def test_one_license_per_instance_products_a_redundant_pair_is_two_instances(product, lic):
    # guide, Call Concentrator and Genesys Agent Scripting: "One license per instance is
    # required."; GIS: "One license is required for each instance of GIS." A redundant pair
    # (one entry) is a primary and a backup instance.
    assert qty(app("X", product, redundancy="warm-standby"))[lic] == 2
    assert qty(app("X", product, redundancy="hot-standby", instances=3))[lic] == 6
    assert qty(app("X", product))[lic] == 1


def test_gis_queue_service_alone_needs_interaction_service_licenses():
    # guide, GIS Services, Interaction Service: "You need the GIS Interaction Service license
    # (GIS_INTERACTIONSERVICE) if you plan to connect your client application to the Agent
    # Interaction or Queue service that GIS provides--one license per client connection."
    # The number is the client connections: without services.interaction it is unknown (issue
    # 13, item 6: "quantity unknown: set X" instead of a placeholder 1).
    r = need(app("GIS_Q", "gis", services={"queue": True}))
    assert r["gis.interaction-service"].quantity == 0
    assert r["gis.interaction-service"].unknown == "set services.interaction on GIS_Q"
    assert r["gis.interaction-service"].feature == "GIS_INTERACTIONSERVICE"
    assert "quantity unknown: set services.interaction" in r["gis.interaction-service"].reason
    assert need(app("GIS_Q", "gis", services={"queue": True, "interaction": 12})
                )["gis.interaction-service"].quantity == 12


def test_multi_site_tip_one_multi_site_t_server_makes_all_need_one():
    r = need(app("TS_A", "t-server", multi_site=True),
             app("TS_B", "t-server"),
             app("CTIL", "cti-less-t-server"))["multi-site"]
    assert r.quantity == 3
    assert r.applications == ("TS_A", "TS_B", "CTIL")
    assert "Multi-Site Functionality, Tip" in r.source
    assert "TS_A is" in r.reason


def test_one_network_t_server_and_one_premise_t_server_need_two_multi_site_licenses():
    # guide, Network T-Server, Multi-Site Functionality: "if your configuration contains one
    # Network T-Server communicating with one premise T-Server, you need two multi-site licenses"
    r = need(app("NTS", "network-t-server", multi_site=True),
             app("TS", "t-server", seats=50))["multi-site"]
    assert r.quantity == 2
    assert "Network T-Server: Multi-Site Functionality" in r.source


def test_ivr_server_needs_one_per_server_when_t_servers_are_multi_site():
    q = qty(app("TS", "t-server", multi_site=True),
            app("IVR1", "ivr-server", mode="behind-the-switch", ports=10),
            app("IVR2", "ivr-server", mode="in-front", ports=10, instances=2))
    assert q["multi-site"] == 1 + 1 + 2
    r = need(app("TS", "t-server", multi_site=True), app("IVR", "ivr-server", mode="network"))
    assert "IVR Server: Multi-Site Functionality, Tip" in r["multi-site"].source


def test_ivr_server_itself_multi_site_needs_one():
    r = need(app("IVR", "ivr-server", multi_site=True, site="Lyon", mode="in-front", ports=2))
    assert r["multi-site"].quantity == 1
    assert r["multi-site"].source == "IVR Server: Multi-Site Functionality"


# --- Network T-Server for GenSpec -------------------------------------------------------------------

def test_genspec_one_deployment_license_for_all_and_parking_ports_add_up():
    q = qty(app("NTS1", "network-t-server", network="genspec", parking_ports=30),
            app("NTS2", "network-t-server", network="genspec", parking_ports=10, instances=2),
            app("NTS3", "network-t-server", network="att", parking_ports=99))
    assert q["nts.genspec-deployment"] == 1
    assert q["nts.parking-ports"] == 50


def test_no_genspec_licenses_for_other_networks():
    q = qty(app("NTS", "network-t-server", network="iscp", multi_site=True))
    assert "nts.genspec-deployment" not in q and "nts.parking-ports" not in q


# --- Configuration Server, Solution Control Server ---------------------------------------------------

def test_configuration_server_one_proxy_license_for_all_proxies():
    q = qty(app("CS", "configuration-server", redundancy="hot-standby"),
            app("CSP1", "configuration-server", proxy=True),
            app("CSP2", "configuration-server", proxy=True, instances=3))
    assert q["configuration-server.proxy"] == 1
    assert "scs.ha-redundancy" not in q       # a Configuration Server pair needs no license


def test_configuration_server_without_proxy_needs_nothing():
    assert qty(app("CS", "configuration-server")) == {}


def test_scs_snmp_and_distributed_one_per_environment():
    q = qty(app("SCS1", "solution-control-server", snmp=True, distributed=True),
            app("SCS2", "solution-control-server", snmp=True, distributed=True))
    assert q == {"scs.snmp": 1, "scs.distributed": 1}


def test_scs_ha_redundancy_one_for_every_redundant_pair_of_any_product():
    r = need(app("URS", "universal-routing-server", redundancy="warm-standby", places=10),
             app("OCS", "outbound-contact-server", redundancy="hot-standby", seats=5, dialing="full"),
             app("SCS", "solution-control-server", redundancy="warm-standby"))["scs.ha-redundancy"]
    assert r.quantity == 1 and r.feature == "ha_redundancy"
    assert r.applications == ("URS", "OCS")   # a primary/backup SCS is in the base solution
    assert "Solution Control Server: Primary Backup Mode Control" in r.source


def test_no_ha_redundancy_without_redundant_pairs():
    assert "scs.ha-redundancy" not in qty(app("TS", "t-server", seats=1),
                                         app("SCS", "solution-control-server", redundancy="hot-standby"))


# --- Universal Routing Server -------------------------------------------------------------------

def test_urs_seats_are_places():
    assert qty(app("URS", "universal-routing-server", places=120, instances=2))["urs.seats"] == 240


@pytest.mark.parametrize("redundancy, pickup, wanted", [
    ("hot-standby", False, 1), ("none", True, 1), ("hot-standby", True, 1),
    ("warm-standby", False, 0), ("none", False, 0)])
def test_router_ha_option_for_hot_standby_or_pickup_calls(redundancy, pickup, wanted):
    q = qty(app("URS", "universal-routing-server", redundancy=redundancy, places=1, pickup_calls=pickup))
    assert q.get("urs.ha", 0) == wanted


# --- Outbound Contact Server, Voice Callback, CPD Server ---------------------------------------------

def test_ocs_preview_or_full_never_both():
    q = qty(app("OCS1", "outbound-contact-server", seats=40, dialing="preview"),
            app("OCS2", "outbound-contact-server", seats=60, dialing="full", redundancy="hot-standby"))
    assert q["ocs.preview-seats"] == 40 and q["ocs.full-seats"] == 60
    q = qty(app("OCS", "outbound-contact-server", seats=60, dialing="full"))
    assert "ocs.preview-seats" not in q        # full enables preview too


def test_ocs_unknown_dialing_is_an_error():
    with pytest.raises(LictoolError, match="dialing"):
        requirements(dep(app("OCS", "outbound-contact-server", seats=1, dialing="predictive")))


def test_vcb_preview_or_full_by_dialing():
    # "vcb_preview: Number of callback vcb_preview requests per 60 minutes in Preview mode";
    # vcb_full likewise in Full mode (issue 13, item 6: the key callbacks)
    q = qty(app("UCS1", "voice-callback-server", dialing="preview", callbacks=120),
            app("UCS2", "voice-callback-server", dialing="full", callbacks=300))
    assert q["vcb.preview"] == 120 and q["vcb.full"] == 300
    r = need(app("UCS", "voice-callback-server", dialing="full"))["vcb.full"]
    assert r.feature == "vcb_full" and "per 60 minutes" in r.reason
    assert (r.quantity, r.unknown) == (0, "set callbacks on UCS")


def test_cpd_ports_by_mode_and_a_pair_counts_once():
    q = qty(app("CPD1", "cpd-server", mode="asm", ports=48, redundancy="warm-standby"),
            app("CPD2", "cpd-server", mode="standard", ports=24, instances=2))
    assert q == {"cpd.asm-ports": 48, "cpd.standard-ports": 48, "scs.ha-redundancy": 1}


# --- Call Concentrator, LDS --------------------------------------------------------------------

def test_call_concentrator_one_per_instance():
    assert qty(app("CCon", "call-concentrator", instances=3))["call-concentrator.instance"] == 3


def test_lds_one_for_all_instances():
    r = need(app("LDS1", "load-distribution-server", instances=2),
             app("LDS2", "load-distribution-server"))["lds"]
    assert r.quantity == 1 and r.applications == ("LDS1", "LDS2")


# --- IVR Server, Voice Treatment Server ---------------------------------------------------------

def test_ivr_ports_by_mode():
    q = qty(app("BTS", "ivr-server", mode="behind-the-switch", ports=30),
            app("IF", "ivr-server", mode="in-front", ports=20, instances=2),
            app("NET", "ivr-server", mode="network", ports=10, routing=True))
    assert q == {"ivr.behind-the-switch-ports": 30, "ivr.universal-ports": 40,
                 "ivr.network-ports": 10, "ivr.network-routing": 1}


def test_ivr_routing_license_only_in_network_mode():
    q = qty(app("IF", "ivr-server", mode="in-front", ports=1, routing=True))
    assert "ivr.network-routing" not in q


def test_ivr_ha_one_per_hot_standby_pair():
    q = qty(app("IVR1", "ivr-server", mode="in-front", ports=8, redundancy="hot-standby"),
            app("IVR2", "ivr-server", mode="in-front", ports=8, redundancy="warm-standby"))
    assert q["ivr.ha"] == 1 and q["ivr.universal-ports"] == 16


def test_ivr_unknown_mode_is_an_error():
    with pytest.raises(LictoolError, match="IVR1"):
        requirements(dep(app("IVR1", "ivr-server", mode="sideways", ports=8)))


def test_voice_treatment_ports():
    q = qty(app("VTS", "voice-treatment-server", ports=16, instances=2))
    assert q == {"voice-treatment.ports": 32}


# --- Genesys Info Mart ----------------------------------------------------------------------------

@pytest.mark.parametrize("release", ["7.5", "7.6", "8.1", "8.5.1"])
def test_info_mart_7_5_and_later_needs_nothing(release):
    assert qty(app("GIM", "info-mart", release=release)) == {}


def test_info_mart_before_7_5_voice_media_and_the_databases_decide_the_rest():
    # "Voice Media (Mandatory)"; Redundancy and High Availability depend on the databases
    # (issue 13, item 6: the key databases; without it, their quantity is unknown)
    r = need(app("GIM", "info-mart", release="7.2"))
    assert r["info-mart.voice-media"].quantity == 1
    assert r["info-mart.redundancy"].unknown == ("set databases.call-concentrator and set "
                                                 "databases.stat-server on GIM")
    assert r["info-mart.ha"].unknown == "set databases.call-concentrator on GIM"
    one = {"call-concentrator": 1, "stat-server": 1}
    assert qty(app("GIM", "info-mart", release="7.2", databases=one)) == {
        "info-mart.voice-media": 1}


# --- Genesys Desktop -----------------------------------------------------------------------------

def test_desktop_basic_once_agents_and_supervisors_add_up():
    q = qty(app("GD1", "genesys-desktop", agents=200, supervisors=10),
            app("GD2", "genesys-desktop", agents=50, supervisors=5, instances=2))
    assert q == {"desktop.basic": 1, "desktop.agent": 300, "desktop.supervisor": 20}


# --- GIS, Agent Interaction SDK, Agent Scripting --------------------------------------------------

def test_gis_one_per_instance_and_services_per_client_connection():
    q = qty(app("GIS", "gis", instances=2,
                services={"interaction": 25, "configuration": 3, "statistics": 4}))
    assert q == {"gis.instance": 2, "gis.interaction-service": 50,
                 "gis.configuration-service": 6, "gis.statistics-service": 8}


def test_gis_agent_interaction_service_needs_isdk_factory_and_an_interaction_service_license():
    # "You also need the Interaction Service license for each GIS instance running the Agent
    # Interaction service."
    r = need(app("GIS", "gis", instances=2, services={"agent-interaction": True, "queue": True}))
    assert r["ail.factory"].quantity == 2 and r["ail.factory"].feature == "ISDK_FACTORY"
    assert r["ail.queue"].quantity == 2 and r["ail.queue"].feature == "ISDK_QUEUE"
    assert r["gis.interaction-service"].quantity == 2
    assert "GIS Services: Agent Interaction Service" in r["ail.factory"].source
    # client connections, when more than one per instance, are the count
    q = qty(app("GIS", "gis", services={"agent-interaction": True, "interaction": 7}))
    assert q["gis.interaction-service"] == 7


def test_gis_without_services_needs_only_gis():
    assert qty(app("GIS", "gis")) == {"gis.instance": 1}


def test_agent_interaction_java_one_factory_per_ail_instance_and_queue_for_route_points():
    q = qty(app("AIL1", "agent-interaction-sdk", instances=4),
            app("AIL2", "agent-interaction-sdk", route_point_monitoring=True))
    assert q == {"ail.factory": 5, "ail.queue": 1}


def test_agent_scripting_one_per_instance():
    assert qty(app("GAS", "agent-scripting", instances=2)) == {"agent-scripting.instance": 2}


# --- Interaction Server, Classification Server -------------------------------------------------

def test_interaction_server_guide_example_one_agent_processing_email():
    # "if one agent is to process e-mail, the required licenses are: One
    # ics_multi_media_agent_seat, One ics_email_webform_channel"
    r = need(app("ICS", "interaction-server", agents=1, media={"email": 1}))
    assert {k: (v.feature, v.quantity) for k, v in r.items()} == {
        "interaction-server.agent-seat": ("ics_multi_media_agent_seat", 1),
        "interaction-server.email": ("ics_email_webform_channel", 1)}
    assert r["interaction-server.email"].source == "Interaction Server"


def test_interaction_server_media_per_agent_and_iwd():
    # (media is a table of medium = agents, as the deployment reader takes it; the list form
    # the reader rejects is gone from requirements.py: issue 13, item 15)
    q = qty(app("ICS", "interaction-server", agents=30,
                media={"email": 30, "chat": 30, "open-media": 30}, iwd_jms=True, instances=2))
    assert q == {"interaction-server.agent-seat": 60, "interaction-server.email": 60,
                 "interaction-server.chat": 60, "interaction-server.open-media": 60,
                 "interaction-server.iwd-jms": 2}
    q = qty(app("ICS", "interaction-server", agents=30, media={"email": 10, "chat": 5}))
    assert q["interaction-server.email"] == 10 and q["interaction-server.chat"] == 5


def test_classification_server_content_analysis_only_when_used():
    assert qty(app("CLS", "classification-server")) == {}
    q = qty(app("CLS", "classification-server", content_analysis=True, instances=2))
    assert q == {"classification-server.content-analysis": 2}


# --- feature names --------------------------------------------------------------------------------

def test_feature_names_fill_unnamed_licenses_and_override_the_catalogue():
    r = need(app("LDS", "load-distribution-server"), app("CPD", "cpd-server", mode="asm", ports=4),
             app("TS", "t-server", seats=5),
             feature_names={"lds": "lds_all", "t-server.seats": "my_sdn"})
    assert r["lds"].feature == "lds_all"
    assert r["cpd.asm-ports"].feature is None      # unnamed and not in [feature-names]
    assert r["t-server.seats"].feature == "my_sdn"


def test_feature_is_none_when_the_catalogue_lacks_the_name():
    empty = Catalogs({"genesys.d": VendorCatalog("genesys.d")}, ())
    reqs = requirements(dep(app("TS", "t-server", seats=5)), catalogs=empty)
    assert [(r.license, r.feature) for r in reqs] == [("t-server.seats", None)]


# --- order, determinism, sources ---------------------------------------------------------------------

BIG = (
    app("ICS", "interaction-server", agents=2, media={"chat": 2}),
    app("GIS", "gis", services={"statistics": 2}),
    app("TS", "t-server", seats=10, multi_site=True, redundancy="hot-standby"),
    app("IVR", "ivr-server", mode="in-front", ports=4),
    app("URS", "universal-routing-server", places=3, pickup_calls=True),
    app("CS", "configuration-server", proxy=True),
    app("LDS", "load-distribution-server"),
)


def test_order_is_by_product_then_license_id():
    reqs = requirements(dep(*BIG))
    keys = [(PRODUCTS.index(r.product), r.license) for r in reqs]
    assert keys == sorted(keys)
    assert [r.license for r in reqs][:3] == ["multi-site", "t-server.ha", "t-server.seats"]


def test_deterministic_and_independent_of_application_order_for_licenses():
    a = requirements(dep(*BIG))
    assert a == requirements(dep(*BIG))
    b = requirements(dep(*reversed(BIG)))
    assert [(r.license, r.quantity, r.feature, r.source) for r in a] == \
        [(r.license, r.quantity, r.feature, r.source) for r in b]


def test_empty_deployment_needs_nothing():
    assert requirements(dep()) == []
    assert cap_warnings(dep()) == []


# A deployment that exercises every rule, and so every source.
EVERYTHING = BIG + (
    app("TS7", "t-server", release="7.1", seats=5),
    app("CTIL", "cti-less-t-server", seats=5, redundancy="hot-standby"),
    app("NTS", "network-t-server", network="genspec", parking_ports=4, seats=1),
    app("SCS", "solution-control-server", snmp=True, distributed=True),
    app("OCS1", "outbound-contact-server", seats=1, dialing="preview"),
    app("OCS2", "outbound-contact-server", seats=1, dialing="full"),
    app("UCS", "voice-callback-server", dialing="full"),
    app("CPD", "cpd-server", mode="asm", ports=2),
    app("CCon", "call-concentrator"),
    app("IVRN", "ivr-server", mode="network", ports=4, routing=True, redundancy="hot-standby"),
    app("VTS", "voice-treatment-server", ports=2),
    app("GIM", "info-mart", release="7.2",
        databases={"call-concentrator": 2, "stat-server": 1, "duplicated": True}),
    app("GD", "genesys-desktop", agents=1, supervisors=1),
    app("GIS2", "gis", services={"agent-interaction": True, "queue": True, "configuration": 1}),
    app("AIL", "agent-interaction-sdk", route_point_monitoring=True),
    app("GAS", "agent-scripting"),
    app("ICS2", "interaction-server", agents=1, media={"email": 1, "open-media": 1},
        iwd_jms=True),
    app("CLS", "classification-server", content_analysis=True),
    app("IVRB", "ivr-server", mode="behind-the-switch", ports=2),
    app("CPD2", "cpd-server", mode="standard", ports=2),
    app("UCS2", "voice-callback-server", dialing="preview"),
)


def test_everything_deployment_needs_every_license():
    got = {r.license for r in requirements(dep(*EVERYTHING))}
    assert got == set(LICENSES)


def _headings():
    """{heading: [line numbers]} of the guide's headings."""
    out = {}
    for n, line in enumerate(GUIDE.read_text(encoding="utf-8").splitlines(), 1):
        m = re.match(r"#+\s+(.+)$", line)
        if m:
            out.setdefault(re.sub(r"[*\\]", "", m.group(1)).strip(), []).append(n)
    return out


def _is_title(source: str, headings, after=None) -> bool:
    """``source`` is a chain of guide headings joined by ': ' (a heading may hold ': ' itself),
    each a subsection of the one before (within 60 lines after it), optionally ending in ', Tip'
    or ', Warning'."""
    source = re.sub(r", (Tip|Warning)$", "", source)
    for heading, lines in headings.items():
        for line in lines:
            if after is not None and not after < line <= after + 60:
                continue
            if source == heading:
                return True
            if source.startswith(heading + ": ") and _is_title(source[len(heading) + 2:],
                                                                 headings, line):
                return True
    return False


def test_every_source_names_sections_of_the_guide():
    headings = _headings()
    sources = {lt.section for lt in LICENSES.values()}
    for req in requirements(dep(*EVERYTHING)):
        sources.update(req.source.split("; "))
    for source in sorted(sources):
        assert _is_title(source, headings), source
    # the check can fail: a real heading under the wrong section, or no heading at all
    assert not _is_title("Solution Control Server: Voice Media", headings)
    assert not _is_title("T-Server (7.2 and later): Seats", headings)


# --- the 9999 checkout cap ----------------------------------------------------------------------

def test_cap_warning_when_one_instance_needs_more_than_9999():
    warnings = cap_warnings(dep(app("TS_Big", "t-server", seats=12000),
                                app("TS_Ok", "t-server", seats=9999, instances=3)))
    assert len(warnings) == 1
    assert "TS_Big" in warnings[0] and "12000" in warnings[0] and "9999" in warnings[0]
    assert "tserver_sdn" in warnings[0] and "Technical Licenses, Warning" in warnings[0]


def test_cap_is_per_instance_not_per_total():
    assert cap_warnings(dep(app("ICS", "interaction-server", agents=6000, instances=2,
                                media={"email": 6000}))) == []


def test_no_cap_warning_without_a_catalogue_cap():
    nocap = Catalogs({"genesys.d": VendorCatalog("genesys.d")}, ())
    assert cap_warnings(dep(app("TS", "t-server", seats=20000)), catalogs=nocap) == []


# --- issue 13: counts from the guide's sentences, on deployments written as TOML -----------------

def toml_need(text: str, **kw):
    """{license id: Requirement} of a deployment description (TOML, read by the reader)."""
    from lictool.genesys.deployment import parse_deployment

    return {r.license: r for r in requirements(parse_deployment('release = "8.1"\n' + text), **kw)}


def test_item1_multi_site_warm_standby_pair_needs_two_hot_standby_pair_one():
    # T-Server (7.2 and later), Multi-Site Functionality: "One license per T-Server serving a
    # particular site, if running in the stand-alone or warm standby redundancy configuration";
    # "One license per redundant pair of primary and backup T-Servers serving a particular site,
    # if running in the hot standby redundancy configuration". CTI-Less T-Server: the same.
    r = toml_need('''
[[application]]
name = "TS_Warm"
product = "t-server"
redundancy = "warm-standby"
multi-site = true
seats = 10
[[application]]
name = "TS_Hot"
product = "t-server"
redundancy = "hot-standby"
multi-site = true
seats = 10
[[application]]
name = "CTIL_Warm"
product = "cti-less-t-server"
redundancy = "warm-standby"
multi-site = true
seats = 10
''')["multi-site"]
    assert r.quantity == 2 + 1 + 2
    assert [(s.application, s.quantity) for s in r.shares] == [
        ("TS_Warm", 2), ("TS_Hot", 1), ("CTIL_Warm", 2)]
    assert "One license per T-Server serving a particular site" in r.quote


def test_item2_every_network_t_server_needs_multi_site_licenses():
    # Network T-Server: "All Network T-Servers require licenses to enable: Basic Functionality,
    # Multi-Site Functionality"; "if your configuration contains one Network T-Server
    # communicating with one premise T-Server, you need two multi-site licenses, one for each
    # T-Server". No multi-site = true is written: a Network T-Server needs them anyway.
    r = toml_need('''
[[application]]
name = "NTS"
product = "network-t-server"
network = "att"
[[application]]
name = "TS"
product = "t-server"
seats = 50
''')["multi-site"]
    assert r.quantity == 2
    assert [(s.application, s.quantity) for s in r.shares] == [("NTS", 1), ("TS", 1)]
    assert "Network T-Server: Multi-Site Functionality" in r.source
    assert "one for each T-Server" in r.quote
    alone = toml_need('[[application]]\nname = "NTS"\nproduct = "network-t-server"\n')
    assert alone["multi-site"].quantity == 1
    assert "every Network T-Server needs multi-site licenses" in alone["multi-site"].reason


@pytest.mark.parametrize("product, lic", [("call-concentrator", "call-concentrator.instance"),
                                          ("agent-scripting", "agent-scripting.instance"),
                                          ("gis", "gis.instance")])
def test_item3_one_license_per_instance_a_pair_is_two(product, lic):
    # Call Concentrator, Genesys Agent Scripting: "One license per instance is required."; GIS:
    # "One license is required for each instance of GIS."
    r = toml_need(f'[[application]]\nname = "X"\nproduct = "{product}"\n'
                  f'redundancy = "warm-standby"\ninstances = 2\n')[lic]
    assert r.quantity == 4
    assert r.shares == (Share("X", 4, 4),)
    assert "2 warm-standby pairs: 4 instances, one license each" in r.reason


IVR_IN_FRONT = '''
[[application]]
name = "IVR_Front"
product = "ivr-server"
mode = "in-front"
ports = 24
[[application]]
name = "TS"
product = "t-server"
seats = 100
'''


def test_item4_ivr_in_front_follows_the_ivr_tip_and_notes_the_other_reading():
    # IVR Server, Multi-Site Functionality, Tip: "If you do not currently have tserver_isscc
    # licenses for other T-Servers in your environment, then they are not needed for IVR
    # Server." (the reading lictool takes). Network T-Server, Multi-Site Functionality: "Genesys
    # also issues this type of licenses for the IVR Server when it uses the IVR-in-Front
    # configuration mode." (the other, printed as a note).
    from lictool.genesys.deployment import parse_deployment

    d = parse_deployment('release = "8.1"\n' + IVR_IN_FRONT)
    assert "multi-site" not in {r.license for r in requirements(d)}
    [note] = notes(d)
    assert "IVR_Front" in note and "ask Genesys" in note
    assert ("Genesys also issues this type of licenses for the IVR Server when it uses the "
            "IVR-in-Front configuration mode.") in note
    # with a multi-site T-Server both readings give one: no note
    d = parse_deployment('release = "8.1"\n' + IVR_IN_FRONT.replace("seats = 100",
                                                                      "seats = 100\nmulti-site = true"))
    assert {s.application: s.quantity for s in
            {r.license: r for r in requirements(d)}["multi-site"].shares} == {"TS": 1,
                                                                              "IVR_Front": 1}
    assert notes(d) == []


def test_item5_a_queue_only_gis_needs_interaction_service_licenses():
    # GIS Services, Interaction Service: "You need the GIS Interaction Service license
    # (GIS_INTERACTIONSERVICE ) if you plan to connect your client application to the Agent
    # Interaction or Queue service that GIS provides—one license per client connection."
    gis = '[[application]]\nname = "GIS_Q"\nproduct = "gis"\nservices = { queue = true%s }\n'
    r = toml_need(gis % ", interaction = 12")["gis.interaction-service"]
    assert (r.quantity, r.feature, r.unknown) == (12, "GIS_INTERACTIONSERVICE", None)
    r = toml_need(gis % "")["gis.interaction-service"]
    assert (r.quantity, r.unknown) == (0, "set services.interaction on GIS_Q")


def test_item6_technical_dns_callbacks_and_info_mart_databases_are_described():
    # T-Server: "T-Server 7.0 and 7.1 releases, also requires licenses that control technical
    # DNs"; Voice Callback: "vcb_full: Number of callback vcb_full requests per 60 minutes in
    # Full mode"; Genesys Info Mart: Redundancy for "multiple Call Concentrator databases, where
    # each database records unique events", High Availability for "multiple Call Concentrator
    # databases, where pairs of redundant databases record the same events".
    r = toml_need('''
[[application]]
name = "TS_Old"
product = "t-server"
release = "7.1"
seats = 100
technical-dns = 40
[[application]]
name = "UCS"
product = "voice-callback-server"
dialing = "full"
callbacks = 500
[[application]]
name = "GIM"
product = "info-mart"
release = "7.2"
databases = { call-concentrator = 4, stat-server = 1, duplicated = true }
''')
    assert r["t-server.tdn"].quantity == 40
    assert r["vcb.full"].quantity == 500
    assert (r["info-mart.voice-media"].quantity, r["info-mart.redundancy"].quantity,
            r["info-mart.ha"].quantity) == (1, 1, 1)
    unique = toml_need('[[application]]\nname = "GIM"\nproduct = "info-mart"\nrelease = "7.2"\n'
                       'databases = { call-concentrator = 1, stat-server = 3 }\n')
    assert unique["info-mart.redundancy"].quantity == 1 and "info-mart.ha" not in unique


def test_item6_absent_keys_are_quantity_unknown_not_a_placeholder_1():
    r = toml_need('''
[[application]]
name = "TS_Old"
product = "t-server"
release = "7.0"
[[application]]
name = "TS_New"
product = "t-server"
seats = 200
[[application]]
name = "UCS"
product = "voice-callback-server"
dialing = "preview"
''')
    seats = r["t-server.seats"]
    # a T-Server without seats: not "no licenses needed"
    assert (seats.quantity, seats.unknown) == (0, "set seats on TS_Old")
    assert "quantity unknown: set seats on TS_Old" in seats.reason
    assert {s.application: s.quantity for s in seats.shares} == {"TS_Old": 0, "TS_New": 200}
    assert r["t-server.tdn"].unknown == "set technical-dns on TS_Old"
    assert r["vcb.preview"].unknown == "set callbacks on UCS"
    # a Network T-Server's seats are "in most cases ... defined with a value of 0"
    nts = toml_need('[[application]]\nname = "NTS"\nproduct = "network-t-server"\n')
    assert "t-server.seats" not in nts


def test_item9_a_higher_tier_serves_the_lower_need():
    # Outbound Contact Server: "Full dialing functionality (enables Preview also)"; Voice
    # Callback: "You can use either license."
    r = need(app("OCS", "outbound-contact-server", seats=10, dialing="preview"),
             app("UCS", "voice-callback-server", dialing="preview", callbacks=60),
             feature_names={"ocs.full-seats": "ocs_full"})
    assert r["ocs.preview-seats"].served_by == ("ocs_full",)
    assert r["vcb.preview"].served_by == ("vcb_full",)
    assert r["vcb.preview"].quantity == 60
    # the guide names no OCS feature: without [feature-names] no name to give
    assert need(app("OCS", "outbound-contact-server", seats=10, dialing="preview")
                )["ocs.preview-seats"].served_by == ()
    assert LICENSES["ocs.preview-seats"].served_by == ("ocs.full-seats",)    # from the table


def test_item10_ha_redundancy_is_checked_out_at_the_solution_control_servers_release():
    # Solution Control Server: "The third type, ha_redundancy, controls the Solution Control
    # Server ability to perform a switchover automatically within any redundant pair of servers"
    r = toml_need('''
[[application]]
name = "SCS"
product = "solution-control-server"
release = "8.5"
[[application]]
name = "TS"
product = "t-server"
release = "7.6"
redundancy = "warm-standby"
seats = 5
''')["scs.ha-redundancy"]
    assert r.release == "8.5"
    assert r.shares == (Share("SCS", 1, 1),)
    assert r.applications == ("TS",)
    assert "Solution Control Server SCS checks it out, release 8.5" in r.reason
    # without a Solution Control Server described: the deployment's release
    r = need(app("URS", "universal-routing-server", redundancy="hot-standby", places=1,
                 release="8.1"), release="8.5")["scs.ha-redundancy"]
    assert r.release == "8.5" and r.shares == (Share("URS", 1, 1),)


def test_shares_sum_to_the_quantity_and_carry_the_instances():
    reqs = requirements(dep(*EVERYTHING))
    for r in reqs:
        assert r.shares, r.license
        if not r.unknown:
            assert sum(s.quantity for s in r.shares) == r.quantity, r.license
        assert r.quote, r.license
    by = {r.license: r for r in reqs}
    assert by["lds"].shares == (Share("LDS", 1, 1),)        # one for all: the first application
    r = need(app("TS", "t-server", seats=100, instances=3))["t-server.seats"]
    assert r.shares == (Share("TS", 300, 3),)


def test_the_alias_spellings_the_reader_rejects_are_errors_here_too():
    # issue 13, item 15: "bts", "non-asm", "e-mail", list-valued media/services/dialing are
    # gone; a value the product table does not know is an error naming the application
    for a in (app("IVR", "ivr-server", mode="bts", ports=2),
              app("CPD", "cpd-server", mode="non-asm", ports=2),
              app("ICS", "interaction-server", agents=1, media={"e-mail": 1}),
              app("GIS", "gis", services=["queue"]),
              app("OCS", "outbound-contact-server", seats=1, dialing=["full"])):
        with pytest.raises(LictoolError, match=a.name):
            requirements(dep(a))


def test_a_count_whose_license_depends_on_a_missing_mode_is_an_error():
    with pytest.raises(LictoolError, match="'ports' is 8, and which license counts it depends "
                                           "on 'mode'"):
        requirements(dep(app("IVR1", "ivr-server", ports=8)))
    with pytest.raises(LictoolError, match="'callbacks' is needed.*'dialing'"):
        requirements(dep(app("UCS", "voice-callback-server")))
