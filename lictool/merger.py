"""Combining a newly issued license file with the one a server runs, by FlexNet's combining
rules, accounting for every input record.

    merged, report = lictool.merge(existing, new1, new2, drop_expired=False)
    report.entitlement.change_lines()   # ["genesys.d tserver_sdn 8.1: +600 seats (new)", ...]
    report.losses                       # the conflicts that are entitlement losses

- Compatibility (grammars/flexnet-format.md 5.1; LAG "Criteria for Combining License Files"): the same
  number of SERVER lines, and on each the same hostid (case-insensitive, same hostid type; a triad
  in the same order). Otherwise the merge is refused (``report.compatible`` is False) and nothing
  is combined. Host names and ports are editable: EXISTING's are kept and a difference is reported.
- VENDOR/DAEMON: one line per vendor (a DAEMON and a VENDOR line for the same vendor are one);
  EXISTING's is kept; a different path, options file or port is reported as a conflict. A vendor
  that only a new file has gets its line with that file's other new records (lmgrd reads VENDOR
  lines wherever they stand; EXISTING's text stays an unchanged prefix).
- Feature lines (FEATURE, INCREMENT, UPGRADE, PACKAGE) and every other record: all kept, except
  exact duplicates (the same record apart from layout, quoting and spacing inside SIGN:
  :func:`lictool.layout.layout_key`), which appear once. ``drop_expired`` / ``drop_superseded``
  remove expired / superseded lines, decided by the rules with suppression comments ignored (a
  ``# lictool: disable=expired`` merged in by one run must not keep the line in the next).
- Layout: EXISTING's records stay where they are, with their bytes; each new file's records
  follow under a comment naming the file (escaped where the path holds a newline or a character
  the encoding cannot hold), with their comments and in their order (so UPGRADE lines stay after
  the lines they upgrade). The comment block a new file starts with (order number, issue date)
  stays, under the marker, when the record below it is dropped. A new file that adds nothing adds
  nothing at all, so ``merge(A, A)`` is ``A`` byte for byte and merging the same file twice
  changes nothing, with every option.
- Placement: a new FEATURE line of a feature (name and vendor) that has INCREMENT lines in the
  merged file so far (EXISTING's, an earlier new file's) goes right above the first of them (above
  the comment lines right over it), with its own comments, under :data:`PLACED`; one after an
  INCREMENT line of its feature in its own file goes above that one, in its section. Old vendor
  daemons need the FEATURE line first (``feature-after-increment``), and the merge never adds a
  FEATURE line below an INCREMENT line of its feature. A placed line that ``--drop-*`` removes
  takes its marker and comments along.
- The entitlement (:mod:`lictool.merge_entitlement`): before (EXISTING alone) and after (the file
  that is written), per pool, with the engine's ``options``; every loss (a line that serves in
  its own input file alone and not in the merged file; fewer seats or an earlier last expiry for
  a checkout of a version of an input's pools) is a conflict with rule ``entitlement-loss``.
  Lines ``--drop-*`` removes are not losses. One entitlement per input file and one of the
  merged file.
- The merged file is in EXISTING's encoding: a new record holding a character it cannot hold
  refuses the merge (``report.compatible`` False, a refusal with the file, line and column).
- The report names every input record (file, line, kind, feature name) with what happened to it:
  ``kept`` (EXISTING), ``added`` (a new file) or ``dropped`` with the reason; plus conflicts and
  warnings (counts that will not add up, superseded lines, UPGRADE lines without a base, 7.x and
  8.x lines of one feature side by side, expired lines: found by the linter's rules on the file
  that is written, after the drops; a warning names its input record and its line in the merged
  file, and the line numbers in its message are lines of the merged file).
"""

from __future__ import annotations

import datetime as _dt
import re
import unicodedata
from dataclasses import dataclass, field, replace
from typing import Dict, Hashable, List, Optional, Sequence, Tuple

from .entitlement import Options
from .errors import LictoolError
from .layout import layout_key as identity
from .merge_entitlement import RULE as LOSS_RULE
from .merge_entitlement import MergeEntitlement, assess
from .model import Blank, Comment, Feature, LicenseFile, Record, Server, Vendor
from .source import Logical
from .writer import ends_open
from .words import plural
from .syntax import kinds

KEPT, ADDED, DROPPED = "kept", "added", "dropped"
HEADER = "# ---- merged by lictool from {path} ----"
#: the marker above a new FEATURE line placed above the INCREMENT lines of its feature
PLACED = "# ---- merged by lictool from {path}: above the INCREMENT lines of {name} ----"
#: lint rules whose findings on the merged file the report lists as warnings
WARNING_RULES = ("duplicate-feature", "superseded", "upgrade-without-base",
                 "mixed-feature-versions", "expired", "feature-after-increment")


@dataclass(frozen=True)
class Decision:
    """What happened to one input record."""

    file: str
    line: int
    end_line: int
    kind: str
    name: Optional[str]
    action: str                 # kept, added, dropped
    reason: Optional[str] = None

    def as_dict(self) -> dict:
        return {"file": self.file, "line": self.line, "end_line": self.end_line, "kind": self.kind,
                "name": self.name, "action": self.action, "reason": self.reason}


@dataclass(frozen=True)
class Problem:
    """A conflict (the user must choose; lictool kept EXISTING's) or a warning."""

    file: str
    line: int
    message: str
    rule: Optional[str] = None
    merged_line: Optional[int] = None   # for a warning: where the record is in the merged file
    column: Optional[int] = None        # where the problem is on its line, when it matters

    def as_dict(self) -> dict:
        d = {"file": self.file, "line": self.line, "message": self.message}
        if self.column is not None:
            d["column"] = self.column
        if self.rule:
            d["rule"] = self.rule
        if self.merged_line is not None:
            d["merged_line"] = self.merged_line
        return d


@dataclass
class MergeReport:
    compatible: bool = True
    decisions: List[Decision] = field(default_factory=list)
    conflicts: List[Problem] = field(default_factory=list)
    warnings: List[Problem] = field(default_factory=list)
    refusals: List[Problem] = field(default_factory=list)
    #: the entitlement before and after, and the losses (each also a conflict); None when the
    #: merge is refused
    entitlement: Optional[MergeEntitlement] = None

    def count(self, action: str) -> int:
        return sum(1 for d in self.decisions if d.action == action)

    def as_dict(self) -> dict:
        return {
            "compatible": self.compatible,
            "refusals": [p.as_dict() for p in self.refusals],
            "conflicts": [p.as_dict() for p in self.conflicts],
            "warnings": [p.as_dict() for p in self.warnings],
            "records": [d.as_dict() for d in self.decisions],
            "summary": {a: self.count(a) for a in (KEPT, ADDED, DROPPED)},
            "entitlement": None if self.entitlement is None else self.entitlement.as_dict(),
        }

    @property
    def losses(self) -> List[Problem]:
        """The conflicts that are entitlement losses (rule ``entitlement-loss``)."""
        return [p for p in self.conflicts if p.rule == LOSS_RULE]


def _name(rec: Record) -> Optional[str]:
    return getattr(rec, "name", None) if rec.kind != kinds.SERVER else getattr(rec, "host", None)


def _path(lf: LicenseFile, default: str) -> str:
    return lf.path or default


def _hostid_key(s: Server) -> Tuple[str, str]:
    h = s.hostid
    return (h.type, h.normalized) if h is not None else ("", "")


def check_servers(existing: LicenseFile, new: LicenseFile, epath: str, npath: str,
                  report: MergeReport) -> bool:
    """FlexNet's combining criteria; refusals and host/port differences go into the report."""
    es, ns = existing.servers, new.servers
    if len(es) != len(ns):
        report.refusals.append(Problem(npath, ns[0].line if ns else 1,
                                       f"{npath} has {plural(len(ns), 'SERVER line')} and {epath} has "
                                       f"{len(es)}: files for different server layouts cannot be "
                                       "combined (keep them as separate files on the license path)"))
        return False
    ok = True
    for i, (e, n) in enumerate(zip(es, ns), start=1):
        if _hostid_key(e) != _hostid_key(n):
            et, nt = e.hostid.type if e.hostid else "?", n.hostid.type if n.hostid else "?"
            report.refusals.append(Problem(
                npath, n.line,
                f"SERVER line {i}: hostid {n.hostid} ({nt}) on line {n.line} of {npath} differs "
                f"from {e.hostid} ({et}) on line {e.line} of {epath}: the files are for different "
                "license servers (or a different hostid type) and cannot be combined"))
            ok = False
            continue
        if e.host != n.host:
            report.conflicts.append(Problem(
                npath, n.line, f"SERVER line {i}: host name {n.host!r} differs from {e.host!r} "
                f"(line {e.line} of {epath}); kept {e.host!r} (host names are editable)"))
        if e.port != n.port:
            report.conflicts.append(Problem(
                npath, n.line, f"SERVER line {i}: port {n.port} differs from {e.port} "
                f"(line {e.line} of {epath}); kept {e.port} (ports are editable)"))
    return ok


def _attach_comments(records: Sequence[Record]) -> Dict[int, List[int]]:
    """index of a record -> indexes of the comment/blank records right above it."""
    out: Dict[int, List[int]] = {}
    pending: List[int] = []
    for i, r in enumerate(records):
        if r.kind in ("COMMENT", "BLANK"):
            pending.append(i)
            continue
        # blank lines separate a comment block from the record above; they stay with the block
        out[i] = pending
        pending = []
    if pending:
        out[len(records)] = pending  # trailing comments
    return out


def _renewline(rec: Record, nl: str) -> Record:
    """The record with its newlines in ``nl`` style (a record added to a file written with
    other newlines); its text is otherwise unchanged."""
    src = rec.source
    if not isinstance(src, Logical) or rec.raw is None:
        return rec
    raw = re.sub(r"\r\n|\r|\n", nl, src.raw)
    if raw == src.raw:
        return rec
    new_src = Logical(src.kind, src.line, src.end_line, raw, src.text, src.segments, src.problem)
    return rec.with_source(new_src)


def merge(existing: LicenseFile, *new: LicenseFile, today: Optional[_dt.date] = None,
          drop_expired: bool = False, drop_superseded: bool = False,
          options: Optional[Options] = None, merged_name: Optional[str] = None,
          ) -> Tuple[LicenseFile, MergeReport]:
    """Merge ``new`` files into ``existing``. When the servers are incompatible the report says
    why (``compatible`` False) and the returned file is ``existing`` unchanged. ``options``:
    the entitlement engine's (version sort, vendor-string pools); ``merged_name``: what the
    report calls the merged file (``merged.lic``; default ``the merged file``)."""
    today = today or _dt.date.today()
    report = MergeReport()
    epath = _path(existing, "EXISTING")
    npaths = [_path(n, f"NEW{i + 1}") for i, n in enumerate(new)]
    for n, npath in zip(new, npaths):
        if not check_servers(existing, n, epath, npath, report):
            report.compatible = False
    if not report.compatible:
        return existing, report
    for lf, p in [(existing, epath)] + list(zip(new, npaths)):
        for d in lf.errors:
            report.conflicts.append(Problem(p, d.line, f"does not parse and is kept as written: "
                                                       f"{d.message}", "syntax-error"))

    nl = existing.newline
    seen: Dict[Hashable, Tuple[str, int]] = {}
    vendors: Dict[str, Tuple[str, Vendor]] = {}
    out: List[Record] = []
    origin: List[Tuple[str, Record]] = []      # (file, input record) for each output record
    owner: Dict[int, int] = {}                 # id of an input record -> index of its file
    decisions: List[List[Decision]] = [[]]   # one list per input file
    # (name, vendor) -> index in ``out`` of the first INCREMENT line of the feature
    increments: Dict[Tuple[str, str], int] = {}

    def decide(path: str, rec: Record, action: str, reason: Optional[str] = None) -> None:
        decisions[-1].append(Decision(path, rec.line, rec.end_line, rec.kind, _name(rec), action,
                                      reason))

    def note_increments(start: int) -> None:
        for k in range(start, len(out)):
            rec = out[k]
            if isinstance(rec, Feature) and rec.keyword == kinds.INCREMENT:
                increments.setdefault((rec.name, rec.vendor), k)

    # EXISTING: every record stays where it is (duplicates inside it are the linter's business)
    use_server_seen = False
    for rec in existing.records:
        if rec.kind not in ("COMMENT", "BLANK"):
            seen.setdefault(identity(rec), (epath, rec.line))
        if isinstance(rec, Vendor):
            vendors.setdefault(rec.name, (epath, rec))
        if rec.kind == kinds.USE_SERVER:
            use_server_seen = True
        out.append(rec)
        origin.append((epath, rec))
        owner.setdefault(id(rec), 0)
        decide(epath, rec, KEPT)
    note_increments(0)
    # the comment block each file starts with (release, order number): a placed FEATURE line
    # goes below it, never above
    lead0 = next((i for i, r in enumerate(existing.records)
                  if r.kind not in ("COMMENT", "BLANK")), None)
    heads = {id(existing.records[j]) for j in _attach_comments(existing.records).get(lead0, [])}
    #: each new file's records: its section (file, index in ``out`` of its first record, end),
    #: and the FEATURE lines placed above INCREMENT lines: (index in ``out`` of the INCREMENT
    #: line, file index, marker, [(comments, FEATURE line)])
    sections: List[Tuple[int, int, int]] = []
    placements: List[Tuple[int, int, Comment, List[Tuple[List[Record], Record]]]] = []
    headers: set = set()                          # ids of the header records lictool wrote

    for fi, (lf, npath) in enumerate(zip(new, npaths), start=1):
        decisions.append([])
        recs = lf.records
        comments = _attach_comments(recs)
        # the comment block a new file starts with (its order number, issue date, customer) is
        # kept even when the record under it (usually the SERVER line) is dropped: it then heads
        # the file's section, above its first added record
        lead = next((i for i, r in enumerate(recs) if r.kind not in ("COMMENT", "BLANK")), None)
        heads.update(id(recs[j]) for j in comments.get(lead, []))
        added: List[Record] = []
        added_records = 0
        placed: Dict[int, List[Tuple[List[Record], Record]]] = {}
        own_increments: Dict[Tuple[str, str], Record] = {}   # the file's first INCREMENT lines
        pending_decisions: List[Tuple[Record, str, Optional[str]]] = []
        for i, rec in enumerate(recs):
            if rec.kind in ("COMMENT", "BLANK"):
                continue
            owner.setdefault(id(rec), fi)
            block = [recs[j] for j in comments.get(i, [])]
            for c in block:
                owner.setdefault(id(c), fi)
            reason = None
            if isinstance(rec, Server):
                reason = "same license server as EXISTING (its SERVER lines are kept)"
            elif isinstance(rec, Vendor):
                if rec.name in vendors:
                    vpath, v = vendors[rec.name]
                    reason = f"vendor {rec.name!r} already has a {v.keyword} line (line {v.line} of {vpath})"
                    diffs = [f"{what} {b!r} instead of {a!r}" for what, a, b in
                             (("path", v.path, rec.path), ("options file", v.options, rec.options),
                              ("port", v.port, rec.port)) if a != b]
                    if diffs:
                        report.conflicts.append(Problem(
                            npath, rec.line, f"{rec.keyword} {rec.name}: {', '.join(diffs)} "
                            f"(line {v.line} of {vpath} is kept; the path, options file and port "
                            "are yours to choose)"))
                else:
                    vendors[rec.name] = (npath, rec)
            elif rec.kind == kinds.USE_SERVER and use_server_seen:
                reason = "EXISTING already has a USE_SERVER line"
            if reason is None:
                key = identity(rec)
                if key in seen:
                    f, ln = seen[key]
                    reason = f"duplicate of line {ln} of {f} (the same record apart from layout)"
                else:
                    seen[key] = (npath, rec.line)
            if reason is not None:
                pending_decisions.append((rec, DROPPED, reason))
                if i == lead:
                    for c in block:
                        added.append(c)
                        pending_decisions.append((c, ADDED, None))
                    continue
                for c in block:
                    if c.kind == "COMMENT":
                        pending_decisions.append((c, DROPPED, f"comment of line {rec.line}, which was dropped"))
                    else:
                        pending_decisions.append((c, DROPPED, "blank line around a dropped record"))
                continue
            added_records += 1
            fkey = (rec.name, rec.vendor) if isinstance(rec, Feature) else None
            anchor = increments.get(fkey) \
                if fkey is not None and rec.keyword == kinds.FEATURE else None
            own = own_increments.get(fkey) \
                if fkey is not None and rec.keyword == kinds.FEATURE and anchor is None else None
            if anchor is not None or own is not None:
                # a FEATURE line goes above the INCREMENT lines of its feature (old daemons
                # need it first: feature-after-increment), with the comments right above it;
                # a file's leading comment block stays at the head of its section
                inc_path, inc = origin[anchor] if anchor is not None else (npath, own)
                moved: List[Record] = []
                for c in block:
                    if i == lead or (c.kind == "BLANK" and not moved):
                        added.append(c)      # blank lines before the comments stay in place
                    else:
                        moved.append(c)
                    pending_decisions.append((c, ADDED, None))
                if anchor is not None:
                    placed.setdefault(anchor, []).append((moved, rec))
                else:    # above an INCREMENT line of its own file: in its section
                    at = next(k for k, r in enumerate(added) if r is own)
                    while at > 0 and added[at - 1].kind == "COMMENT" \
                            and id(added[at - 1]) not in heads:
                        at -= 1
                    added[at:at] = moved + [rec]
                pending_decisions.append((rec, ADDED, (
                    f"placed above the INCREMENT lines of {rec.name} (line {inc.line} of "
                    f"{inc_path}): a FEATURE line must come before them")))
                continue
            for c in block:
                added.append(c)
                pending_decisions.append((c, ADDED, None))
            added.append(rec)
            pending_decisions.append((rec, ADDED, None))
            if fkey is not None and rec.keyword == kinds.INCREMENT:
                own_increments.setdefault(fkey, rec)
            if rec.kind == kinds.USE_SERVER:
                use_server_seen = True
        trailing = [recs[j] for j in comments.get(len(recs), [])]
        for c in trailing:
            owner.setdefault(id(c), fi)
        if not added_records:
            # nothing new: the file adds nothing at all, not even its comments
            for rec, action, reason in pending_decisions:
                if action == ADDED:
                    action, reason = DROPPED, f"comment of {npath}, which adds no new record"
                decide(npath, rec, action, reason)
            for c in trailing:
                decide(npath, c, DROPPED, f"comment of {npath}, which adds no new record")
            continue
        added.extend(trailing)
        pending_decisions.extend((c, ADDED, None) for c in trailing)
        # a section only when something is left in it (its FEATURE lines may all be placed)
        keep_section = any(r.kind != "BLANK" for r in added)
        in_section = {id(r) for r in added}
        for rec, action, reason in pending_decisions:
            if action == ADDED and not keep_section and id(rec) in in_section:
                action, reason = DROPPED, (f"blank line of {npath}, whose new records are all "
                                           "placed above INCREMENT lines")
            decide(npath, rec, action, reason)
        for anchor, blocks in placed.items():
            name = blocks[0][1].name
            marker = Comment(PLACED.format(path=printable(npath, existing.encoding),
                                           name=printable(name, existing.encoding)))
            headers.add(id(marker))
            placements.append((anchor, fi, marker, blocks))
        if not keep_section:
            continue
        marker = Comment(HEADER.format(path=printable(npath, existing.encoding)))
        header = [Blank(""), marker] if out else [marker]
        start = len(out)
        headers.update(id(h) for h in header)
        out.extend(header + [_renewline(r, nl) for r in added])
        origin.extend([(npath, r) for r in header + added])
        sections.append((fi, start, len(out)))
        note_increments(start)

    # the placed FEATURE lines go into ``out``: above the comment lines right above their
    # INCREMENT line (those stay with it)
    groups: Dict[int, List[int]] = {fi: [] for fi in range(1, len(new) + 1)}
    blocks_at: List[Tuple[int, List[Tuple[List[int], int]]]] = []   # (marker, [(comments, rec)])
    if placements:
        where: Dict[int, List[Tuple[int, Comment, List[Tuple[List[Record], Record]]]]] = {}
        for anchor, fi, marker, blocks in placements:
            pos = anchor
            while pos > 0 and out[pos - 1].kind == "COMMENT" \
                    and id(origin[pos - 1][1]) not in heads and id(out[pos - 1]) not in headers:
                pos -= 1
            where.setdefault(pos, []).append((fi, marker, blocks))
        section_of = {k: fi for fi, start, end in sections for k in range(start, end)}
        flat: List[Record] = []
        flat_origin: List[Tuple[str, Record]] = []
        for k, rec in enumerate(out):
            for fi, marker, blocks in where.get(k, ()):
                npath = npaths[fi - 1]
                m = len(flat)
                flat.append(marker)
                flat_origin.append((npath, marker))
                groups[fi].append(m)
                idx: List[Tuple[List[int], int]] = []
                for moved, frec in blocks:
                    cs = []
                    for r in moved + [frec]:
                        groups[fi].append(len(flat))
                        cs.append(len(flat))
                        flat.append(_renewline(r, nl))
                        flat_origin.append((npath, r))
                    idx.append((cs[:-1], cs[-1]))
                blocks_at.append((m, idx))
            if k in section_of:
                groups[section_of[k]].append(len(flat))
            flat.append(rec)
            flat_origin.append(origin[k])
        out, origin = flat, flat_origin
    else:
        for fi, start, end in sections:
            groups[fi].extend(range(start, end))

    merged = replace(existing, records=tuple(out), diagnostics=())
    # in input order: EXISTING, then each new file, each by line (a file may be given twice)
    report.decisions = [d for part in decisions for d in sorted(part, key=lambda d: d.line)]
    _check_encoding(out, origin, existing.encoding, epath, report)
    if not report.compatible:
        return existing, report
    # the merged text is read once: the files with fewer records (--drop-*) are that reading
    # without them (:func:`_without`)
    again = read = _reread(merged, existing)
    options = options or Options()
    dropped = _drops(read, merged, origin, report, today, drop_expired, drop_superseded,
                     options)
    on_purpose = {(owner.get(id(orig), -1), orig.line) for (_, orig), r in zip(origin, out)
                  if id(r) in dropped}
    if dropped:
        # a placed FEATURE line that is dropped takes its comments and (the last one) its
        # marker with it
        for m, idx in blocks_at:
            live = False
            for cs, k in idx:
                if id(out[k]) not in dropped:
                    live = True
                    continue
                for c in cs:
                    f, orig = origin[c]
                    _mark_dropped(report, f, orig, f"{orig.kind.lower()} line above line "
                                                   f"{origin[k][1].line}, which was dropped")
                    dropped.add(id(out[c]))
            if not live:
                dropped.add(id(out[m]))
        # a new file whose every record was dropped leaves nothing behind, not even its header
        for fi, members in groups.items():
            npath = npaths[fi - 1]
            rest = [out[k] for k in members if id(out[k]) not in dropped]
            if all(r.kind in ("COMMENT", "BLANK") for r in rest):
                for k in members:
                    f, orig = origin[k]
                    r = out[k]
                    if id(r) not in dropped and id(r) not in headers:
                        _mark_dropped(report, f, orig, f"{orig.kind.lower()} line of {npath}, "
                                                       "all of whose new records were dropped")
                    dropped.add(id(r))
        kept = [k for k, r in enumerate(out) if id(r) not in dropped]
        out = [out[k] for k in kept]
        origin = [origin[k] for k in kept]
        merged = replace(merged, records=tuple(out))
        again = _without(read, kept, merged)
    # the warnings describe the file that is written, with its line numbers
    _warnings(again, origin, report, today, options)
    for k, rec in enumerate(out[:-1]):
        if ends_open(rec):
            f, orig = origin[k]
            report.warnings.append(Problem(
                f, orig.end_line, f"the last line of this {describe(orig)} record ends with a "
                "continuation backslash with nothing after it: an empty line is written after it "
                "in the merged file, so that the lines that follow are not read as part of it",
                None, again.records[k].end_line))
    # what the license server serves before and after; every loss is a conflict
    placed_records = [(owner.get(id(orig), -1) if id(orig) not in headers else -1, orig, rec)
                      for (_, orig), rec in zip(origin, again.records)]
    ent = assess([(epath, existing)] + list(zip(npaths, new)), again, merged_name,
                 placed_records, on_purpose, today, options)
    report.entitlement = ent
    for loss in ent.losses:
        report.conflicts.append(Problem(loss.file, loss.line, loss.message, LOSS_RULE,
                                        loss.merged_line))
    return again, report


def printable(path: str, encoding: str = "utf-8") -> str:
    """A path as it can stand in a one-line comment of a file in ``encoding``: a newline, any
    other control character, a line separator and a character the encoding cannot hold are
    written as escapes (``\\n``, ``\\u20ac``) instead."""
    out = []
    for ch in path:
        cat = unicodedata.category(ch)
        ok = cat[0] != "C" and cat not in ("Zl", "Zp")
        if ok:
            try:
                ch.encode(encoding)
            except UnicodeEncodeError:
                ok = False
        out.append(ch if ok else ch.encode("unicode_escape").decode("ascii"))
    return "".join(out)


def describe(rec: Record) -> str:
    """``FEATURE tserver_sdn``, ``SERVER lic01``, ``COMMENT``: a record in a message."""
    name = _name(rec)
    keyword = getattr(rec, "keyword", None) or rec.kind
    return f"{keyword} {name}" if name else keyword


def _check_encoding(out: Sequence[Record], origin, encoding: str, epath: str,
                    report: MergeReport) -> None:
    """A record that the merged file's encoding (EXISTING's) cannot hold refuses the merge,
    naming the input file, line and column of the first character that cannot be written."""
    if encoding.lower().replace("_", "-") in ("utf-8", "utf8"):
        return
    for (f, orig), rec in zip(origin, out):
        raw = rec.raw if rec.raw is not None else getattr(rec, "text", "")
        try:
            raw.encode(encoding)
        except UnicodeEncodeError as exc:
            before = raw[:exc.start]
            line = orig.line + len(re.findall(r"\r\n|\r|\n", before))
            col = exc.start - max(before.rfind("\n"), before.rfind("\r"))
            report.compatible = False
            report.refusals.append(Problem(
                f, line, f"{f}:{line}:{col}: {raw[exc.start:exc.end]!r} cannot be written in "
                f"{encoding}, the encoding of {epath}: the merged file would lose it (convert "
                f"{epath} to UTF-8 first, e.g. iconv -f latin1 -t utf-8)", column=col))


def _mark_dropped(report: MergeReport, file: str, rec: Record, reason: str) -> None:
    for i, d in enumerate(report.decisions):
        if d.file == file and d.line == rec.line and d.kind == rec.kind and d.action != DROPPED:
            report.decisions[i] = replace(d, action=DROPPED, reason=reason)
            return


def _reread(merged: LicenseFile, existing: LicenseFile) -> LicenseFile:
    """The merged file as read from its own text: every record knows its line in it (a merged
    file can be the EXISTING of the next merge)."""
    from .syntax.parser import parse
    from .writer import dumps

    again = parse(dumps(merged), existing.path)
    return replace(again, encoding=existing.encoding)


def _without(read: LicenseFile, keep: Sequence[int], merged: LicenseFile) -> LicenseFile:
    """``merged``, whose records are those at ``keep`` of the merged file that :func:`_reread`
    read as ``read``, as read from its own text, without reading it: a record whose text is
    unchanged reads the same, on the lines where it now stands, so ``read``'s records at
    ``keep`` are moved to them, in place (they are the merge's own, read from its own text; those
    at ``keep`` no longer stand on ``read``'s lines: ``read`` serves after only as the records
    for another call, which places each record anew from its number of lines). When
    that does not hold, ``merged`` is read: the writer separates two records that now meet (an
    open continuation, a line that would continue the record above, a last line without its
    newline), or something was read with a diagnostic (its message can name a line)."""
    from .source import detect_newline
    from .writer import dumps

    text = dumps(merged)
    body = text[1:] if read.bom else text
    records = [read.records[k] for k in keep if k < len(read.records)]
    if (len(records) != len(merged.records) or read.diagnostics
            or any(r.source.problem for r in records) or body != "".join(r.raw for r in records)):
        return _reread(merged, read)
    line = 1
    for rec in records:
        src = rec.source
        shift = line - src.line
        if shift:
            src.line += shift
            src.end_line += shift
            if src.segments:
                src.segments = [(offset, ln + shift, col) for offset, ln, col in src.segments]
            if src.bare:
                src.bare = tuple(ln + shift for ln in src.bare)
        line = src.end_line + 1
    return replace(read, records=tuple(records), diagnostics=(), newline=detect_newline(body))


def _line_map(again: LicenseFile, origin) -> Dict[int, Tuple[int, str, Record]]:
    """Physical line of the merged file -> (index of the record, input file, input record)."""
    by_line: Dict[int, Tuple[int, str, Record]] = {}
    if len(again.records) != len(origin):
        raise LictoolError("the merged text does not read back record for record (a bug in "
                           "lictool: please report it with the input files)")
    for k, ((f, orig), rec) in enumerate(zip(origin, again.records)):
        for ln in range(rec.line, rec.end_line + 1):  # a finding may be on a continuation line
            by_line[ln] = (k, f, orig)
    return by_line


def _lint_config(select: Sequence[str], options: Options):
    """The linter's configuration for a merge: ``select``, with the engine settings the
    entitlement is computed with (the rules that use the engine agree with the report)."""
    from .lint.config import parse_config

    return parse_config({"select": list(select), "version-sort": options.version_sort,
                         "vendor-string-pools": options.vendor_string_pools})


def _drops(again: LicenseFile, merged: LicenseFile, origin, report: MergeReport,
           today: _dt.date, drop_expired: bool, drop_superseded: bool,
           options: Options) -> set:
    """The ids of the records of ``merged`` that --drop-expired / --drop-superseded remove,
    with their decisions changed to ``dropped``. Decided by the rules alone: a suppression
    comment (``# lictool: disable=expired``) hides a warning, it never keeps a line that the
    option removes, so merging again gives the same file."""
    from .lint.engine import lint

    if not (drop_expired or drop_superseded):
        return set()
    index = {(d.file, d.line, d.kind): i for i, d in enumerate(report.decisions)
             if d.action != DROPPED}
    drop_ids: set = set()
    # expired lines first, then the lines superseded in what is left: a line voided only by a
    # SUPERSEDE line that is itself dropped (expired) is not void in the file that is written,
    # and dropping it would lose its licenses
    for rule, on in (("expired", drop_expired), ("superseded", drop_superseded)):
        if not on:
            continue
        kept = [k for k, r in enumerate(merged.records) if id(r) not in drop_ids]
        target = again
        if len(kept) < len(merged.records):
            target = _without(again, kept,
                              replace(merged, records=tuple(merged.records[k] for k in kept)))
        by_line = _line_map(target, [origin[k] for k in kept])
        findings = lint(target, again.path or "merged", _lint_config([rule], options), today,
                        suppressions=False)
        for fnd in findings:
            hit = by_line.get(fnd.line)
            if hit is None or fnd.rule != rule:
                continue
            k, f, orig = hit
            drop_ids.add(id(merged.records[kept[k]]))
            i = index.get((f, orig.line, orig.kind))
            if i is not None:
                d = report.decisions[i]
                report.decisions[i] = replace(d, action=DROPPED, reason=(
                    "expired (--drop-expired)" if rule == "expired" else
                    "superseded (--drop-superseded): " + fnd.message))
    return drop_ids


def _warnings(again: LicenseFile, origin, report: MergeReport, today: _dt.date,
              options: Options) -> None:
    """Lint the file that is written with the rules that matter for a merge; their findings
    become the report's warnings, each mapped back to the input file and line its record came
    from, with its line in the merged file."""
    from .lint.engine import lint

    by_line = _line_map(again, origin)
    findings = lint(again, again.path or "merged", _lint_config(WARNING_RULES, options), today)
    for fnd in findings:
        hit = by_line.get(fnd.line)
        if hit is None:
            continue
        _, f, orig = hit
        report.warnings.append(Problem(f, orig.line, fnd.message, fnd.rule, fnd.line))
