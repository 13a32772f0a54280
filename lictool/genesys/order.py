"""Order rows of ``lictool check --format order`` (JSON) and ``--format order-csv``: per needed
license and license server, what is needed, what the files serve and what to order, apart from
the lint findings.

JSON: ``{"rows": [...], "unnamed": [...]}``. A row: ``feature``, ``license`` (the stable license
id), ``product``, ``version`` (the version the checkout requests: ``"8.0"``, or ``"0"`` for 7.x
products), ``need``, ``have`` (an integer, or ``"uncounted"``), ``shortfall`` (``max(need - have,
0)``), ``order_version`` (the version a new line needs to close the shortfall: the highest
version requested that falls short, as 7.x products use 8.x lines; null when nothing is short),
``license_server`` (null: the files of several servers, or of none named, summed),
``applications``, ``source`` (the guide section), ``quote`` (the guide's sentence behind the
count, or null) and ``unknown`` (null, or the key to set when the quantity could not be worked
out: ``need`` is then what is counted so far). With applications of several releases on one
server, the numbers are those of the tightest version (the largest shortfall). ``unnamed``: the
needed licenses without a feature name (``license``, ``product``, ``quantity``, ``reason``,
``source``, ``quote``, ``unknown``), which no file can be checked for.

CSV: one line per row, the same columns (``applications`` separated by blanks), then one line
per unnamed license with an empty ``feature``, ``have`` and ``shortfall``.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Dict, List, NamedTuple, Optional, Sequence, Tuple


class Row(NamedTuple):
    feature: str
    license: str
    product: str
    version: str
    need: int
    have: Optional[int]              # None: uncounted
    license_server: Optional[str]
    order_version: Optional[str]
    applications: Tuple[str, ...]
    source: str
    quote: Optional[str] = None
    unknown: Optional[str] = None

    @property
    def shortfall(self) -> int:
        return 0 if self.have is None else max(self.need - self.have, 0)

    def as_dict(self) -> Dict[str, object]:
        return {"feature": self.feature, "license": self.license, "product": self.product,
                "version": self.version, "need": self.need,
                "have": "uncounted" if self.have is None else self.have,
                "shortfall": self.shortfall, "order_version": self.order_version,
                "license_server": self.license_server, "applications": list(self.applications),
                "source": self.source, "quote": self.quote, "unknown": self.unknown}


class Unnamed(NamedTuple):
    license: str
    product: str
    quantity: int
    reason: str
    source: str
    quote: Optional[str] = None
    unknown: Optional[str] = None

    def as_dict(self) -> Dict[str, object]:
        return dict(self._asdict())


COLUMNS = ("feature", "version", "need", "have", "shortfall", "order_version", "license_server",
           "license", "product", "applications", "source", "quote", "unknown")


def order_json(rows: Sequence[Row], unnamed: Sequence[Unnamed]) -> str:
    doc = {"rows": [r.as_dict() for r in rows], "unnamed": [u.as_dict() for u in unnamed]}
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


def order_csv(rows: Sequence[Row], unnamed: Sequence[Unnamed]) -> str:
    buf = io.StringIO()
    out = csv.writer(buf, lineterminator="\n")
    out.writerow(COLUMNS)
    for r in rows:
        d = r.as_dict()
        d["applications"] = " ".join(r.applications)
        out.writerow(["" if d[c] is None else d[c] for c in COLUMNS])
    for u in unnamed:
        cells: List[object] = ["", "", u.quantity, "", "", "", "", u.license, u.product, "",
                               u.source, u.quote or "", u.unknown or ""]
        out.writerow(cells)
    return buf.getvalue()
