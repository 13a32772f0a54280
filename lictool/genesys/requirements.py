"""The technical licenses a Genesys deployment needs, from the Genesys licensing guide
(``genesys-licensing-guide.txt``, "Technical Licensing Requirements for Genesys Products", dated
12/19/2025). Every rule below cites the guide section it comes from by title; the same titles go
into each :class:`Requirement`'s ``source``.

``requirements(dep)`` returns one :class:`Requirement` per license type (a stable id from the
table :data:`LICENSES`), ordered by product (``PRODUCTS`` order) and then by id, with the total
quantity, the applications that need it and the reason in words. ``cap_warnings(dep)`` lists the
applications one instance of which would need more licenses of one type than a Genesys
component can check out (guide: Technical Licenses, Warning).

Counting conventions (the guide's, or, where it is silent, ours; see the README):

* A redundant pair (primary and backup) is one application entry. It counts once for seats,
  ports and every other per-server quantity ("the primary and backup T-Servers must use the same
  license server to control the same pool of DNs"), and once per site for multi-site.
* ``instances`` multiplies every per-application quantity: an entry with ``instances = 3`` is
  three such servers (or pairs).
* A license the guide counts "one for all instances" (Configuration Server proxy, LDS, NTS for
  GenSpec deployment, Genesys Desktop basic) or "one per configuration environment" (MLSNMP,
  MLDistributed, ha_redundancy) is required once, whatever the number of applications.
* A quantity of zero is no requirement (a Network T-Server's seats are usually 0).
* ``feature`` is ``dep.feature_names[id]`` when the description names the license, else the
  feature name the guide gives (when the catalogue has it), else None.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Dict, Iterable, Iterator, List, Optional, Tuple

from ..errors import LictoolError
from .model import PRODUCTS, Application, Deployment, Requirement

VENDOR = "genesys.d"


@dataclass(frozen=True)
class LicenseType:
    """One technical license type: a stable id, the product it is for, the feature name the
    guide gives (None: the guide does not name it; ``[feature-names]`` in the description does),
    what one license counts, and the guide section it comes from."""

    id: str
    product: str
    feature: Optional[str]
    counts: str
    section: str


# --- guide sections, by title ("Section: Subsection") ---------------------------------------
TECH_WARNING = "Technical Licenses, Warning"
TS_BASIC = "T-Server (7.2 and later): Basic Functionality"
TS_72 = "T-Server (7.2 and later)"
TS_HA = "T-Server (7.2 and later): HA Functionality"
TS_MS = "T-Server (7.2 and later): Multi-Site Functionality"
TS_MS_TIP = "T-Server (7.2 and later): Multi-Site Functionality, Tip"
NTS_BASIC = "Network T-Server: Basic Functionality"
NTS_MS = "Network T-Server: Multi-Site Functionality"
NTS_DEPLOY = "NTS Deployment Functionality"
NTS_PARK = "Call Parking and Treatments Functionality"
CTI_BASIC = "CTI-Less T-Server: Basic Functionality"
CTI_HA = "CTI-Less T-Server: HA Functionality"
CTI_MS = "CTI-Less T-Server: Multi-Site Functionality"
CTI_MS_TIP = "CTI-Less T-Server: Multi-Site Functionality, Tip"
CS_GEO = "Configuration Server: Geographically Distributed Environments"
SCS_SNMP = "Solution Control Server: SNMP Functionality"
SCS_GEO = "Solution Control Server: Geographically Distributed Environments"
SCS_HA = "Solution Control Server: Primary Backup Mode Control"
HA_LICENSING = "High Availability Licensing, Tip"
URS_BASIC = "Universal Routing Server: Basic Routing Functionality"
URS_HA = "Universal Routing Server: High Availability Mode"
OCS_PREVIEW = "Outbound Contact Server: Preview Dialing Functionality"
OCS_FULL = "Outbound Contact Server: Full Dialing Functionality"
VCB = "Voice Callback: Server-Side License Control"
CPD = "CPD Server"
CCON = "Call Concentrator"
LDS = "Load Distribution Server"
IVR_BASIC = "IVR Server: Basic Functionality"
IVR_MS = "IVR Server: Multi-Site Functionality"
IVR_MS_TIP = "IVR Server: Multi-Site Functionality, Tip"
VTS = "Voice Treatment Server"
GIM = "Genesys Info Mart"
GIM_VOICE = "Genesys Info Mart: Voice Media"
GIM_REDUNDANCY = "Genesys Info Mart: Redundancy"
GIM_HA = "Genesys Info Mart: High Availability"
GD_BASIC = "Genesys Desktop: Basic (Server) Functionality"
GD_AGENT = "Genesys Desktop: Genesys Agent Desktop"
GD_SUPERVISOR = "Genesys Desktop: Genesys Supervisor Desktop"
AIL = "Genesys SDKs: Agent Interaction Java and GIS: Agent Interaction Java"
GIS = "Genesys SDKs: Agent Interaction Java and GIS: GIS"
GIS_AIS = "GIS Services: Agent Interaction Service"
GIS_IS = "GIS Services: Interaction Service"
GIS_QS = "GIS Services: Queue Service"
GIS_CS = "GIS Services: Configuration Service"
GIS_SS = "GIS Services: Statistics Service"
GAS = "Genesys Agent Scripting"
ICS = "Interaction Server"
CLS = "Classification Server"

# --- the license types ------------------------------------------------------------------------
# id                                   product                    guide's feature name
_TABLE = (
    LicenseType("t-server.seats", "t-server", "tserver_sdn",
                "one DN registered by a T-Server, CTI-Less T-Server or Network T-Server", TS_BASIC),
    LicenseType("t-server.tdn", "t-server", "tserver_tdn",
                "one technical DN (ACD queue, routing point) of a T-Server 7.0 or 7.1", TS_BASIC),
    LicenseType("t-server.ha", "t-server", "cti_ha_option",
                "one hot-standby pair of T-Servers or CTI-Less T-Servers", TS_HA),
    LicenseType("multi-site", "t-server", "tserver_isc",
                "one site served by a T-Server (or redundant pair) in a multi-site configuration; "
                "also one per IVR Server where T-Servers have them", TS_MS),
    LicenseType("nts.genspec-deployment", "network-t-server", None,
                "all instances of Network T-Server for GenSpec (one license)", NTS_DEPLOY),
    LicenseType("nts.parking-ports", "network-t-server", None,
                "one port of Network T-Server for GenSpec used for call parking and treatments",
                NTS_PARK),
    LicenseType("configuration-server.proxy", "configuration-server", None,
                "every Configuration Server in Proxy mode (one license for all)", CS_GEO),
    LicenseType("scs.snmp", "solution-control-server", "MLSNMP",
                "SNMP functionality of the Management Layer, one per environment", SCS_SNMP),
    LicenseType("scs.distributed", "solution-control-server", "MLDistributed",
                "distributed Solution Control Servers, one per configuration environment", SCS_GEO),
    LicenseType("scs.ha-redundancy", "solution-control-server", "ha_redundancy",
                "automatic switchover of every redundant pair, one per configuration environment",
                SCS_HA),
    LicenseType("urs.seats", "universal-routing-server", None,
                "one concurrently enabled place for routing", URS_BASIC),
    LicenseType("urs.ha", "universal-routing-server", "router_ha_option",
                "one URS running hot standby or with pickup_calls", URS_HA),
    LicenseType("ocs.preview-seats", "outbound-contact-server", None,
                "one outbound seat, preview dialing only", OCS_PREVIEW),
    LicenseType("ocs.full-seats", "outbound-contact-server", None,
                "one outbound seat, every dialing mode (includes preview)", OCS_FULL),
    LicenseType("vcb.preview", "voice-callback-server", "vcb_preview",
                "callback requests per 60 minutes in Preview mode", VCB),
    LicenseType("vcb.full", "voice-callback-server", "vcb_full",
                "callback requests per 60 minutes in Full mode (preview and autodial)", VCB),
    LicenseType("cpd.asm-ports", "cpd-server", None,
                "one Dialogic port of a CPD Server in ASM (Active Switching Matrix) mode", CPD),
    LicenseType("cpd.standard-ports", "cpd-server", None,
                "one Dialogic port of a CPD Server in standard (non-ASM) mode", CPD),
    LicenseType("call-concentrator.instance", "call-concentrator", None,
                "one Call Concentrator instance", CCON),
    LicenseType("lds", "load-distribution-server", None,
                "all instances of Load Distribution Server (one license)", LDS),
    LicenseType("ivr.behind-the-switch-ports", "ivr-server", None,
                "one IVR port of an IVR Server in IVR-Behind-The-Switch mode", IVR_BASIC),
    LicenseType("ivr.universal-ports", "ivr-server", None,
                "one IVR port of an IVR Server in IVR-In-Front mode (IVR Universal)", IVR_BASIC),
    LicenseType("ivr.network-ports", "ivr-server", None,
                "one IVR port of an IVR Server in IVR Network T-Server mode", IVR_BASIC),
    LicenseType("ivr.network-routing", "ivr-server", None,
                "routing with an IVR Server in IVR Network T-Server mode", IVR_BASIC),
    LicenseType("ivr.ha", "ivr-server", None,
                "one hot-standby pair of IVR Servers", IVR_BASIC),
    LicenseType("voice-treatment.ports", "voice-treatment-server", None,
                "one Voice Treatment Option (VTO) port", VTS),
    LicenseType("info-mart.voice-media", "info-mart", None,
                "Genesys Info Mart 7.2 and earlier: voice media (mandatory)", GIM_VOICE),
    # Redundancy and High Availability depend on how many Call Concentrator and Stat Server
    # databases feed Info Mart and whether they duplicate events: the description does not say,
    # so requirements() never asks for these two (they are here so [feature-names] can name them).
    LicenseType("info-mart.redundancy", "info-mart", None,
                "Genesys Info Mart 7.2 and earlier: several Call Concentrator / Stat Server "
                "databases with unique events (optional)", GIM_REDUNDANCY),
    LicenseType("info-mart.ha", "info-mart", None,
                "Genesys Info Mart 7.2 and earlier: redundant Call Concentrator database pairs "
                "(optional)", GIM_HA),
    LicenseType("desktop.basic", "genesys-desktop", None,
                "all instances of Genesys Desktop Server (one license)", GD_BASIC),
    LicenseType("desktop.agent", "genesys-desktop", None,
                "one logged-in Genesys Agent Desktop user", GD_AGENT),
    LicenseType("desktop.supervisor", "genesys-desktop", None,
                "one logged-in Genesys Supervisor Desktop user", GD_SUPERVISOR),
    LicenseType("gis.instance", "gis", "GIS", "one GIS instance", GIS),
    LicenseType("gis.interaction-service", "gis", "GIS_INTERACTIONSERVICE",
                "one client connection to the GIS Agent Interaction or Queue service", GIS_IS),
    LicenseType("gis.configuration-service", "gis", "GIS_CONFIGSERVICE",
                "one client connection to the GIS Configuration service", GIS_CS),
    LicenseType("gis.statistics-service", "gis", "GIS_STATSERVICE",
                "one client connection to the GIS Statistics service", GIS_SS),
    LicenseType("ail.factory", "agent-interaction-sdk", "ISDK_FACTORY",
                "one running AIL instance (Agent Interaction Java, or a GIS instance running the "
                "Agent Interaction service)", AIL),
    LicenseType("ail.queue", "agent-interaction-sdk", "ISDK_QUEUE",
                "route-point monitoring by an AIL instance, or a GIS instance running the Queue "
                "service", AIL),
    LicenseType("agent-scripting.instance", "agent-scripting", None,
                "one Genesys Agent Scripting instance", GAS),
    LicenseType("interaction-server.agent-seat", "interaction-server",
                "ics_multi_media_agent_seat", "one logged-in multimedia agent", ICS),
    LicenseType("interaction-server.email", "interaction-server", "ics_email_webform_channel",
                "one agent processing e-mail (and web form) interactions", ICS),
    LicenseType("interaction-server.chat", "interaction-server", "ics_live_web_channel",
                "one agent processing chat interactions", ICS),
    LicenseType("interaction-server.open-media", "interaction-server", "ics_custom_media_channel",
                "one agent processing Open Media interactions", ICS),
    LicenseType("interaction-server.iwd-jms", "interaction-server", "iwd_jms_cp",
                "the JMS Integrated Capture Point for iWD (one)", ICS),
    LicenseType("classification-server.content-analysis", "classification-server",
                "ics_nlp_content_analysis",
                "Content Analyzer: classification by natural-language processing", CLS),
)

#: Every license type requirements() knows, by id.
LICENSES: Dict[str, LicenseType] = {lt.id: lt for lt in _TABLE}

# --- values of the description ----------------------------------------------------------------
TSERVER_FAMILY = ("t-server", "cti-less-t-server", "network-t-server")
PREMISE = ("t-server", "cti-less-t-server")
# Products whose redundant pair needs no ha_redundancy: "Primary/backup SCS is already provided
# in the base solution" (High Availability Licensing, Tip); "a redundant pair of primary and
# backup Configuration Servers, you do not need any licenses" (Configuration Server, Basic
# Functionality).
HA_EXEMPT = ("solution-control-server", "configuration-server")
IVR_MODES = {
    "behind-the-switch": "ivr.behind-the-switch-ports", "bts": "ivr.behind-the-switch-ports",
    "in-front": "ivr.universal-ports", "universal": "ivr.universal-ports",
    "network": "ivr.network-ports", "network-t-server": "ivr.network-ports",
}
CPD_MODES = {"asm": "cpd.asm-ports", "standard": "cpd.standard-ports", "non-asm": "cpd.standard-ports"}
MEDIA = {
    "email": "interaction-server.email", "e-mail": "interaction-server.email",
    "chat": "interaction-server.chat",
    "open-media": "interaction-server.open-media",
}
MEDIA_WORDS = {"interaction-server.email": "e-mail", "interaction-server.chat": "chat",
               "interaction-server.open-media": "Open Media"}


@dataclass(frozen=True)
class _Need:
    """One contribution to a license type: from ``applications`` (one, or all those a
    "one for all" license covers), ``per_instance`` licenses per instance, ``quantity`` in all."""

    license: str
    quantity: int
    text: str
    source: str
    applications: Tuple[str, ...]
    per_instance: int


def _need(lic: str, app: Application, per: int, text: str, source: str) -> _Need:
    return _Need(lic, per * app.instances, text, source, (app.name,), per)


def _once(lic: str, apps: List[Application], text: str, source: str) -> _Need:
    return _Need(lic, 1, text, source, tuple(a.name for a in apps), 1)


def _plural(n: int, word: str, words: Optional[str] = None) -> str:
    return f"{n} {word if n == 1 else (words or word + 's')}"


def _inst(app: Application, per: int) -> str:
    """' on each of its 3 instances (750 in all)', or '' for one instance."""
    if app.instances == 1:
        return ""
    return f" on each of its {app.instances} instances ({per * app.instances} in all)"


def _each(app: Application) -> str:
    return "" if app.instances == 1 else f" ({app.instances} instances, one each)"


def _pair(app: Application) -> str:
    if app.redundancy == "none":
        return ""
    return f" (a {app.redundancy} pair counts once)"


def _per_instance(app: Application) -> Tuple[int, str]:
    """Licenses per entry of a product licensed "one per instance" (Call Concentrator, Genesys
    Agent Scripting: "One license per instance is required."; GIS: "One license is required for
    each instance of GIS."): a redundant pair is two instances, so two; and its words."""
    if app.redundancy == "none":
        return 1, ""
    return 2, f" (a {app.redundancy} pair: two instances, one license each)"


def _names(apps: Iterable[Application]) -> str:
    names = [a.name for a in apps]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _fail(dep: Deployment, app: Application, message: str) -> LictoolError:
    return LictoolError(f"application '{app.name}' ({app.product}): {message}", dep.path,
                        app.line or None)


def _count(value) -> int:
    """A count key: an integer as given, true as 1, false or missing as 0."""
    if value is True:
        return 1
    if value is None or value is False:
        return 0
    if isinstance(value, int):
        return max(value, 0)
    raise TypeError(f"expected a count, got {value!r}")


def _int(dep: Deployment, app: Application, key: str) -> int:
    try:
        return _count(app.get(key))
    except TypeError as exc:
        raise _fail(dep, app, f"'{key}': {exc}") from None


def _flag(app: Application, key: str) -> bool:
    return app.get(key) is True


def _word(value) -> str:
    return str(value).strip().lower().replace("_", "-").replace(" ", "-")


def _release(text: str) -> Optional[Tuple[int, int]]:
    """(major, minor) of '7.1', '7.1.003', '8'; None when it does not start with a number."""
    parts = str(text).strip().lower().lstrip("v").split(".")
    try:
        major = int(parts[0])
    except ValueError:
        return None
    try:
        minor = int(parts[1]) if len(parts) > 1 else 0
    except ValueError:
        minor = 0
    return major, minor


def _apps(dep: Deployment, *products: str) -> List[Application]:
    return [a for a in dep.applications if a.product in products]


def _site(app: Application) -> str:
    return f" (site {app.site})" if app.site else ""


# --- the rules: each yields the needs of one part of the guide --------------------------------

def _tserver_seats(dep: Deployment) -> Iterator[_Need]:
    kinds = {"t-server": ("T-Server", TS_BASIC), "cti-less-t-server": ("CTI-Less T-Server", CTI_BASIC),
             "network-t-server": ("Network T-Server", NTS_BASIC)}
    for app in _apps(dep, *TSERVER_FAMILY):
        seats = _int(dep, app, "seats")
        if seats:
            kind, source = kinds[app.product]
            yield _need("t-server.seats", app, seats,
                        f"{_plural(seats, 'DN')} registered by {kind} {app.name}"
                        f"{_inst(app, seats)}{_pair(app)}", source)


def _tserver_tdn(dep: Deployment) -> Iterator[_Need]:
    # T-Server (7.2 and later), Basic Functionality: "T-Server 7.0 and 7.1 releases, also
    # requires licenses that control technical DNs". The description has no count of technical
    # DNs: we ask for at least one per T-Server and say so.
    for app in _apps(dep, "t-server"):
        if _release(app.release) in ((7, 0), (7, 1)):
            yield _need("t-server.tdn", app, 1,
                        f"T-Server {app.name} is release {app.release}{_each(app)}{_pair(app)}: "
                        f"T-Server 7.0 and 7.1 also register technical DNs (ACD queues, routing "
                        f"points); at least one, the real count is its number of technical DNs, "
                        f"which the description does not give", TS_BASIC + "; " + TS_72)


def _tserver_ha(dep: Deployment) -> Iterator[_Need]:
    for app in _apps(dep, *PREMISE):
        if app.redundancy == "hot-standby":
            kind, source = (("T-Server", TS_HA) if app.product == "t-server"
                            else ("CTI-Less T-Server", CTI_HA))
            yield _need("t-server.ha", app, 1,
                        f"{kind} {app.name} runs as a hot-standby pair{_each(app)}: one per pair",
                        source)


def _multi_site(dep: Deployment) -> Iterator[_Need]:
    family = _apps(dep, *TSERVER_FAMILY)
    flagged = [a for a in family if a.multi_site]
    labels = {"t-server": "T-Server", "cti-less-t-server": "CTI-Less T-Server",
              "network-t-server": "Network T-Server"}
    ms_source = {"t-server": TS_MS, "cti-less-t-server": CTI_MS, "network-t-server": NTS_MS}
    tip_source = {"t-server": TS_MS_TIP, "cti-less-t-server": CTI_MS_TIP, "network-t-server": NTS_MS}
    def pair(a: Application) -> str:
        # T-Server and CTI-Less T-Server: "One license per T-Server serving a particular site, if
        # running in the stand-alone or warm standby redundancy configuration; One license per
        # redundant pair [...] if running in the hot standby redundancy configuration"
        if a.redundancy == "none":
            return ""
        if a.redundancy == "warm-standby" and a.product in PREMISE:
            return " (a warm-standby pair: one per T-Server of the pair, two)"
        return " (a redundant pair counts once: one per site)"

    def per(a: Application) -> int:
        return 2 if a.redundancy == "warm-standby" and a.product in PREMISE else 1

    if flagged:
        why = _names(flagged)
        for app in family:
            kind = labels[app.product]
            if app.multi_site:
                text = f"{kind} {app.name}{_site(app)} is multi-site{_each(app)}{pair(app)}"
                source = ms_source[app.product]
            else:
                verb = "is" if len(flagged) == 1 else "are"
                text = (f"{kind} {app.name}{_site(app)}{_each(app)}{pair(app)}: not configured "
                        f"for multi-site itself, but {why} {verb}, and then every T-Server needs "
                        f"one")
                source = tip_source[app.product]
                if any(f.product == "network-t-server" for f in flagged) and app.product in PREMISE:
                    # "one Network T-Server communicating with one premise T-Server [needs] two
                    # multi-site licenses, one for each T-Server"
                    source = NTS_MS + "; " + source
            yield _need("multi-site", app, per(app), text, source)
    # IVR Server: one per IVR Server serving a site when IVR Servers are multi-site (IVR Server,
    # Multi-Site Functionality); one per IVR Server in any mode when T-Servers have multi-site
    # licenses, none otherwise (its Tip).
    for app in _apps(dep, "ivr-server"):
        if flagged:
            yield _need("multi-site", app, 1,
                        f"IVR Server {app.name}{_each(app)}: {_names(flagged)} "
                        f"{'has' if len(flagged) == 1 else 'have'} multi-site licenses, so every "
                        f"IVR Server needs one, whatever its mode", IVR_MS_TIP)
        elif app.multi_site:
            yield _need("multi-site", app, 1,
                        f"IVR Server {app.name}{_site(app)} is multi-site{_each(app)}", IVR_MS)


def _genspec(app: Application) -> bool:
    return "".join(ch for ch in _word(app.get("network", "")) if ch.isalnum()) == "genspec"


def _network_t_server(dep: Deployment) -> Iterator[_Need]:
    genspec = [a for a in _apps(dep, "network-t-server") if _genspec(a)]
    if genspec:
        yield _once("nts.genspec-deployment", genspec,
                    f"Network T-Server for GenSpec: {_names(genspec)} (one license for all "
                    f"instances)", NTS_DEPLOY)
    for app in genspec:
        ports = _int(dep, app, "parking-ports")
        if ports:
            yield _need("nts.parking-ports", app, ports,
                        f"{_plural(ports, 'port')} for call parking and treatments on {app.name}"
                        f"{_inst(app, ports)}{_pair(app)}", NTS_PARK)


def _configuration_server(dep: Deployment) -> Iterator[_Need]:
    proxies = [a for a in _apps(dep, "configuration-server") if _flag(a, "proxy")]
    if proxies:
        yield _once("configuration-server.proxy", proxies,
                    f"Configuration Server in Proxy mode: {_names(proxies)} (one license for all "
                    f"proxies)", CS_GEO)


def _solution_control_server(dep: Deployment) -> Iterator[_Need]:
    scs = _apps(dep, "solution-control-server")
    snmp = [a for a in scs if _flag(a, "snmp")]
    if snmp:
        yield _once("scs.snmp", snmp, f"SNMP (a network management system) on {_names(snmp)} "
                                      f"(one per environment)", SCS_SNMP)
    dist = [a for a in scs if _flag(a, "distributed")]
    if dist:
        yield _once("scs.distributed", dist,
                    f"distributed Solution Control Servers: {_names(dist)} (one per configuration "
                    f"environment)", SCS_GEO)
    pairs = [a for a in dep.applications if a.redundancy != "none" and a.product not in HA_EXEMPT]
    if pairs:
        yield _once("scs.ha-redundancy", pairs,
                    "redundant pairs for SCS to switch over: "
                    + ", ".join(f"{a.name} ({a.redundancy})" for a in pairs)
                    + " (one per configuration environment)", SCS_HA + "; " + HA_LICENSING)


def _urs(dep: Deployment) -> Iterator[_Need]:
    for app in _apps(dep, "universal-routing-server"):
        places = _int(dep, app, "places")
        if places:
            yield _need("urs.seats", app, places,
                        f"{_plural(places, 'place')} enabled for routing by {app.name}"
                        f"{_inst(app, places)}{_pair(app)}", URS_BASIC)
        why = []
        if app.redundancy == "hot-standby":
            why.append("runs hot standby")
        if _flag(app, "pickup-calls"):
            why.append("uses pickup_calls")
        if why:
            yield _need("urs.ha", app, 1, f"URS {app.name} {' and '.join(why)}{_each(app)}",
                        URS_HA)


def _dialing(dep: Deployment, app: Application) -> str:
    value = app.get("dialing")
    modes = [_word(v) for v in value] if isinstance(value, (list, tuple)) else [_word(value)]
    if value is None or not modes or any(m not in ("preview", "full") for m in modes):
        raise _fail(dep, app, f"'dialing' is {value!r}: expected \"preview\" or \"full\"")
    return "full" if "full" in modes else "preview"


def _ocs(dep: Deployment) -> Iterator[_Need]:
    # The two types "cannot [be] combine[d]" and full "enables Preview also": one or the other.
    for app in _apps(dep, "outbound-contact-server"):
        seats = _int(dep, app, "seats")
        if not seats:
            continue
        full = _dialing(dep, app) == "full"
        yield _need("ocs.full-seats" if full else "ocs.preview-seats", app, seats,
                    f"{_plural(seats, 'outbound seat')} on {app.name}, "
                    f"{'full dialing (includes preview)' if full else 'preview dialing'}"
                    f"{_inst(app, seats)}{_pair(app)}", OCS_FULL if full else OCS_PREVIEW)


def _vcb(dep: Deployment) -> Iterator[_Need]:
    # vcb_preview / vcb_full count callback requests per 60 minutes, which the description does
    # not give: one license per Universal Callback Server says "the feature must be there".
    for app in _apps(dep, "voice-callback-server"):
        full = _dialing(dep, app) == "full"
        yield _need("vcb.full" if full else "vcb.preview", app, 1,
                    f"Universal Callback Server {app.name} in "
                    f"{'Full (preview and autodial)' if full else 'Preview'} mode{_each(app)}: at "
                    f"least one; the real count is the callback requests per 60 minutes it may "
                    f"handle, which the description does not give{_pair(app)}", VCB)


def _cpd(dep: Deployment) -> Iterator[_Need]:
    for app in _apps(dep, "cpd-server"):
        ports = _int(dep, app, "ports")
        if not ports:
            continue
        lic = CPD_MODES.get(_word(app.get("mode", "")))
        if lic is None:
            raise _fail(dep, app, f"'mode' is {app.get('mode')!r}: expected \"asm\" or \"standard\"")
        yield _need(lic, app, ports,
                    f"{_plural(ports, 'Dialogic port')} of CPD Server {app.name} in "
                    f"{'ASM' if lic == 'cpd.asm-ports' else 'standard (non-ASM)'} mode"
                    f"{_inst(app, ports)}{_pair(app)}", CPD)


def _call_concentrator(dep: Deployment) -> Iterator[_Need]:
    for app in _apps(dep, "call-concentrator"):
        per, pair = _per_instance(app)
        yield _need("call-concentrator.instance", app, per,
                    f"Call Concentrator {app.name}{_each(app)}{pair}", CCON)


def _lds(dep: Deployment) -> Iterator[_Need]:
    apps = _apps(dep, "load-distribution-server")
    if apps:
        yield _once("lds", apps, f"Load Distribution Server {_names(apps)} (one license for all "
                                 f"instances)", LDS)


def _ivr(dep: Deployment) -> Iterator[_Need]:
    for app in _apps(dep, "ivr-server"):
        ports = _int(dep, app, "ports")
        mode = _word(app.get("mode", ""))
        lic = IVR_MODES.get(mode)
        if ports:
            if lic is None:
                raise _fail(dep, app, f"'mode' is {app.get('mode')!r}: expected "
                                      f"\"behind-the-switch\", \"in-front\" or \"network\"")
            words = {"ivr.behind-the-switch-ports": "IVR-Behind-The-Switch",
                     "ivr.universal-ports": "IVR-In-Front (IVR Universal)",
                     "ivr.network-ports": "IVR Network T-Server"}[lic]
            yield _need(lic, app, ports,
                        f"{_plural(ports, 'IVR port')} of {app.name} in {words} mode"
                        f"{_inst(app, ports)}{_pair(app)}", IVR_BASIC)
        if lic == "ivr.network-ports" and _flag(app, "routing"):
            yield _need("ivr.network-routing", app, 1,
                        f"{app.name} uses routing in IVR Network T-Server mode{_each(app)}",
                        IVR_BASIC)
        if app.redundancy == "hot-standby":
            yield _need("ivr.ha", app, 1,
                        f"IVR Server {app.name} runs as a hot-standby pair{_each(app)}: one per "
                        f"pair", IVR_BASIC)


def _voice_treatment(dep: Deployment) -> Iterator[_Need]:
    for app in _apps(dep, "voice-treatment-server"):
        ports = _int(dep, app, "ports")
        if ports:
            yield _need("voice-treatment.ports", app, ports,
                        f"{_plural(ports, 'VTO port')} of {app.name}{_inst(app, ports)}{_pair(app)}",
                        VTS)


def _info_mart(dep: Deployment) -> Iterator[_Need]:
    # "Starting in 7.5, Genesys Info Mart no longer requires technical licenses." Before: Voice
    # Media (mandatory); Redundancy and High Availability depend on the databases feeding it,
    # which the description does not give.
    for app in _apps(dep, "info-mart"):
        rel = _release(app.release)
        if rel is not None and rel < (7, 5):
            yield _need("info-mart.voice-media", app, 1,
                        f"Genesys Info Mart {app.name} is release {app.release} (before 7.5)"
                        f"{_each(app)}: Voice Media is mandatory (Redundancy and High "
                        f"Availability depend on its Call Concentrator and Stat Server databases, "
                        f"which the description does not give)", GIM + "; " + GIM_VOICE)


def _desktop(dep: Deployment) -> Iterator[_Need]:
    apps = _apps(dep, "genesys-desktop")
    if apps:
        yield _once("desktop.basic", apps, f"Genesys Desktop Server {_names(apps)} (one license "
                                           f"for all instances)", GD_BASIC)
    for app in apps:
        agents = _int(dep, app, "agents")
        if agents:
            yield _need("desktop.agent", app, agents,
                        f"{_plural(agents, 'logged-in agent')} on {app.name}{_inst(app, agents)}"
                        f"{_pair(app)}", GD_AGENT)
        sups = _int(dep, app, "supervisors")
        if sups:
            yield _need("desktop.supervisor", app, sups,
                        f"{_plural(sups, 'logged-in supervisor')} on {app.name}{_inst(app, sups)}"
                        f"{_pair(app)}", GD_SUPERVISOR)


def _services(dep: Deployment, app: Application) -> Dict[str, object]:
    value = app.get("services") or {}
    if isinstance(value, (list, tuple)):       # names only: one client connection each
        return {_word(v): True for v in value}
    if not isinstance(value, dict):
        raise _fail(dep, app, f"'services' is {value!r}: expected a table of services")
    return {_word(k): v for k, v in value.items()}


def _service(dep: Deployment, app: Application, services, name: str) -> int:
    try:
        return _count(services.get(name))
    except TypeError as exc:
        raise _fail(dep, app, f"'services.{name}': {exc}") from None


def _gis(dep: Deployment) -> Iterator[_Need]:
    for app in _apps(dep, "gis"):
        per, pair = _per_instance(app)
        yield _need("gis.instance", app, per, f"GIS {app.name}{_each(app)}{pair}", GIS)
        services = _services(dep, app)
        ais = bool(services.get("agent-interaction"))
        queue = bool(services.get("queue"))
        # Interaction Service: one per client connection to the Agent Interaction or Queue
        # service, and (Agent Interaction Service) one for each GIS instance running the Agent
        # Interaction service: the connections, at least one per such instance.
        # ("GIS_INTERACTIONSERVICE [...] if you plan to connect your client application to the
        # Agent Interaction or Queue service that GIS provides--one license per client
        # connection": a Queue service needs it too, at least one)
        conns = _service(dep, app, services, "interaction")
        per = max(conns, 1 if ais or queue else 0)
        if per:
            text = (f"{_plural(conns, 'client connection')} to the Interaction service of "
                    f"{app.name}{_inst(app, per)}")
            source = GIS_IS
            if ais and conns < 1:
                text = (f"GIS {app.name} runs the Agent Interaction service{_each(app)}: one "
                        f"Interaction Service license per GIS instance running it")
                source = GIS_AIS + "; " + GIS_IS
            elif conns < 1:
                text = (f"GIS {app.name} runs the Queue service{_each(app)}: its client "
                        "connections need Interaction Service licenses, one each; at least one "
                        "(set services.interaction to the number of connections)")
            yield _need("gis.interaction-service", app, per, text, source)
        for key, lic, name, source in (("configuration", "gis.configuration-service",
                                        "Configuration", GIS_CS),
                                       ("statistics", "gis.statistics-service", "Statistics",
                                        GIS_SS)):
            n = _service(dep, app, services, key)
            if n:
                yield _need(lic, app, n, f"{_plural(n, 'client connection')} to the {name} "
                                         f"service of {app.name}{_inst(app, n)}", source)
        if ais:
            yield _need("ail.factory", app, 1,
                        f"GIS {app.name} runs the Agent Interaction service{_each(app)}", GIS_AIS)
        if queue:
            yield _need("ail.queue", app, 1,
                        f"GIS {app.name} runs the Queue service{_each(app)}: one per GIS instance",
                        GIS_QS)


def _ail(dep: Deployment) -> Iterator[_Need]:
    for app in _apps(dep, "agent-interaction-sdk"):
        yield _need("ail.factory", app, 1, f"AIL instance {app.name}{_each(app)}", AIL)
        if _flag(app, "route-point-monitoring"):
            yield _need("ail.queue", app, 1,
                        f"{app.name} monitors DN route points{_each(app)}", AIL)


def _agent_scripting(dep: Deployment) -> Iterator[_Need]:
    for app in _apps(dep, "agent-scripting"):
        per, pair = _per_instance(app)
        yield _need("agent-scripting.instance", app, per,
                    f"Genesys Agent Scripting {app.name}{_each(app)}{pair}", GAS)


def _media(dep: Deployment, app: Application, agents: int) -> List[Tuple[str, int]]:
    """(license id, agents) per medium: ``media`` is a list of media (every agent handles each)
    or a table of medium -> the number of agents handling it."""
    value = app.get("media") or ()
    if isinstance(value, dict):
        items = [(k, v) for k, v in value.items()]
    elif isinstance(value, (list, tuple)):
        items = [(k, agents) for k in value]
    else:
        raise _fail(dep, app, f"'media' is {value!r}: expected a list of media")
    out = []
    for medium, n in items:
        lic = MEDIA.get(_word(medium))
        if lic is None:
            raise _fail(dep, app, f"unknown medium {medium!r}: expected email, chat or open-media")
        try:
            out.append((lic, _count(n)))
        except TypeError as exc:
            raise _fail(dep, app, f"'media.{medium}': {exc}") from None
    return out


def _interaction_server(dep: Deployment) -> Iterator[_Need]:
    for app in _apps(dep, "interaction-server"):
        agents = _int(dep, app, "agents")
        if agents:
            yield _need("interaction-server.agent-seat", app, agents,
                        f"{_plural(agents, 'agent')} logging in to {app.name}{_inst(app, agents)}"
                        f"{_pair(app)}", ICS)
        for lic, n in _media(dep, app, agents):
            if n:
                yield _need(lic, app, n,
                            f"{_plural(n, 'agent')} of {app.name} processing {MEDIA_WORDS[lic]} "
                            f"interactions{_inst(app, n)}{_pair(app)}", ICS)
        if _flag(app, "iwd-jms"):
            yield _need("interaction-server.iwd-jms", app, 1,
                        f"{app.name} uses the JMS Integrated Capture Point (iWD){_each(app)}", ICS)


def _classification_server(dep: Deployment) -> Iterator[_Need]:
    for app in _apps(dep, "classification-server"):
        if _flag(app, "content-analysis"):
            yield _need("classification-server.content-analysis", app, 1,
                        f"Classification Server {app.name} uses Content Analyzer (intelligent "
                        f"content analysis){_each(app)}{_pair(app)}", CLS)


RULES = (
    _tserver_seats, _tserver_tdn, _tserver_ha, _multi_site, _network_t_server,
    _configuration_server, _solution_control_server, _urs, _ocs, _vcb, _cpd, _call_concentrator,
    _lds, _ivr, _voice_treatment, _info_mart, _desktop, _gis, _ail, _agent_scripting,
    _interaction_server, _classification_server,
)


def _needs(dep: Deployment) -> List[_Need]:
    return [n for rule in RULES for n in rule(dep) if n.quantity > 0]


def _catalogs(catalogs):
    if catalogs is None:
        from ..catalogs import load
        catalogs = load()
    return catalogs


def feature_name(license_id: str, dep: Deployment, catalogs=None) -> Optional[str]:
    """The feature name of a license type: the description's ``[feature-names]`` entry, else the
    guide's name when the catalogue has it, else None."""
    if license_id in dep.feature_names:
        return dep.feature_names[license_id]
    name = LICENSES[license_id].feature
    if name is not None and _catalogs(catalogs).feature(name, VENDOR) is not None:
        return name
    return None


def _order(license_id: str) -> Tuple[int, str]:
    return PRODUCTS.index(LICENSES[license_id].product), license_id


def _unique(items: Iterable[str]) -> Tuple[str, ...]:
    return tuple(dict.fromkeys(items))


def requirements(dep: Deployment, catalogs=None) -> List[Requirement]:
    """The technical licenses ``dep`` needs: one Requirement per license type, ordered by product
    (``PRODUCTS`` order) and then by license id. Raises LictoolError for a value the rules
    cannot read (an unknown IVR or CPD mode, dialing or medium)."""
    catalogs = _catalogs(catalogs)
    groups: Dict[str, List[_Need]] = {}
    for need in _needs(dep):
        groups.setdefault(need.license, []).append(need)
    out = []
    for lic in sorted(groups, key=_order):
        needs = groups[lic]
        out.append(Requirement(
            license=lic,
            feature=feature_name(lic, dep, catalogs),
            quantity=sum(n.quantity for n in needs),
            reason="; ".join(n.text for n in needs),
            source="; ".join(_unique(s for n in needs for s in n.source.split("; "))),
            product=LICENSES[lic].product,
            applications=_unique(a for n in needs for a in n.applications),
        ))
    return out


def cap_warnings(dep: Deployment, catalogs=None) -> List[str]:
    """One message per application and license type where ONE instance of the application would
    need more licenses than a Genesys component instance can check out (the genesys.d
    catalogue's ``checkout-cap``, 9999: guide, Technical Licenses, Warning). Ordered like
    requirements(), then by application."""
    catalogs = _catalogs(catalogs)
    vendor = catalogs.vendor(VENDOR)
    cap = vendor.checkout_cap if vendor is not None else None
    if not cap:
        return []
    per: Dict[Tuple[str, str], int] = {}
    for need in _needs(dep):
        if len(need.applications) == 1:
            key = (need.license, need.applications[0])
            per[key] = per.get(key, 0) + need.per_instance
    apps = [a.name for a in dep.applications]
    out = []
    for (lic, app), n in sorted(per.items(), key=lambda kv: (_order(kv[0][0]), apps.index(kv[0][1]))):
        if n > cap:
            name = feature_name(lic, dep, catalogs)
            what = f"'{name}' ({lic})" if name else lic
            out.append(f"{app}: one instance needs {n} {what} licenses, but one instance of a "
                       f"Genesys component checks out at most {cap} licenses of one type (guide: "
                       f"{TECH_WARNING}); spread the load over more instances")
    return out
