"""The HTML entitlement report (issue 12, item 2): ``lictool report --format html``.

One self-contained file (no URL, no script, no external asset) with an expiry timeline (one mark
per pool, today marked, expired and soon-expiring lines in their own colours), seats per feature
and the tables; the same input and ``--today`` give the same bytes.

The pure tests read the page as text. The browser tests start a real headless Chromium (Debian's
package ``chromium``; ``.ci/run`` installs it) as a subprocess, and skip with the reason where it
is not installed: the page renders (the DOM Chromium builds holds one pool mark per pool) and a
screenshot is produced whose timeline shows the four status colours.
"""

from __future__ import annotations

import datetime as _dt
import html
import os
import re
import shutil
import signal
import struct
import subprocess
import zlib
from pathlib import Path
from typing import Dict, List, Optional, Sequence, Tuple

import pytest

import lictool
from entry import run_main
from lictool.entitlement import (HIGHER_FIRST, LOWER_FIRST, Entitlement, LineRef, Options, Pool,
                                 Unserved, entitlement)
from lictool.report import serve, serve_html

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
TODAY = _dt.date(2026, 6, 1)
HEAD = "SERVER lic01 0019B9A0B0C0 27000\nVENDOR sampled /opt/sampled\n"
#: every kind of mark: ok, soon (30 days: the edge), ok (31 days), permanent, uncounted, a pool
#: whose lines expire on two dates, two expired lines, two versions of a feature in one file
#: (an ambiguity) and a very long feature name
MIXED = HEAD + """\
FEATURE f_ok sampled 1.0 31-dec-2027 10 SIGN=A1
FEATURE f_soon sampled 1.0 1-jul-2026 5 SIGN=A2
FEATURE f_day31 sampled 1.0 2-jul-2026 5 SIGN=A3
FEATURE f_perm sampled 1.0 permanent 600 SIGN=A4
INCREMENT f_perm sampled 1.0 31-mar-2027 150 SIGN=A5
FEATURE f_node sampled 1.0 permanent uncounted HOSTID=0019B9A0B0C1 SIGN=A6
FEATURE f_gone sampled 1.0 1-jan-2026 4 SIGN=A7
FEATURE f_just_gone sampled 1.0 31-may-2026 4 SIGN=A8
FEATURE f_two sampled 2.0 permanent 3 SIGN=A9
FEATURE f_two sampled 1.0 permanent 7 SIGN=B1
FEATURE a_very_long_feature_name_that_goes_on_and_on_and_on_for_ever_and_ever_and_ever \
sampled 1.0 31-dec-2026 12 SIGN=B2
"""
FIXTURE_NAMES = ["genesys-8x.lic", "genesys-7x.lic", "eda-suite.lic", "genesys-triad.lic",
                 "real-packages-enabling.lic", "client-pointer.lic"]
URLISH = ("http://", "https://", "//", "<script", "<link", "@import", "url(", "src=", "href=",
          "<img", "<iframe", "<object", "<embed")
TAG = re.compile(r"<(rect|text|line)\b([^>]*)>")
ATTR = re.compile(r'([\w-]+)="([^"]*)"')


def ent_of(*texts: str, today: _dt.date = TODAY, **options) -> Entitlement:
    files = [lictool.parse(t, f"f{i + 1}.lic") for i, t in enumerate(texts)]
    return entitlement(files, today, Options(**options))


def fixture_ent(name: str, today: _dt.date = TODAY) -> Entitlement:
    return entitlement([lictool.load(FIXTURES / name)], today)


def merged_ent() -> Entitlement:
    """genesys-8x merged into genesys-7x: four ambiguities, four ignored lines."""
    old, new = (lictool.load(FIXTURES / n) for n in ("genesys-7x.lic", "genesys-8x.lic"))
    merged, _ = lictool.merge(old, new, today=TODAY)
    return entitlement([merged], TODAY)


def pool(feature: str, expires: Optional[_dt.date], seats: Optional[int] = 1,
         latest: Optional[_dt.date] = None, vendor: str = "sampled") -> Pool:
    """A pool made by hand (for the cases no license file makes easily)."""
    return Pool(vendor, feature, "1.0", seats, (), expires, latest or expires,
                (LineRef("hand.lic", 1),))


def elements(page: str, cls: Optional[str] = None, tag: str = "rect") -> List[Dict[str, str]]:
    """The attributes (unescaped) of each SVG ``tag`` (rect, text or line) whose class starts
    with ``cls`` (None: every one), in page order."""
    out = []
    for name, body in TAG.findall(page):
        found = {k: html.unescape(v) for k, v in ATTR.findall(body)}
        if name == tag and cls in (None, found.get("class", "").split(" ")[0]):
            out.append(found)
    return out


def pool_marks(page: str) -> List[Tuple[str, str, str]]:
    """(status, feature, version) of each pool mark, in page order."""
    return [(m["data-status"], m["data-feature"], m["data-version"])
            for m in elements(page, "pool-mark")]


def strip_tags(fragment: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", fragment))


def table_rows(page: str) -> List[List[str]]:
    """The cells (as text) of each row of the pools table."""
    rows = re.findall(r'<tr class="pool-row[^"]*">(.*?)</tr>', page)
    return [[strip_tags(c) for c in re.findall(r"<td[^>]*>(.*?)</td>", r)] for r in rows]


def svg_heights(page: str) -> List[float]:
    return [float(h) for h in re.findall(r'<svg viewBox="[^"]*" width="\d+" height="([\d.]+)"',
                                         page)]


ALL_ENTS = {"mixed": lambda: ent_of(MIXED), "merged": merged_ent,
            **{n: (lambda n=n: fixture_ent(n)) for n in FIXTURE_NAMES}}


# --------------------------------------------------------------------------------------------
# the page as text
# --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", sorted(ALL_ENTS))
def test_the_page_is_self_contained(name):
    page = serve_html.render(ALL_ENTS[name]())
    assert page.startswith("<!DOCTYPE html>\n<html lang=\"en\">") and page.endswith("</html>\n")
    lowered = page.lower()
    for bad in URLISH:
        assert bad not in lowered, bad
    assert "<style>" in page and page.count("<svg") == page.count("</svg>")


@pytest.mark.parametrize("name", sorted(ALL_ENTS))
def test_one_pool_mark_per_pool_in_pool_order(name):
    ent = ALL_ENTS[name]()
    page = serve_html.render(ent)
    assert [(f, v) for _, f, v in pool_marks(page)] == [(p.feature, p.version) for p in ent.pools]
    expired = [u for u in ent.unserved if u.reason == "expired"]
    assert page.count('class="expired-mark"') == len(expired)
    assert page.count('class="seat-bar"') == len({(p.vendor, p.feature) for p in ent.pools})


def test_the_status_colours_of_the_marks():
    page = serve_html.render(ent_of(MIXED))
    status = {f: s for s, f, _ in pool_marks(page)}
    assert status["f_ok"] == "ok" and status["f_day31"] == "ok"        # 31 days: not soon
    assert status["f_soon"] == "soon"                                  # 30 days: soon
    assert status["f_node"] == "permanent" and status["f_two"] == "permanent"
    assert status["f_perm"] == "ok"        # 150 of its seats expire on 31-mar-2027 ...
    assert page.count('class="pool-tail"') == 1                      # ... the rest are permanent
    assert len(re.findall(r'class="expired-mark" fill="#D55E00"', page)) == 2
    for state, colour in serve_html.COLOURS.items():
        assert colour in page, state
    assert "today 2026-06-01" in page and 'class="today-line"' in page


def test_the_marks_stay_inside_the_picture():
    far = Entitlement(TODAY, (pool("far", _dt.date(2099, 12, 31)), pool("near", TODAY),
                              pool("perm", None)),
                      (Unserved("hand.lic", 9, "sampled", "old", "expired",
                                "FEATURE old 1.0 expired on 1999-01-01",
                                _dt.date(1999, 1, 1)),))
    page = serve_html.render(far)
    boxes = elements(page)
    assert len(boxes) > 10
    for box in boxes:
        assert 0 <= float(box["x"]) and float(box["x"]) + float(box["width"]) <= serve_html.WIDTH
    assert "2099-12-31" in page and "expired 1999-01-01" in page
    # a pool expiring today is still drawn (never thinner than MIN_BAR)
    near, = [m for m in elements(page, "pool-mark") if m["data-feature"] == "near"]
    assert near["data-status"] == "soon" and float(near["width"]) >= serve_html.MIN_BAR


@pytest.mark.parametrize("name", sorted(ALL_ENTS))
def test_the_table_has_the_columns_of_the_text_report(name):
    ent = ALL_ENTS[name]()
    rows = table_rows(serve_html.render(ent))
    assert len(rows) == len(ent.pools)
    for cells, p in zip(rows, serve.as_dict(ent)["pools"]):
        feature, version, seats, hostids, expires, days, lines = cells
        assert feature == p["feature"] + (f" (in {p['package']})" if p["package"] else "")
        assert (version, seats, hostids) == (p["version"], str(p["seats"]), " ".join(p["hostids"]))
        assert expires.startswith(p["expires"])
        assert days == ("" if p["days_left"] is None else str(p["days_left"]))
        for ln in p["lines"]:
            assert ln["path"] in lines and str(ln["line"]) in lines


def test_the_table_of_lines_that_serve_nothing_and_the_ambiguities():
    ent = merged_ent()
    page = serve_html.render(ent)
    assert page.count('<tr class="unserved-row">') == len(ent.unserved) == 4
    assert page.count('<li class="ambiguity">') == len(ent.ambiguities) == 4
    for u in ent.unserved:
        assert html.escape(u.message) in page and f">{u.reason}</span>" in page
    for a in ent.ambiguities:
        assert html.escape(a.message) in page


def test_user_data_is_escaped():
    nasty = '<script>alert("&")</script>'
    ent = Entitlement(TODAY, (Pool('v<&>"', f"feat{nasty}", '1.0"><u>', 3, ('<hostid&>',),
                                   None, None, (LineRef(f"dir/{nasty}.lic", 3),)),),
                      (Unserved(f"{nasty}.lic", 4, "v", nasty, "expired",
                                f"FEATURE {nasty} expired on 2026-01-01"),))
    page = serve_html.render(ent)
    for raw in ("<script", "<hostid", "<u>", 'v<&>"'):
        assert raw not in page, raw
    assert html.escape(nasty) in page and "&lt;hostid&amp;&gt;" in page
    assert 'data-feature="feat&lt;script&gt;alert(&quot;&amp;&quot;)&lt;/script&gt;"' in page
    assert pool_marks(page) == [("permanent", f"feat{nasty}", '1.0"><u>')]


def test_characters_no_html_document_may_hold_are_replaced():
    ent = Entitlement(TODAY, (pool("bell\x07feature", None),), ())
    page = serve_html.render(ent)
    assert "\x07" not in page and "bell\ufffdfeature" in page


def test_the_title_shows_the_date_and_the_version_sort():
    for sort in (HIGHER_FIRST, LOWER_FIRST):
        page = serve_html.render(ent_of(MIXED, version_sort=sort))
        title = re.search(r"<title>(.*)</title>", page)[1]
        assert "2026-06-01" in title and sort in title
        assert f"Version sort: <b>{sort}</b>" in page


def test_same_entitlement_same_bytes():
    for make in ALL_ENTS.values():
        assert serve_html.render(make()) == serve_html.render(make())


def test_no_pool_at_all():
    for ent in (Entitlement(TODAY, (), ()), ent_of("# nothing here\n"),
                fixture_ent("client-pointer.lic")):
        page = serve_html.render(ent)
        assert not pool_marks(page) and "<svg" not in page
        assert "Nothing: no line of these files serves a license on this date." in page


def test_only_expired_lines_still_draw_the_timeline():
    page = serve_html.render(ent_of(HEAD + "FEATURE f1 sampled 1.0 1-jan-2026 4 SIGN=A\n"))
    assert page.count("<svg") == 1 and page.count('class="expired-mark"') == 1
    assert not pool_marks(page)


def test_one_pool_and_pools_without_expiry():
    for pools in ((pool("only", _dt.date(2027, 1, 1)),), (pool("p1", None), pool("p2", None))):
        page = serve_html.render(Entitlement(TODAY, pools, ()))
        assert len(pool_marks(page)) == len(pools) == len(table_rows(page))
    assert "permanent" in page and 'data-status="permanent"' in page


def test_a_very_long_feature_name_is_cut_in_the_pictures_and_whole_in_the_table():
    page = serve_html.render(ent_of(MIXED))
    name = "a_very_long_feature_name_that_goes_on_and_on_and_on_for_ever_and_ever_and_ever"
    labels = re.findall(r"<text [^>]*>(a_very_long[^<]*)</text>", page)
    assert labels and all(lab.endswith("\u2026") and len(lab) <= serve_html.LABEL_CHARS
                          for lab in labels)
    assert any(row[0] == name for row in table_rows(page))


def test_600_pools_height_is_proportional_and_size_linear():
    def page_of(n: int) -> str:
        pools = tuple(pool(f"feature_{i:04d}", TODAY + _dt.timedelta(days=i * 3) if i % 5 else None,
                           seats=None if i % 7 == 0 else i) for i in range(n))
        return serve_html.render(Entitlement(TODAY, pools, ()))

    small, big = page_of(300), page_of(600)
    assert len(pool_marks(big)) == 600 and len(table_rows(big)) == 600
    for h_small, h_big in zip(svg_heights(small), svg_heights(big)):
        assert h_big - h_small == 300 * serve_html.ROW_H
    assert 1.9 < len(big) / len(small) < 2.1


# --------------------------------------------------------------------------------------------
# the command
# --------------------------------------------------------------------------------------------

def test_the_command_writes_the_same_bytes_twice(tmp_path, capsys):
    args = ("report", FIXTURES / "genesys-8x.lic", "--today", "2026-06-01", "-f", "html")
    for out in ("one.html", "two.html"):
        code, stdout, err = run_main(capsys, *args, "-o", tmp_path / out)
        assert (code, stdout, err) == (0, "", "")
    one = (tmp_path / "one.html").read_bytes()
    assert one == (tmp_path / "two.html").read_bytes()
    assert one == serve_html.render(fixture_ent("genesys-8x.lic")).encode("utf-8")
    code, stdout, _ = run_main(capsys, *args)
    assert code == 0 and stdout.encode("utf-8") == one


def test_the_command_writes_the_file_atomically(tmp_path, capsys, monkeypatch):
    out = tmp_path / "report.html"
    out.write_text("old report\n")
    renames: List[Tuple[str, str]] = []
    real_replace = os.replace

    def replace(src, dst):
        renames.append((str(src), str(dst)))
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    code, _, err = run_main(capsys, "report", FIXTURES / "genesys-8x.lic", "--today",
                            "2026-06-01", "-f", "html", "-o", out)
    assert code == 0, err
    assert len(renames) == 1
    src, dst = renames[0]
    assert Path(dst) == out and Path(src).parent == tmp_path and Path(src).name.startswith(
        ".report.html.")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.html"]   # no temporary left
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


# --------------------------------------------------------------------------------------------
# in a real browser
# --------------------------------------------------------------------------------------------

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
CHROMIUM_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update",
                  "--disable-sync", "--disable-dev-shm-usage", "--hide-scrollbars",
                  "--force-device-scale-factor=1")
BROWSER_TIMEOUT = 60          # seconds
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def find_chromium() -> Optional[str]:
    for name in BROWSERS:
        found = shutil.which(name)
        if found:
            return found
    return "/usr/bin/chromium" if os.access("/usr/bin/chromium", os.X_OK) else None


@pytest.fixture(scope="module")
def chromium() -> str:
    exe = find_chromium()
    if exe is None:
        pytest.skip("Chromium not installed (Debian package 'chromium'; .ci/run installs it)")
    return exe


def run_chromium(exe: str, tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    """Chromium, headless, with a fresh profile and home in ``tmp_path``; killed (its whole
    process group, which it started) after :data:`BROWSER_TIMEOUT` seconds."""
    home = tmp_path / "home"
    home.mkdir(exist_ok=True)
    env = dict(os.environ, HOME=str(home), XDG_CONFIG_HOME=str(home / ".config"),
               XDG_CACHE_HOME=str(home / ".cache"))
    cmd = [exe, *CHROMIUM_FLAGS, f"--user-data-dir={tmp_path / 'profile'}", *args]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
                            start_new_session=True)
    try:
        out, err = proc.communicate(timeout=BROWSER_TIMEOUT)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        pytest.fail(f"Chromium did not finish within {BROWSER_TIMEOUT} s: {' '.join(cmd)}")
    return subprocess.CompletedProcess(cmd, proc.returncode, out.decode("utf-8", "replace"),
                                       err.decode("utf-8", "replace"))


def write_page(tmp_path: Path, ent: Entitlement) -> Path:
    page = tmp_path / "entitlement.html"
    page.write_text(serve_html.render(ent), encoding="utf-8")
    return page


def test_chromium_renders_the_page(chromium, tmp_path):
    ent = ent_of(MIXED)
    page = write_page(tmp_path, ent)
    done = run_chromium(chromium, tmp_path, "--dump-dom", page.as_uri())
    assert done.returncode == 0, done.stderr[-2000:]
    dom = done.stdout
    assert "<svg" in dom and "</main>" in dom
    assert [(f, v) for _, f, v in pool_marks(dom)] == [(p.feature, p.version) for p in ent.pools]
    assert {s for s, _, _ in pool_marks(dom)} == {"ok", "soon", "permanent"}
    assert dom.count('class="expired-mark"') == 2
    assert len(table_rows(dom)) == len(ent.pools)


def png_rows(data: bytes, most: int) -> Tuple[int, List[bytes]]:
    """The width and the first ``most`` rows (RGB or RGBA, 8 bits) of a PNG image, unfiltered
    (PNG: IHDR, IDAT chunks of one zlib stream, a filter byte before each row)."""
    assert data.startswith(PNG_SIGNATURE)
    pos, idat, header = 8, [], b""
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            header = body
        elif kind == b"IDAT":
            idat.append(body)
        pos += 12 + length
    width, height, depth, colour = struct.unpack(">IIBB", header[:10])
    assert depth == 8 and colour in (2, 6), (depth, colour)
    bpp = 3 if colour == 2 else 4
    raw = zlib.decompressobj().decompress(b"".join(idat), (width * bpp + 1) * min(most, height))
    stride, prev, rows = width * bpp, bytes(width * bpp), []
    for y in range(min(most, height)):
        at = y * (stride + 1)
        kind, line = raw[at], bytearray(raw[at + 1:at + 1 + stride])
        unfilter(kind, line, prev, bpp)
        rows.append(bytes(line))
        prev = line
    return bpp, rows


def unfilter(kind: int, line: bytearray, prev: Sequence[int], bpp: int) -> None:
    """Undo a PNG row filter in place (0 none, 1 sub, 2 up, 3 average, 4 Paeth)."""
    if kind == 2:
        line[:] = bytes((a + b) & 255 for a, b in zip(line, prev))
        return
    for i in range(len(line)) if kind else ():
        left = line[i - bpp] if i >= bpp else 0
        up, corner = prev[i], prev[i - bpp] if i >= bpp else 0
        if kind == 1:
            add = left
        elif kind == 3:
            add = (left + up) // 2
        else:
            p = left + up - corner
            pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
            add = left if pa <= pb and pa <= pc else up if pb <= pc else corner
        line[i] = (line[i] + add) & 255


def colours_in(bpp: int, rows: Sequence[bytes]) -> Dict[Tuple[int, int, int], int]:
    counts: Dict[Tuple[int, int, int], int] = {}
    for row in rows:
        for i in range(0, len(row), bpp * 2):        # every other pixel is plenty
            rgb = (row[i], row[i + 1], row[i + 2])
            counts[rgb] = counts.get(rgb, 0) + 1
    return counts


def test_chromium_takes_a_screenshot_showing_the_timeline(chromium, tmp_path):
    page = write_page(tmp_path, ent_of(MIXED))
    shot = tmp_path / "shot.png"
    done = run_chromium(chromium, tmp_path, f"--screenshot={shot}", "--window-size=1280,2000",
                        page.as_uri())
    assert done.returncode == 0, done.stderr[-2000:]
    data = shot.read_bytes()
    assert data.startswith(PNG_SIGNATURE) and len(data) > 20_000
    assert struct.unpack(">II", data[16:24]) == (1280, 2000)
    bpp, rows = png_rows(data, 700)                     # the timeline is near the top
    seen = colours_in(bpp, rows)
    assert sum(n for rgb, n in seen.items() if rgb != (255, 255, 255)) > 1000   # not blank
    for state, colour in serve_html.COLOURS.items():
        rgb = tuple(int(colour[i:i + 2], 16) for i in (1, 3, 5))
        assert seen.get(rgb, 0) > 20, (state, colour)   # each status colour is on screen
