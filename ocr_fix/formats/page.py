"""PAGE XML 2013 and 2019 (`http://schema.primaresearch.org/PAGE/gts/pagecontent/YYYY-MM-DD`).

Reads: `TextRegion` (a paragraph; nested regions too) > `TextLine` > `Word` > `Glyph`, each with
`TextEquiv` (`@index`, `@conf`, `Unicode`). Of several `TextEquiv`s the one with the lowest
`@index` (else the first) is the reading, the others are the alternatives, best first. The finest
complete level is read and reported in `level`: "glyph" when every word has glyphs with text,
"word" when every line with text has words with text (as OCR-D writes), else "line" (as Transkribus
writes: the words are then the space-separated tokens of each line's text, with no element id).
Reading order: `ReadingOrder` (`RegionRefIndexed` by `@index`, `RegionRef` in order, groups
flattened), regions it does not name following in document order; else document order.

Writes (OCR-D convention): the corrected text becomes a new first `TextEquiv` (`index="1"` in
PAGE 2019, where the existing ones are renumbered from 2; first in document order in PAGE 2013,
which has no `@index`), and the engine's reading stays as the next `TextEquiv`, so nothing the
engine said is lost. At word level the word's, its line's and its region's `TextEquiv`s are
corrected, so the levels agree; glyphs are corrected char by char when the word's length is
unchanged, else left as read. Joined words: the first carries the text and keeps its own `Coords`
(the polygons are not united), the others are removed. A split word becomes several `Word`s with
rectangular `Coords` dividing the word's bounding box in proportion to characters, ids `<id>_2`...
At line level the line's (and region's) `TextEquiv` take the corrected line text.
"""

from __future__ import annotations

import re

from ocr_fix.errors import OcrFixError
from ocr_fix.formats import xmlsafe
from ocr_fix.formats.model import LLine, LPage, LPara, LWord, Plan, Unrepresentable
from ocr_fix.formats.splice import Splicer
from ocr_fix.formats.xmlsafe import Parsed, local, namespace

_NS = re.compile(r"^http://schema\.primaresearch\.org/PAGE/gts/pagecontent/(\d{4})-\d\d-\d\d$")


def check_namespace(root, path: str) -> str:
    m = _NS.match(namespace(root))
    if not m:
        raise OcrFixError(f"unknown PAGE namespace {namespace(root)!r}", path, root.sourceline)
    return f"PAGE {m.group(1)}"


def _kids(node, name):
    return [c for c in node if isinstance(c.tag, str) and local(c) == name]


def textequivs(node):
    """The element's TextEquivs, the reading first, then the alternatives (lowest index first)."""
    tes = _kids(node, "TextEquiv")

    def key(item):
        k, te = item
        try:
            return (int(te.get("index")), k)
        except (TypeError, ValueError):
            return (1 << 30, k)

    return [te for _, te in sorted(enumerate(tes), key=key)]


def te_text(te) -> str | None:
    u = _kids(te, "Unicode")
    if not u:
        return None
    return "".join(u[0].itertext())


def reading(node) -> tuple[str | None, float | None, tuple[str, ...]]:
    tes = textequivs(node)
    if not tes:
        return None, None, ()
    t = te_text(tes[0])
    conf = tes[0].get("conf")
    try:
        c = max(0.0, min(1.0, float(conf))) if conf is not None else None
    except ValueError:
        c = None
    alts = []
    for te in tes[1:]:
        a = te_text(te)
        if a is not None:
            a = " ".join(a.split())
            if a and a != " ".join((t or "").split()) and a not in alts:
                alts.append(a)
    return t, c, tuple(alts)


def _points_box(node):
    coords = _kids(node, "Coords")
    if not coords:
        return None
    pts = coords[0].get("points")
    xs, ys = [], []
    if pts:
        for pair in pts.split():
            try:
                x, y = pair.split(",")
                xs.append(int(float(x)))
                ys.append(int(float(y)))
            except ValueError:
                return None
    else:
        for pt in _kids(coords[0], "Point"):
            try:
                xs.append(int(float(pt.get("x"))))
                ys.append(int(float(pt.get("y"))))
            except (TypeError, ValueError):
                return None
    if not xs:
        return None
    return (min(xs), min(ys), max(xs), max(ys))


def _region_order(page) -> list:
    regions = [r for r in page.iter() if isinstance(r.tag, str) and local(r) == "TextRegion"]
    by_id = {r.get("id"): r for r in regions}
    ordered = []
    ro = _kids(page, "ReadingOrder")

    def walk(group):
        items = [c for c in group if isinstance(c.tag, str)]

        def key(item):
            k, c = item
            try:
                return (int(c.get("index")), k)
            except (TypeError, ValueError):
                return (1 << 30, k)

        for _, c in sorted(enumerate(items), key=key):
            ref = c.get("regionRef")
            if ref in by_id and by_id[ref] not in ordered:
                ordered.append(by_id[ref])
            walk(c)

    if ro:
        walk(ro[0])
    ordered += [r for r in regions if r not in ordered]
    return ordered


def read(p: Parsed, path: str):
    root = p.root
    version = check_namespace(root, path)
    page_nodes = [n for n in root if isinstance(n.tag, str) and local(n) == "Page"]
    structure = []  # per page: [(region, [(line, line_text, [(word, text, conf, alts)] or None)])]
    word_complete = True
    glyph_complete = True
    any_word = False
    for pn in page_nodes:
        regs = []
        for reg in _region_order(pn):
            lines = []
            for ln in _kids(reg, "TextLine"):
                lt, lc, la = reading(ln)
                words = []
                for wn in _kids(ln, "Word"):
                    wt, wc, wa = reading(wn)
                    if wt is None or not wt.strip():
                        continue
                    words.append((wn, wt, wc, wa))
                    gl = _kids(wn, "Glyph")
                    if not gl or any(not (reading(g)[0] or "") for g in gl):
                        glyph_complete = False
                has_text = bool((lt or "").strip())
                if has_text and not words:
                    word_complete = False
                if words:
                    any_word = True
                lines.append((ln, lt, words))
            regs.append((reg, lines))
        structure.append((pn, regs))
    if not any_word:
        word_complete = False
    level = "glyph" if word_complete and glyph_complete else "word" if word_complete else "line"
    pages: list[LPage] = []
    for pn, regs in structure:
        paras = []
        for reg, lines in regs:
            llines = []
            for ln, lt, words in lines:
                if level == "line":
                    toks = (lt or "").split()
                    lws = [LWord(t, None) for t in toks]
                    if not toks and words:
                        lws = [LWord(t, None) for _, wt, _, _ in words for t in wt.split()]
                else:
                    lws = []
                    for wn, wt, wc, wa in words:
                        lws.append(LWord(" ".join(wt.split()), p.index_of(wn), wn.get("id"), wc, wa, _points_box(wn)))
                llines.append(LLine(lws, p.index_of(ln), ln.get("id"), _points_box(ln)))
            paras.append(LPara(llines, p.index_of(reg), _points_box(reg)))
        w_, h_ = pn.get("imageWidth"), pn.get("imageHeight")
        pb = None
        try:
            pb = (0, 0, int(w_), int(h_))
        except (TypeError, ValueError):
            pass
        pages.append(LPage(paras, p.index_of(pn), pb, pn.get("id")))
    return version, level, pages


class _TE:
    """Sets an element's reading the OCR-D way: a new first TextEquiv, the old ones kept after it."""

    def __init__(self, sp: Splicer, indexed: bool):
        self.sp = sp
        self.indexed = indexed

    def new_te(self, idx: int, text: str) -> str | None:
        """The splices' text for a new TextEquiv of element `idx`, or None if unchanged."""
        p = self.sp.p
        node = p.nodes[idx]
        tes = textequivs(node)
        if tes and te_text(tes[0]) == text:
            return None
        q = p.elems[idx].prefix
        u_q = q
        if tes:
            te_el = p.elems[p.index_of(tes[0])]
            q = te_el.prefix
            us = _kids(tes[0], "Unicode")
            if us:
                u_q = p.elems[p.index_of(us[0])].prefix
        idx_attr = ' index="1"' if self.indexed else ""
        return f"<{q}TextEquiv{idx_attr}><{u_q}Unicode>{xmlsafe.escape_text(text)}</{u_q}Unicode></{q}TextEquiv>"

    def splices(self, idx: int, text: str) -> list[tuple[int, int, str]]:
        new = self.new_te(idx, text)
        if new is None:
            return []
        p = self.sp.p
        node = p.nodes[idx]
        el = p.elems[idx]
        all_tes = _kids(node, "TextEquiv")
        out = []
        if all_tes:
            first = p.elems[p.index_of(all_tes[0])]
            ws = self.sp.leading_ws(p.index_of(all_tes[0]))
            out.append((first.start, first.start, new + ws))
            if self.indexed:
                for te in all_tes:
                    ti = p.index_of(te)
                    try:
                        k = int(te.get("index"))
                    except (TypeError, ValueError):
                        continue
                    out.append(self.sp.attr_splice(ti, "index", str(k + 1)))
        else:
            # after the last child that must precede TextEquiv (Coords, Baseline, Word, Glyph, ...)
            before = [c for c in el.children if p.elems[c].local not in ("TextStyle", "UserDefined", "Labels")]
            if el.empty:
                return [(el.attrs_end, el.start_end, f">{new}</{el.qname}>")]
            if before:
                last = p.elems[before[-1]]
                out.append((last.end, last.end, self.sp.leading_ws(before[-1]) + new))
            else:
                out.append((el.start_end, el.start_end, new))
        return out


def write(doc, plan: Plan, p: Parsed) -> bytes:
    sp = Splicer(p)
    te = _TE(sp, indexed=doc.version >= "PAGE 2016")
    lw = doc._built.lwords
    if doc.level != "line":
        for ch in plan.changes:
            _write_word(sp, te, p, lw[ch.index], ch)
        for k in plan.removed:
            sp.remove(p.index_of(lw[k].elem))
    _write_lines_and_regions(sp, te, doc, plan, p)
    return sp.result()


def _write_word(sp: Splicer, te: _TE, p: Parsed, w, ch) -> None:
    """One changed word: its TextEquiv (and its glyphs'), or several Word elements when it became
    several words."""
    idx = p.index_of(w.elem)
    el = p.elems[idx]
    node = p.nodes[idx]
    if len(ch.pieces) == 1:
        text = ch.pieces[0].text
        for s in te.splices(idx, text):
            sp.add(*s)
        gl = _kids(node, "Glyph")
        if gl and len(gl) == len(text):
            for g, c in zip(gl, text):
                if (reading(g)[0] or "") != c:
                    for s in te.splices(p.index_of(g), c):
                        sp.add(*s)
        return
    rendered = []
    coords = _kids(node, "Coords")
    for k, piece in enumerate(ch.pieces):
        loc = []
        if k > 0:
            loc.append(sp.attr_splice(idx, "id", sp.new_id(w.element_id, k + 1)))
        if coords and piece.box is not None and p.elems[p.index_of(coords[0])].attr("points"):
            x0, y0, x1, y1 = piece.box
            loc.append(sp.attr_splice(p.index_of(coords[0]), "points", f"{x0},{y0} {x1},{y0} {x1},{y1} {x0},{y1}"))
        # the piece's content: its Coords (and Baseline) as they are, one new TextEquiv
        keep = []
        drop = []
        for c in el.children:
            (keep if p.elems[c].local in ("Coords", "Baseline") else drop).append(c)
        for c in drop:
            loc.append((sp.ws_before(c), p.elems[c].end, ""))
        new_te = te.new_te(idx, piece.text) or ""
        ws = sp.leading_ws(keep[-1]) if keep else ""
        anchor = p.elems[keep[-1]].end if keep else el.start_end
        if not el.empty:
            loc.append((anchor, anchor, ws + new_te))
        rendered.append(sp.render(idx, loc))
    sep = sp.leading_ws(idx) or " "
    sp.add(el.start, el.end, sep.join(rendered))


def _write_lines_and_regions(sp: Splicer, te: _TE, doc, plan: Plan, p: Parsed) -> None:
    """The TextEquiv of every changed line, and of the regions that hold one, their lines joined."""
    built = doc._built
    region_lines: dict[int, list[int]] = {}
    line_region: dict[int, int] = {}
    for li, line in enumerate(built.lines):
        reg = p.node(line.elem).getparent()
        ri = p.index_of(reg)
        region_lines.setdefault(ri, []).append(li)
        line_region[li] = ri
    changed_regions = set()
    for li, text in plan.new_line_text.items():
        line = built.lines[li]
        node = p.node(line.elem)
        if doc.level == "line" and not textequivs(node):
            w = next(w for w in doc.words if w.line_id == line.line_id)
            raise Unrepresentable((w.start, w.end, doc.text[w.start : w.end]), "the line has no TextEquiv of its own")
        if doc.level == "line" or textequivs(node):
            for s in te.splices(p.index_of(line.elem), text):
                sp.add(*s)
        changed_regions.add(line_region[li])
    for ri in changed_regions:
        reg = p.nodes[ri]
        if not textequivs(reg):
            continue
        texts = []
        for li in region_lines[ri]:
            if li in plan.new_line_text:
                texts.append(plan.new_line_text[li])
            else:
                texts.append(" ".join(w.text for w in built.lines[li].words if w.text))
        for s in te.splices(ri, "\n".join(texts)):
            sp.add(*s)
