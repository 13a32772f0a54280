"""The deployment description, as typed values. ``lictool.genesys.deployment`` reads it from TOML
(the keys are a contract: see the README); ``lictool.genesys.requirements`` turns it into the
licenses it needs."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping, Optional, Tuple

from .products import REDUNDANCY, product_names

#: the products, in the product table's order (lictool/genesys/products.toml)
PRODUCTS: Tuple[str, ...] = product_names()
PLATFORMS = ("physical", "vmware", "hyper-v", "kvm", "xen", "virtualbox", "cloud")
MAC_ASSIGNMENTS = ("static", "generated", "assigned", "dynamic")
__all__ = ["PRODUCTS", "PLATFORMS", "MAC_ASSIGNMENTS", "REDUNDANCY", "LicenseServer",
           "Application", "Deployment", "Share", "Requirement"]


@dataclass(frozen=True)
class LicenseServer:
    name: str
    host: Optional[str] = None
    platform: str = "physical"
    mac: Optional[str] = None
    mac_assignment: Optional[str] = None
    license_file: Optional[str] = None     # resolved against the deployment file's folder
    line: int = 0                           # line of its [[license-server]] table


@dataclass(frozen=True)
class Application:
    """One application; a redundant pair (primary and backup) is ONE entry."""

    name: str
    product: str
    release: str                            # its own release, or the deployment's
    redundancy: str = "none"
    site: Optional[str] = None
    multi_site: bool = False
    license_server: Optional[str] = None
    instances: int = 1
    # the product keys, with TOML names (the product table's keys of its product)
    keys: Mapping[str, object] = field(default_factory=dict)
    line: int = 0                           # line of its [[application]] table

    def get(self, key: str, default=None):
        return self.keys.get(key, default)


@dataclass(frozen=True)
class Deployment:
    release: str
    license_servers: Tuple[LicenseServer, ...] = ()
    applications: Tuple[Application, ...] = ()
    feature_names: Mapping[str, str] = field(default_factory=dict)  # license id -> feature name
    path: Optional[str] = None


@dataclass(frozen=True)
class Share:
    """The part of a requirement one application needs (it checks out from its own license
    server, at its own release)."""

    application: str             # the [[application]] name
    quantity: int
    instances: int = 1           # its instances: each checks out at most the 9999 cap


@dataclass(frozen=True)
class Requirement:
    """A technical license a deployment needs."""

    license: str                 # a stable id of the license type, e.g. "t-server.seats"
    feature: Optional[str]       # the feature name (catalogue or [feature-names]); None: unnamed
    quantity: int
    reason: str                  # why, in words, naming the applications
    source: str                  # the guide section, by title
    product: str                 # the product the license is for
    applications: Tuple[str, ...] = ()
    #: the quantity per application (summing to ``quantity``); empty: not split (the whole
    #: quantity is checked out by ``applications`` together)
    shares: Tuple[Share, ...] = ()
    #: the release whose version the checkout requests when it is not that of ``applications``
    #: (``ha_redundancy``: the Solution Control Server's release); None: the applications'
    release: Optional[str] = None
    #: feature names of higher tiers that also serve this need (OCS full dialing "enables
    #: Preview also"; Voice Callback: "You can use either license")
    served_by: Tuple[str, ...] = ()
    #: the guide's sentence behind the count, quoted
    quote: Optional[str] = None
    #: set when the quantity cannot be worked out from the description: what key to set
    unknown: Optional[str] = None
