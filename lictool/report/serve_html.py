"""The entitlement (what the license server serves, :mod:`lictool.entitlement`) as one
self-contained HTML page, for ``lictool report --format html``.

The page holds two pictures and the tables behind them:

- an expiry timeline (inline SVG): one mark per pool, a bar from today to the date its first line
  expires (a lighter tail up to the date its last line expires), permanent pools drawn into a
  "permanent" band at the right edge; the lines that already expired as marks of their own, from
  their expiry date up to today; a vertical line for today;
- seats per feature (inline SVG): one bar per feature, one segment per pool; an uncounted feature
  (any number on its hostids) is a dashed full-width bar labelled "uncounted";
- the pools (the columns of the text report), the lines that serve nothing, the ambiguities.

No JavaScript, no network, no external font, image, script or style sheet: the file can be mailed
or archived and opens the same anywhere. Every piece of user data (paths, feature names, hostids,
messages) is HTML-escaped. Same entitlement, same bytes: no timestamp, no random id, positions
computed from dates and counts only and written with one decimal.

Marks a test (or a script) may rely on: ``class="pool-mark ..."`` with ``data-vendor``,
``data-feature``, ``data-version``, ``data-status`` (``ok``, ``soon``, ``permanent``) on each pool's
timeline mark; ``class="expired-mark"`` on each expired line's mark; ``class="seat-bar"`` with
``data-vendor`` and ``data-feature`` on each feature's seats bar; ``class="pool-row ..."`` on each
row of the pools table.
"""

from __future__ import annotations

import datetime as _dt
import html
import re
from dataclasses import dataclass
from typing import Dict, List, NamedTuple, Optional, Sequence, Tuple

from ..entitlement import SOURCES, Entitlement, Pool, Unserved
from . import serve

#: a pool whose first line expires within this many days of today is "soon-expiring"
SOON_DAYS = 30
#: the timeline reaches at most this far ahead of today (later dates are drawn at its edge)
HORIZON_YEARS = 10
#: ... and at most this far back (older expired lines are drawn from its edge)
HISTORY_YEARS = 3
#: the timeline always shows at least this many months after today
MIN_MONTHS_AHEAD = 12

#: Okabe-Ito colours (told apart with the common colour-vision deficiencies)
COLOURS = {"ok": "#0072B2", "soon": "#E69F00", "expired": "#D55E00", "permanent": "#009E73"}
LEGEND = (("ok", f"expires in more than {SOON_DAYS} days"),
          ("soon", f"expires within {SOON_DAYS} days"),
          ("permanent", "permanent"),
          ("expired", "expired line (serves nothing)"))
SEAT_COLOURS = ("#4D6D8A", "#93AFC8")     # the segments (pools) of a feature's bar, alternating

# geometry of the pictures (SVG user units; the page scales them to its width)
WIDTH = 1240
LABEL_W = 290          # the row labels, on the left
TEXT_W = 270           # the dates or counts, on the right
PERMANENT_W = 80       # the "permanent" band at the right end of the timeline
ROW_H = 22
BAR_H = 12
TIMELINE_AXIS_H = 50
SEATS_AXIS_H = 26
TICK_LABEL_W = 34      # the room a tick label needs
MIN_BAR = 3            # a mark is never thinner than this, so that every pool can be seen
LABEL_CHARS = 38       # longer labels are cut with "..." (the full text is the mark's tooltip)

_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

CSS = """\
:root{color-scheme:light}
body{margin:0;background:#f6f8fa;color:#1f2328;
  font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,"DejaVu Sans",
  sans-serif}
main{max-width:1240px;margin:0 auto;padding:20px 24px 40px}
h1{font-size:22px;margin:0 0 4px}
h2{font-size:17px;margin:0 0 10px}
.sub{color:#57606a;margin:0 0 14px}
section{background:#fff;border:1px solid #d0d7de;border-radius:8px;padding:16px 20px;margin:16px 0}
.cards{display:flex;flex-wrap:wrap;gap:10px;margin:0;padding:0;list-style:none}
.cards li{border:1px solid #d0d7de;border-radius:6px;padding:6px 12px;background:#fff}
.cards b{font-size:18px;margin-right:4px}
.cards .warn{border-color:#E69F00}
.cards .bad{border-color:#D55E00}
.legend{display:flex;flex-wrap:wrap;gap:6px 18px;margin:0 0 10px;padding:0;list-style:none;
  color:#57606a;font-size:13px}
.sw{display:inline-block;width:14px;height:10px;border-radius:2px;margin-right:6px;
  vertical-align:-1px}
.sw.tail{opacity:.35}
.sw.today{width:0;height:14px;border-left:2px dashed #1f2328;border-radius:0;vertical-align:-3px}
.sw.uncounted{background:#eef2f6;border:1px dashed #4D6D8A}
svg{display:block;width:100%;height:auto;overflow:visible}
svg text{font-size:12px;fill:#1f2328}
svg .axis text{font-size:11px;fill:#57606a}
svg .axis .today{font-weight:600;fill:#1f2328}
svg .head{font-weight:600;font-size:12px}
svg .zebra{fill:#f6f8fa}
table{border-collapse:collapse;width:100%;font-size:13px}
th,td{padding:4px 8px;border-bottom:1px solid #eaeef2;text-align:left;vertical-align:top;
  overflow-wrap:break-word}
td.name{overflow-wrap:anywhere;min-width:12em;max-width:24em}
td.nowrap{white-space:nowrap}
thead th{background:#f6f8fa;border-bottom:1px solid #d0d7de;white-space:nowrap}
tbody th{background:#fff;padding-top:12px;font-size:14px}
td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
td.date{white-space:nowrap}
code{font:12px/1.4 ui-monospace,"SFMono-Regular",Menlo,Consolas,"DejaVu Sans Mono",monospace}
.dot{display:inline-block;width:9px;height:9px;border-radius:50%;margin-right:6px}
.reason{display:inline-block;padding:0 6px;border-radius:10px;background:#eaeef2;font-size:12px;
  white-space:nowrap}
.reason.expired{background:#fbe3d6}
.empty{color:#57606a;font-style:italic}
footer{color:#57606a;font-size:12px;margin-top:20px}
"""


# ---------------------------------------------------------------------------------------------
# small helpers
# ---------------------------------------------------------------------------------------------

def esc(value: object) -> str:
    """``value`` as HTML text or attribute value: escaped, with characters no HTML document may
    hold (C0 controls, lone surrogates) replaced by U+FFFD."""
    return html.escape(_UNSAFE.sub("\ufffd", str(value)), quote=True)


def num(x: float) -> str:
    """A coordinate with one decimal, without a trailing ``.0`` (deterministic, short)."""
    text = f"{x:.1f}"
    return text[:-2] if text.endswith(".0") else text


def cut(text: str, most: int = LABEL_CHARS) -> str:
    """``text`` cut to ``most`` characters with an ellipsis."""
    return text if len(text) <= most else text[:most - 1] + "\u2026"


def attrs(**values: object) -> str:
    """HTML/SVG attributes from keyword arguments (``data_x`` -> ``data-x``, ``cls`` ->
    ``class``), in the order given; numbers go through :func:`num`."""
    parts = []
    for name, value in values.items():
        name = "class" if name == "cls" else name.replace("_", "-")
        text = num(value) if isinstance(value, float) else esc(value)
        parts.append(f'{name}="{text}"')
    return " ".join(parts)


def status(ent: Entitlement, pool: Pool) -> str:
    """``permanent``, ``soon`` (its first line expires within :data:`SOON_DAYS`) or ``ok``."""
    days = serve.days_left(ent, pool)
    if days is None:
        return "permanent"
    return "soon" if days <= SOON_DAYS else "ok"


def pool_label(pool: Pool) -> str:
    """``feature version``, and the PACKAGE a component pool comes from."""
    return f"{pool.feature} {pool.version}" + (f" (in {pool.package})" if pool.package else "")


def lines_text(pool: Pool) -> str:
    """The lines a pool comes from: ``path:14, 17; other.lic:3``."""
    by_path: Dict[str, List[str]] = {}
    for ln in pool.lines:
        by_path.setdefault(ln.path, []).append(str(ln.line))
    return "; ".join(f"{path}:{', '.join(nums)}" for path, nums in by_path.items())


def rest_text(pool: Pool) -> str:
    """`` (some to 2027-03-31)`` or `` (some permanent)`` when the pool's lines do not all
    expire on its first expiry date; else empty."""
    if pool.expires is None or pool.latest == pool.expires:
        return ""
    return " (some permanent)" if pool.latest is None else f" (some to {pool.latest.isoformat()})"


def expired_on(u: Unserved) -> Optional[_dt.date]:
    """The expiry date of an expired line."""
    return u.date if u.reason == "expired" else None


def expired_lines(ent: Entitlement) -> List[Tuple[Unserved, Optional[_dt.date]]]:
    """The lines that serve nothing because they expired, with their expiry dates."""
    return [(u, expired_on(u)) for u in ent.unserved if u.reason == "expired"]


def by_vendor(pools: Sequence[Pool]) -> Dict[str, List[Pool]]:
    """The pools grouped by vendor, in their order."""
    out: Dict[str, List[Pool]] = {}
    for p in pools:
        out.setdefault(p.vendor, []).append(p)
    return out


def days_text(days: int) -> str:
    """``1 day``, ``30 days`` (of a count either way)."""
    return "1 day" if abs(days) == 1 else f"{abs(days)} days"


# ---------------------------------------------------------------------------------------------
# the time axis
# ---------------------------------------------------------------------------------------------

def month_index(d: _dt.date) -> int:
    """Months since the year 0: consecutive months have consecutive numbers."""
    return d.year * 12 + d.month - 1


def from_month_index(i: int) -> _dt.date:
    """The first day of month ``i`` (:func:`month_index`), kept within the years 1-9999."""
    i = min(max(i, 12), 12 * _dt.MAXYEAR + 11)
    return _dt.date(i // 12, i % 12 + 1, 1)


@dataclass(frozen=True)
class TimeAxis:
    """Dates to x positions: whole months from ``start`` to ``end`` (first days) over the plot
    area, then the "permanent" band."""

    start: _dt.date
    end: _dt.date

    x0 = float(LABEL_W)
    x1 = float(WIDTH - TEXT_W - PERMANENT_W)       # the end of dated time
    x_permanent = float(WIDTH - TEXT_W)            # the end of the permanent band

    def x(self, d: Optional[_dt.date]) -> float:
        """The position of ``d`` (None: permanent, the right end); clamped to the axis."""
        if d is None:
            return self.x_permanent
        d = min(max(d, self.start), self.end)
        span = max((self.end - self.start).days, 1)
        return self.x0 + (d - self.start).days * (self.x1 - self.x0) / span

    def ticks(self) -> List[Tuple[_dt.date, str, str]]:
        """(date, month label, year label) for the grid: at most about a dozen, every 1, 2, 3,
        6, 12, 24 or 60 months, aligned to January."""
        first, last = month_index(self.start), month_index(self.end)
        step = next(s for s in (1, 2, 3, 6, 12, 24, 60, 120) if (last - first) / s <= 12)
        out = []
        for i in range(first, last + 1):
            if i % step:
                continue
            d = from_month_index(i)
            if step >= 12:
                out.append((d, str(d.year), ""))
            else:
                year = str(d.year) if d.month == 1 or not out else ""
                out.append((d, MONTHS[d.month - 1], year))
        return out


def time_axis(ent: Entitlement) -> TimeAxis:
    """The span the timeline shows: today, the pools' expiry dates and the expired lines' (at
    least :data:`MIN_MONTHS_AHEAD` months ahead, at most :data:`HORIZON_YEARS` years ahead and
    :data:`HISTORY_YEARS` back), widened to whole months with one month before the earliest."""
    today = ent.today
    dates = [d for p in ent.pools for d in (p.expires, p.latest) if d is not None]
    dates += [d for _, d in expired_lines(ent) if d is not None]
    now = month_index(today)
    lo = max(min([today, *dates]), from_month_index(now - 12 * HISTORY_YEARS))
    hi = min(max([from_month_index(now + MIN_MONTHS_AHEAD), *dates]),
             from_month_index(now + 12 * HORIZON_YEARS + 1))
    end = month_index(hi) + (0 if hi.day == 1 else 1)
    return TimeAxis(from_month_index(month_index(lo) - 1), from_month_index(end))


# ---------------------------------------------------------------------------------------------
# SVG pieces
# ---------------------------------------------------------------------------------------------

class Row(NamedTuple):
    """A row of a picture: a group heading (``item`` None) or an item."""

    label: str
    item: object = None


def rect(x: float, y: float, w: float, h: float, **more: object) -> str:
    """An SVG rectangle."""
    return f"<rect {attrs(x=float(x), y=float(y), width=float(w), height=float(h), **more)}/>"


def text(x: float, y: float, body: str, **more: object) -> str:
    """An SVG text (escaped)."""
    return f"<text {attrs(x=float(x), y=float(y), **more)}>{esc(body)}</text>"


def line(x1: float, y1: float, x2: float, y2: float, **more: object) -> str:
    """An SVG line."""
    return f"<line {attrs(x1=float(x1), y1=float(y1), x2=float(x2), y2=float(y2), **more)}/>"


def mark(x: float, y: float, w: float, tooltip: str, **more: object) -> str:
    """A bar with a tooltip, at least :data:`MIN_BAR` wide."""
    box = attrs(**more, x=float(x), y=float(y), width=float(max(w, MIN_BAR)),
                height=float(BAR_H), rx=2.0)
    return f"<rect {box}><title>{esc(tooltip)}</title></rect>"


def svg(height: float, label: str, body: List[str]) -> str:
    """An inline SVG picture of :data:`WIDTH` x ``height`` (HTML5 needs no ``xmlns``; leaving it
    out keeps the page free of URLs)."""
    head = attrs(viewBox=f"0 0 {WIDTH} {num(height)}",
                 width=str(WIDTH), height=num(height), role="img", aria_label=label)
    return f"<svg {head}>\n" + "\n".join(body) + "\n</svg>"


def stripes(rows: Sequence[Row], top: float) -> List[str]:
    """A light background behind every other row, to follow a row across the picture."""
    return [rect(0, top + n * ROW_H, WIDTH, ROW_H, cls="zebra") for n in range(1, len(rows), 2)]


def labels(rows: Sequence[Row], top: float) -> List[str]:
    """The labels of the rows (headings in bold)."""
    out = []
    for n, row in enumerate(rows):
        y = top + n * ROW_H
        if row.item is None:
            out.append(text(6, y + 15, cut(row.label, 60), cls="head"))
        else:
            out.append(text(16, y + 15, cut(row.label)))
    return out


# ---------------------------------------------------------------------------------------------
# the expiry timeline
# ---------------------------------------------------------------------------------------------

def timeline_rows(ent: Entitlement) -> List[Row]:
    """A heading per vendor, a row per pool; then the expired lines under their own heading."""
    rows = []
    for vendor, pools in by_vendor(ent.pools).items():
        rows.append(Row(vendor))
        rows += [Row(pool_label(p), p) for p in pools]
    expired = expired_lines(ent)
    if expired:
        rows.append(Row("expired lines (serve nothing)"))
        for u, day in expired:
            name = re.split(r"[\\/]", u.path)[-1]
            rows.append(Row(f"{u.feature} ({name}:{u.line})", (u, day)))
    return rows


def timeline_axis(axis: TimeAxis, today: _dt.date, bottom: float) -> List[str]:
    """The grid with month and year labels, the permanent band and the line for today."""
    top = TIMELINE_AXIS_H - 2
    out = ['<g class="axis">',
           rect(axis.x1, top, PERMANENT_W, bottom - top, fill=COLOURS["permanent"],
                opacity=0.08),
           text((axis.x1 + axis.x_permanent) / 2, 27, "permanent", text_anchor="middle")]
    for d, month, year in axis.ticks():
        x = axis.x(d)
        out.append(line(x, top, x, bottom, stroke="#d8dee4"))
        if x + TICK_LABEL_W <= axis.x1:         # no label runs into the permanent band
            out.append(text(x + 3, 14, month))
            if year:
                out.append(text(x + 3, 27, year))
    x = axis.x(today)
    out.append(text(x, 43, f"today {today.isoformat()}", cls="today", text_anchor="middle"))
    out.append("</g>")
    return out


def today_line(axis: TimeAxis, today: _dt.date, bottom: float) -> str:
    """The vertical line for today, drawn over the marks."""
    x = axis.x(today)
    return line(x, TIMELINE_AXIS_H - 2, x, bottom, stroke="#1f2328", stroke_width=1.5,
                stroke_dasharray="4 3", cls="today-line")


def pool_marks(ent: Entitlement, axis: TimeAxis, pool: Pool, y: float) -> List[str]:
    """A pool's mark (today to its first expiry), its tail (to its last expiry) and its date."""
    state = status(ent, pool)
    colour = COLOURS[state]
    start, end = axis.x(ent.today), axis.x(pool.expires)
    days = serve.days_left(ent, pool)
    when = "permanent" if days is None else \
        f"{pool.expires.isoformat()} \u00b7 {days_text(days)}{rest_text(pool)}"
    tip = f"{pool.vendor} {pool_label(pool)}: {when} ({lines_text(pool)})"
    out = [mark(start, y, end - start, tip, cls=f"pool-mark {state}", fill=colour,
                data_vendor=pool.vendor, data_feature=pool.feature, data_version=pool.version,
                data_status=state)]
    if pool.expires is not None and pool.latest != pool.expires:
        tip = f"{pool_label(pool)}: seats of some of its lines last longer{rest_text(pool)}"
        out.append(mark(end, y, axis.x(pool.latest) - end, tip, cls="pool-tail", fill=colour,
                        opacity=0.35))
    out.append(text(axis.x_permanent + 10, y + 10, when))
    return out


def expired_marks(ent: Entitlement, axis: TimeAxis, u: Unserved, day: Optional[_dt.date],
                  y: float) -> List[str]:
    """An expired line's mark (its expiry date to today) and its date."""
    if day is None:
        return [text(axis.x_permanent + 10, y + 10, "expired")]
    start = axis.x(day)
    when = f"expired {day.isoformat()} \u00b7 {days_text((ent.today - day).days)} ago"
    tip = f"{u.path}:{u.line}: {u.message}"
    return [mark(start, y, axis.x(ent.today) - start, tip, cls="expired-mark",
                 fill=COLOURS["expired"], data_feature=u.feature, data_line=str(u.line)),
            text(axis.x_permanent + 10, y + 10, when)]


def timeline_svg(ent: Entitlement) -> str:
    """The expiry timeline: one mark per pool and per expired line, today marked."""
    rows = timeline_rows(ent)
    axis = time_axis(ent)
    bottom = TIMELINE_AXIS_H + len(rows) * ROW_H
    body = (stripes(rows, TIMELINE_AXIS_H) + timeline_axis(axis, ent.today, bottom)
            + labels(rows, TIMELINE_AXIS_H))
    for n, row in enumerate(rows):
        y = TIMELINE_AXIS_H + n * ROW_H + (ROW_H - BAR_H) / 2
        if isinstance(row.item, Pool):
            body += pool_marks(ent, axis, row.item, y)
        elif row.item is not None:
            body += expired_marks(ent, axis, *row.item, y)
    body.append(today_line(axis, ent.today, bottom))
    return svg(bottom + 6, f"Expiry timeline of {len(ent.pools)} license pools", body)


# ---------------------------------------------------------------------------------------------
# seats per feature
# ---------------------------------------------------------------------------------------------

def features(ent: Entitlement) -> Dict[Tuple[str, str], List[Pool]]:
    """The pools of each (vendor, feature), in the order of the pools."""
    out: Dict[Tuple[str, str], List[Pool]] = {}
    for p in ent.pools:
        out.setdefault((p.vendor, p.feature), []).append(p)
    return out


def nice_ceiling(n: int) -> int:
    """The smallest 1, 2 or 5 times a power of ten that is at least ``n`` (at least 1)."""
    k = 1
    while True:
        for m in (1, 2, 5):
            if m * k >= n:
                return m * k
        k *= 10


def seats_text(pools: Sequence[Pool]) -> str:
    """``750 = 600 + 150``, ``uncounted`` or ``uncounted + 8``."""
    counted = [p.seats for p in pools if p.seats is not None]
    total = sum(counted)
    if len(counted) < len(pools):
        return "uncounted" + (f" + {total}" if counted else "")
    if len(counted) == 1:
        return str(total)
    parts = " + ".join(str(s) for s in counted[:4]) + (" + \u2026" if len(counted) > 4 else "")
    return f"{total} = {parts}"


def seat_bar(key: Tuple[str, str], pools: Sequence[Pool], y: float, scale: float) -> List[str]:
    """A feature's bar: a dashed full-width bar when uncounted, a segment per counted pool."""
    vendor, feature = key
    x = float(LABEL_W)
    out = [f"<g {attrs(cls='seat-bar', data_vendor=vendor, data_feature=feature)}>"]
    if any(p.seats is None for p in pools):
        hosts = " ".join(h for p in pools for h in p.hostids) or "any host"
        out.append(mark(x, y, WIDTH - TEXT_W - x, f"{feature}: uncounted, any number on "
                        f"{hosts}", cls="uncounted", fill="#eef2f6", stroke=SEAT_COLOURS[0],
                        stroke_dasharray="4 3"))
    for n, p in enumerate(p for p in pools if p.seats is not None):
        w = p.seats * scale
        out.append(mark(x, y, w, f"{pool_label(p)}: {p.seats} seats ({lines_text(p)})",
                        fill=SEAT_COLOURS[n % 2]))
        x += max(w, MIN_BAR)
    out.append(text(WIDTH - TEXT_W + 10, y + 10, seats_text(pools)))
    out.append("</g>")
    return out


def seats_axis(top: int, bottom: float, most: int) -> Tuple[List[str], float]:
    """The grid of the seats picture (0 to a round number at least ``most``) and its scale in
    units per seat."""
    ceiling = nice_ceiling(most)
    step = max(ceiling // 5, 1)
    plot = WIDTH - TEXT_W - LABEL_W
    scale = plot / ceiling
    out = ['<g class="axis">']
    for value in range(0, ceiling + 1, step):
        x = LABEL_W + value * scale
        out.append(line(x, top, x, bottom, stroke="#d8dee4"))
        out.append(text(x, 16, str(value), text_anchor="middle"))
    out.append("</g>")
    return out, scale


def seats_svg(ent: Entitlement) -> str:
    """Seats per feature: one bar per feature, one segment per pool."""
    groups = features(ent)
    rows = []
    for vendor in by_vendor(ent.pools):
        rows.append(Row(vendor))
        rows += [Row(feature, (v, feature)) for v, feature in groups if v == vendor]
    bottom = SEATS_AXIS_H + len(rows) * ROW_H
    most = max([sum(p.seats for p in g if p.seats is not None) for g in groups.values()] + [1])
    grid, scale = seats_axis(SEATS_AXIS_H - 4, bottom, most)
    body = stripes(rows, SEATS_AXIS_H) + grid + labels(rows, SEATS_AXIS_H)
    for n, row in enumerate(rows):
        if row.item is not None:
            y = SEATS_AXIS_H + n * ROW_H + (ROW_H - BAR_H) / 2
            body += seat_bar(row.item, groups[row.item], y, scale)
    return svg(bottom + 6, f"Seats of {len(groups)} features", body)


# ---------------------------------------------------------------------------------------------
# the page
# ---------------------------------------------------------------------------------------------

def swatch(colour: str, cls: str = "") -> str:
    return f'<span {attrs(cls=f"sw {cls}".strip(), style=f"background:{colour}")}></span>'


def legend() -> str:
    """What the colours and lines of the timeline mean."""
    items = [f"<li>{swatch(COLOURS[key])}{esc(label)}</li>" for key, label in LEGEND]
    items.append(f"<li>{swatch(COLOURS['ok'], 'tail')}until the pool's last line expires</li>")
    items.append('<li><span class="sw today"></span>today</li>')
    return '<ul class="legend">' + "".join(items) + "</ul>"


def cards(ent: Entitlement) -> str:
    """The counts at a glance."""
    states = [status(ent, p) for p in ent.pools]
    expired = len(expired_lines(ent))
    items = [(len(ent.pools), "pools", ""), (len(features(ent)), "features", ""),
             (states.count("soon"), f"expiring within {SOON_DAYS} days",
              "warn" if "soon" in states else ""),
             (expired, "expired lines", "bad" if expired else ""),
             (len(ent.unserved), "lines serve nothing", ""),
             (len(ent.ambiguities), "ambiguities", "warn" if ent.ambiguities else "")]
    lis = [f"<li{' ' + attrs(cls=c) if c else ''}><b>{n}</b>{esc(what)}</li>"
           for n, what, c in items]
    return '<ul class="cards">' + "".join(lis) + "</ul>"


def pool_row(ent: Entitlement, pool: Pool) -> str:
    """A row of the pools table: the columns of the text report."""
    state = status(ent, pool)
    days = serve.days_left(ent, pool)
    expires = "permanent" if pool.expires is None else pool.expires.isoformat() + rest_text(pool)
    package = f" <small>(in {esc(pool.package)})</small>" if pool.package else ""
    cells = [esc(pool.feature) + package,
             esc(pool.version),
             "uncounted" if pool.seats is None else str(pool.seats),
             "<code>" + esc(" ".join(pool.hostids)) + "</code>" if pool.hostids else "",
             swatch(COLOURS[state], "dot") + esc(expires),
             "" if days is None else str(days),
             "<code>" + esc(lines_text(pool)) + "</code>"]
    kinds = ("name", "nowrap", "num", "", "date", "num", "")
    tds = "".join(f"<td{' ' + attrs(cls=k) if k else ''}>{c}</td>" for k, c in zip(kinds, cells))
    return f"<tr {attrs(cls=f'pool-row {state}')}>{tds}</tr>"


def pools_table(ent: Entitlement) -> str:
    """The pools, per vendor."""
    if not ent.pools:
        return '<p class="empty">Nothing: no line of these files serves a license on this date.</p>'
    head = ("Feature", "Version", "Seats", "Hostids", "Expires", "Days left", "Lines")
    out = ["<table>", "<thead><tr>" + "".join(f"<th>{h}</th>" for h in head) + "</tr></thead>"]
    for vendor, pools in by_vendor(ent.pools).items():
        out.append(f'<tbody><tr><th colspan="7">{esc(vendor)}</th></tr>')
        out += [pool_row(ent, p) for p in pools]
        out.append("</tbody>")
    out.append("</table>")
    return "\n".join(out)


def unserved_table(ent: Entitlement) -> str:
    """The lines that serve nothing, with the reason."""
    if not ent.unserved:
        return '<p class="empty">Every license line serves something.</p>'
    out = ["<table>", "<thead><tr><th>Line</th><th>Feature</th><th>Reason</th><th>Why</th>"
           "</tr></thead>", "<tbody>"]
    for u in ent.unserved:
        out.append(f'<tr class="unserved-row"><td><code>{esc(u.path)}:{u.line}</code></td>'
                   f"<td>{esc(u.feature)}</td><td><span {attrs(cls=f'reason {u.reason}')}>"
                   f"{esc(u.reason)}</span></td><td>{esc(u.message)}</td></tr>")
    out += ["</tbody>", "</table>"]
    return "\n".join(out)


def ambiguities_list(ent: Entitlement) -> str:
    """The answers that depend on the version sort."""
    if not ent.ambiguities:
        return '<p class="empty">None: the FlexNet guides agree on what these files serve.</p>'
    items = "".join(f'<li class="ambiguity">{esc(a.message)}</li>' for a in ent.ambiguities)
    return f"<ul>{items}</ul>"


def section(title: str, body: str, note: str = "") -> str:
    intro = f'<p class="sub">{note}</p>\n' if note else ""
    return f"<section>\n<h2>{esc(title)}</h2>\n{intro}{body}\n</section>"


def pictures(ent: Entitlement) -> List[str]:
    """The timeline and the seats sections (a note instead when there is nothing to draw)."""
    if ent.pools or expired_lines(ent):
        timeline = legend() + "\n" + timeline_svg(ent)
    else:
        timeline = '<p class="empty">Nothing to draw: no pool and no expired line.</p>'
    seats = seats_svg(ent) if ent.pools else '<p class="empty">No pool, no seats.</p>'
    note = ("One bar per feature, one segment per pool; an uncounted feature serves any number "
            f"on its hostids: {swatch('#eef2f6', 'uncounted')}uncounted.")
    return [section("Expiry timeline", timeline, "One bar per pool, from today to the date its "
                    "first line expires."),
            section("Seats per feature", seats, note)]


def render(ent: Entitlement) -> str:
    """The entitlement as one self-contained HTML5 document (same entitlement, same text)."""
    sort = ent.options.version_sort
    day = ent.today.isoformat()
    title = f"What the license server serves on {day}"
    parts = ["<!DOCTYPE html>", '<html lang="en">', "<head>", '<meta charset="utf-8">',
             '<meta name="viewport" content="width=device-width, initial-scale=1">',
             f"<title>{esc(title)} (version sort: {esc(sort)})</title>",
             f"<style>\n{CSS}</style>", "</head>", "<body>", "<main>",
             f"<h1>{esc(title)}</h1>",
             f'<p class="sub">Version sort: <b>{esc(sort)}</b> (as in the {esc(SOURCES[sort])}) '
             f"&middot; soon-expiring: within {SOON_DAYS} days</p>",
             cards(ent), *pictures(ent),
             section(f"Pools ({len(ent.pools)})", pools_table(ent)),
             section(f"Lines that serve nothing ({len(ent.unserved)})", unserved_table(ent)),
             section(f"Depends on the version sort ({len(ent.ambiguities)})",
                     ambiguities_list(ent), "Where the FlexNet guides disagree; set version-sort "
                     "to choose."),
             "<footer>lictool report</footer>", "</main>", "</body>", "</html>"]
    return "\n".join(parts) + "\n"
