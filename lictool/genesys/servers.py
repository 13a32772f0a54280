"""The deployment-side checks of ``lictool check``: each license server's declared platform,
MAC and MAC assignment against its license file's SERVER lines and the virtual-platform MAC
prefix table, and the Java Flex library products on a three-server triad."""

from __future__ import annotations

from typing import Callable, Dict, List, Sequence

from ..catalogs import Catalogs
from ..lint.rule import Finding, Rule
from ..lint.rules.hostids.virtual_mac import colons, range_text
from ..model import Feature, LicenseFile, Server
from .accounting import VENDOR, Accounting, aliases, names_of
from .model import Application, Deployment, LicenseServer, Requirement

#: makes the finding of a rule at a line of the deployment: (line, rule, message, hint)
AtDeployment = Callable[..., Finding]


def genesys_rule(code: str, name: str, severity: str, summary: str, what: str, why: str,
                 source: str) -> Rule:
    """A check rule, documented with the lint rules' headings."""
    doc = f"## What it checks\n{what}\n\n## Why it matters\n{why}\n\n## Source\n{source}\n"
    return Rule(code, name, severity, summary, doc)


SERVER_MAC = genesys_rule(
    "C003", "license-server-mac", "error", "A license server on a virtual platform without a static MAC.",
    "A `[[license-server]]` on a virtual platform (not `physical`) whose `mac-assignment` is not "
    "`static`.",
    "Its MAC address, the hostid of the license file, changes when the virtual machine is moved "
    "or re-created, and the license server stops serving.",
    "Genesys Licensing Guide, \"Licenses for Virtual Platform Support\".")
JAVA = genesys_rule(
    "C010", "java-application-on-triad", "error",
    "Genesys Desktop, GIS or an Agent Interaction Java application on a three-server triad.",
    "A Genesys Desktop, GIS or Agent Interaction SDK (Java) application of the deployment "
    "description whose license server's file has three SERVER lines; for an application that "
    "names no license server (or with `--license`), a triad file among the files read that holds "
    "a license it needs (or, when none of its licenses has a known feature name, every file read "
    "being a triad). The finding is on the application in the description. The lint rule "
    "`java-single-server` (L704) says the same of the license lines in a triad file, seen from "
    "the file alone.",
    "Products built on the Java Flex library support only a single license server.",
    "Genesys Licensing Guide, \"Genesys Desktop\" (Tip) and \"Genesys SDKs: Agent Interaction "
    "Java and GIS\" (Tip).")
SERVER_HOSTID = genesys_rule(
    "C008", "license-server-hostid", "error",
    "A license server's declared MAC is not the SERVER hostid of its license file.",
    "A `[[license-server]]` with a `mac` whose license file (read) has Ethernet SERVER hostids: "
    "the SERVER line of its `host` (or, when no SERVER line names the host, every SERVER line) "
    "has another hostid. SERVER lines with another hostid type (`ANY`, `ID=`, ...) are not "
    "compared.",
    "The license server serves only on the machine whose hostid is on the SERVER line: either "
    "the description is wrong, or the file was issued for another machine (or for the virtual "
    "machine before its MAC changed).",
    "Genesys Licensing Guide, \"Licenses for Virtual Platform Support\" (\"the host-id value "
    "returned by the virtual platform is used\"); FlexNet License Administration Guide (the "
    "SERVER line's hostid).")
MAC_DECLARATION = genesys_rule(
    "C009", "mac-declaration-mismatch", "warning",
    "A declared MAC that contradicts the license server's platform or MAC assignment.",
    "A `[[license-server]]` whose `mac` is in a virtual platform's range of the MAC prefix table "
    "(`lictool/catalogs/virtual-macs.toml`, and the `catalogs` setting's files) while its "
    "`platform` is `physical`; or whose `mac-assignment` is `static` while the MAC is outside the "
    "static range the table gives for its platform (VMware: 00:50:56:00:00:00-00:50:56:3F:FF:FF).",
    "A MAC the platform generates changes when the virtual machine is moved, copied or "
    "re-created: a description that calls it physical or static hides the risk that C003 reports.",
    "Genesys Licensing Guide, \"Licenses for Virtual Platform Support\" (\"force the virtual "
    "platform to use a static (fixed) MAC address\"); the sources in virtual-macs.toml.")

#: products built on the Java Flex library (guide: Genesys Desktop, Tip; Genesys SDKs: Agent
#: Interaction Java and GIS, Tip)
JAVA_PRODUCTS = ("genesys-desktop", "gis", "agent-interaction-sdk")

def server_findings(dep: Deployment, acc: Accounting, loaded: Dict[str, LicenseFile],
                    cats: Catalogs, at_dep: AtDeployment) -> List[Finding]:
    """C003, C008 and C009 of each ``[[license-server]]`` (``loaded``: the files read, by shown
    path)."""
    out = []
    for s in dep.license_servers:
        if s.platform != "physical" and s.mac_assignment != "static":
            how = s.mac_assignment or "not declared static"
            out.append(at_dep(s.line, SERVER_MAC,
                              f"license server {s.name!r} runs on {s.platform} and its MAC "
                              f"assignment is {how}: its hostid changes when the virtual machine "
                              "is moved or re-created (guide: Licenses for Virtual Platform Support)",
                              "give the virtual machine a static MAC address, and set "
                              "mac-assignment = \"static\""))
        if not s.mac:
            continue
        mac = s.mac.upper()
        shown = acc.file_of(s)
        lf = loaded.get(shown) if shown else None
        if lf is not None:
            f = _hostid(s, mac, shown, lf)
            if f is not None:
                out.append(at_dep(s.line, SERVER_HOSTID, *f))
        entry = cats.mac_prefix(mac)
        if entry is None:
            continue
        if s.platform == "physical":
            out.append(at_dep(s.line, MAC_DECLARATION,
                              f"license server {s.name!r} is declared physical, but its MAC "
                              f"{colons(mac)} is {entry.platform}'s (prefix "
                              f"{colons(entry.prefix)}): a virtual network card's address, which "
                              "changes when the virtual machine is moved or re-created (guide: "
                              "Licenses for Virtual Platform Support)",
                              "set platform to the virtual platform it runs on, and give it a "
                              "static MAC"))
        elif s.mac_assignment == "static" and not entry.static:
            ranges = [range_text(p) for p in cats.macs if p.static and p.platform == entry.platform]
            if ranges:
                note = f" ({entry.note})" if entry.note else ""
                out.append(at_dep(s.line, MAC_DECLARATION,
                                  f"license server {s.name!r} declares mac-assignment static, but "
                                  f"its MAC {colons(mac)} is outside {entry.platform}'s static "
                                  f"range {', '.join(ranges)}: prefix {colons(entry.prefix)}"
                                  f"{note}, which the platform may change when the virtual "
                                  "machine is moved or re-created (guide: Licenses for Virtual "
                                  "Platform Support)",
                                  f"set a static MAC in {', '.join(ranges)} on the virtual machine "
                                  "and have the license reissued for it, or correct the "
                                  "description"))
    return out


def _hostid(s: LicenseServer, mac: str, path: str, lf: LicenseFile):
    """(message, hint) when the SERVER hostid of ``s``'s file is not its declared ``mac``."""
    lines = [r for r in lf.records if isinstance(r, Server) and r.hostid is not None]
    host = (s.host or "").casefold()
    named = [r for r in lines if host and r.host.casefold() in (host, host.split(".")[0])]
    ether = [r for r in (named[:1] or lines) if r.hostid.type == "ETHER"]
    if not ether or any(r.hostid.value.upper() == mac for r in ether):
        return None
    shown = ", ".join(f"{path}:{r.line} SERVER {r.host} {r.hostid.text}" for r in ether)
    return (f"license server {s.name!r} declares mac {colons(mac)}, but its license file's "
            f"SERVER hostid is another one ({shown}): a license server serves only on the machine "
            "whose hostid is on its SERVER line (guide: Licenses for Virtual Platform Support: "
            "\"the host-id value returned by the virtual platform is used\")",
            "correct the mac in the description if it is a typo; otherwise the file was issued "
            "for another machine: have it reissued for this MAC (the SERVER hostid is signed)")


def java_findings(dep: Deployment, reqs: Sequence[Requirement], acc: Accounting,
                  loaded: Dict[str, LicenseFile], cats: Catalogs, by_server: bool,
                  at_dep: AtDeployment) -> List[Finding]:
    """C010 of each Java Flex library application on a three-server triad."""
    out = []
    hint = "serve its licenses from a single license server"
    tail = "products built on the Java Flex library support only a single license server"
    for a in dep.applications:
        if a.product not in JAVA_PRODUCTS:
            continue
        s = acc.server_of(a) if by_server else None
        if s is not None:
            shown = acc.file_of(s)
            lf = loaded.get(shown) if shown else None
            if lf is not None and len(lf.servers) == 3:
                out.append(at_dep(a.line, JAVA,
                                  f"{a.name} ({a.product}) uses license server "
                                  f"{a.license_server!r}, a three-server triad; {tail}", hint))
            continue
        bad = _triads_for(a, reqs, acc.all_paths, loaded, cats)
        if bad:
            out.append(at_dep(a.line, JAVA,
                              f"{a.name} ({a.product}) checks out from {names_of(bad)}, "
                              f"{'a three-server triad' if len(bad) == 1 else 'three-server triads'}"
                              f"; {tail}", hint))
    return out


def _triads_for(a: Application, reqs: Sequence[Requirement], paths: Sequence[str],
                loaded: Dict[str, LicenseFile], cats: Catalogs) -> List[str]:
    """The triad files among ``paths`` that ``a`` (naming no license server) may check out from:
    those holding a license it needs, or, when none of its licenses has a feature name known,
    all of them if every file is a triad."""
    names = set()
    for req in reqs:
        users = set(req.applications) | {s.application for s in req.shares}
        if req.feature is not None and a.name in users:
            names.update(aliases(req.feature, cats))
    triads = [p for p in paths if p in loaded and len(loaded[p].servers) == 3]
    if names:
        holding = [p for p in paths if p in loaded and any(
            isinstance(r, Feature) and r.vendor == VENDOR and r.name in names
            for r in loaded[p].records)]
        return [p for p in holding if p in triads]
    return triads if triads and len(triads) == len(paths) else []
