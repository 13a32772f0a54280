"""L704 java-single-server."""

from __future__ import annotations

from typing import Iterator, List

from ....catalogs import FeatureInfo, for_settings
from ....model import Feature, LicenseFile, Package
from ....words import and_list
from ...rule import Context, Finding, Rule, describe
from ..servers.lines import server_lines

DOC = """\
## What it checks
A three-server file (exactly three SERVER lines: a redundant triad) holding license lines of
products built on the Java Flex library, which support only a single license server. Such
products are the catalogue entries marked `java = true`: in the built-in catalogue Genesys
Integration Server (`GIS`, `GIS_*`) and the Agent Interaction Java SDK (`ISDK_FACTORY`,
`ISDK_QUEUE`); a user catalogue can mark more, such as the Genesys Desktop features. Features are
looked up in the catalogue of the line's vendor, by exact name. There is one finding per FEATURE,
INCREMENT or UPGRADE line of such a feature, and per PACKAGE line bundling one, on the name field,
naming the product. Files with one SERVER line are fine; two or more than three SERVER lines are
left to `server-count`. `lictool check` says it of the applications of a deployment description
whose license server is a triad: `java-application-on-triad` (C010).

## Why it matters
A triad serves licenses while two of its three servers are up, and clients must know all three.
The Java Flex library that Genesys Desktop and Genesys Integration Server use supports only a
single license server: these products cannot check out their licenses from a triad, so they
need their licenses in a file served by one license server.

## Source
Genesys licensing guide (`genesys-licensing-guide.txt`), "Genesys Desktop", Tip: "Genesys Desktop
uses Java Flex Library, which limits supported license server configurations to a single server
configuration."; "Genesys SDKs: Agent Interaction Java and GIS", Tip: "Genesys Integration Server
uses Java Flex Library, which limits supported license server configurations to a single server
configuration." The research notes `grammars/genesys-domain.md` sections 3.3 (Java Flex Library products
cannot use a triad) and 5 (rule 19, `GEN-JAVA-SINGLE-SERVER`, error).
"""


def _product(info: FeatureInfo) -> str:
    return info.product or info.name


def check(lf: LicenseFile, ctx: Context) -> Iterator[Finding]:
    servers = server_lines(lf, ctx)
    if len(servers) != 3:
        return
    triad = f"SERVER lines {and_list(str(s.line) for s in servers)}"
    cats = for_settings(ctx.settings)
    for rec in ctx.records(lf, Feature, Package):
        if isinstance(rec, Package):
            java: List[FeatureInfo] = []
            for c in rec.components:
                info = cats.feature(c.name, rec.vendor)
                if info is not None and info.java and info not in java:
                    java.append(info)
            if not java:
                continue
            what = (f"{describe(rec)} bundles "
                    + and_list(f"{i.name} ({_product(i)})" for i in java)
                    + ", built on the Java Flex library")
        else:
            info = cats.feature(rec.name, rec.vendor)
            if info is None or not info.java:
                continue
            what = (f"{describe(rec)} is a license of {_product(info)}, built on the Java Flex "
                    "library")
        yield ctx.at_field(
            rec, "name",
            f"{what}, which supports only a single license server, but this file names a "
            f"three-server triad ({triad})",
            "serve this product from a single license server: ask Genesys for a separate "
            "single-server license file for it (SERVER lines are signed)")


RULE = Rule("L704", "java-single-server", "error",
            "A Java Flex library product (GIS, Genesys Desktop) in a three-server triad file.", DOC,
            check=check)
