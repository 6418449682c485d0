"""ALTO v2, v3, v4 (a LoC namespace `http://www.loc.gov/standards/alto/ns-vN#`, or none).

Reads: `Page` > ... `TextBlock` (a paragraph) > `TextLine` > `String/@CONTENT` with `@WC` (0..1),
`@ID`, `HPOS/VPOS/WIDTH/HEIGHT`; `SP` separates words; `HYP` (the hyphen at a line end) is printed
text, appended to the word before it; `@SUBS_TYPE`/`@SUBS_CONTENT` of a word hyphenated across
lines are read but the printed parts stay the text. `ALTERNATIVE` children are the alternatives,
followed by the readings a v4 `Glyph`'s `Variant`s give (the word with that one character
replaced, by `@VC`); `Glyph`s inside every String make the level "glyph".
A String with an empty `CONTENT` is skipped.

Writes: the corrected word's `CONTENT` (the line-end hyphen stays in its `HYP`), and the engine's
reading kept as an `ALTERNATIVE` child (unless it is one already); `Glyph`s are updated char by char
when the length is unchanged, else removed (their boxes no longer fit). Joined words: the first
carries the text and the union `HPOS/VPOS/WIDTH/HEIGHT`, the others and the `SP` before them are
removed. A split word becomes several `String`s with `SP`s between, boxes divided in proportion to
characters, ids `<ID>_2`, ... . `SUBS_CONTENT` is not recomputed.
"""

from __future__ import annotations

import re

from ocr_fix.errors import OcrFixError
from ocr_fix.formats import xmlsafe
from ocr_fix.formats.model import LLine, LPage, LPara, LWord, Plan, Unrepresentable
from ocr_fix.formats.hocr import spaces as hocr_spaces
from ocr_fix.formats.splice import Splicer, fmt_num
from ocr_fix.formats.xmlsafe import Parsed, local, namespace

_NS = re.compile(r"^http://www\.loc\.gov/standards/alto/(ns-v(\d)#)?$")
KNOWN_NS = ("", "http://schema.ccs-gmbh.com/ALTO")


def check_namespace(root, path: str) -> str:
    ns = namespace(root)
    m = _NS.match(ns)
    if m:
        return f"ALTO v{m.group(2)}" if m.group(2) else "ALTO"
    if ns in KNOWN_NS:
        sv = root.get("SCHEMAVERSION")
        if sv:
            return f"ALTO v{sv.split('.')[0]}"
        return "ALTO v1" if ns else "ALTO"
    raise OcrFixError(f"unknown ALTO namespace {ns!r}", path, root.sourceline)


def _num(v):
    if v is None:
        return None
    try:
        f = float(v)
    except ValueError:
        return None
    return int(f) if f.is_integer() else f


def box_of(node):
    h, v, w, ht = (_num(node.get(a)) for a in ("HPOS", "VPOS", "WIDTH", "HEIGHT"))
    if None in (h, v, w, ht):
        return None
    return (h, v, h + w, v + ht)


def read(p: Parsed, path: str):
    root = p.root
    version = check_namespace(root, path)
    pages: list[LPage] = []
    all_glyph = True
    any_word = False
    for pn in root.iter("{*}Page"):
        paras: list[LPara] = []
        for tb in pn.iter("{*}TextBlock"):
            lines: list[LLine] = []
            for tl in tb.iterchildren("{*}TextLine"):
                words: list[LWord] = []
                for item in tl.iterchildren("{*}String", "{*}HYP"):
                    name = local(item)
                    if name == "String":
                        content = item.get("CONTENT") or ""
                        if not content.strip():
                            continue
                        lead, trail = hocr_spaces(content)
                        content = " ".join(content.split())
                        alts = []
                        glyphs = []
                        for c in item:
                            if not isinstance(c.tag, str):
                                continue
                            if local(c) == "ALTERNATIVE":
                                t = " ".join("".join(c.itertext()).split())
                                if t and t != content and t not in alts:
                                    alts.append(t)
                            elif local(c) == "Glyph":
                                glyphs.append(c)
                        if not glyphs:
                            all_glyph = False
                        for alt in _variant_readings(content, glyphs):
                            if alt != content and alt not in alts:
                                alts.append(alt)
                        any_word = True
                        wc = _num(item.get("WC"))
                        w = LWord(content, p.index_of(item), item.get("ID"), None if wc is None else max(0.0, min(1.0, float(wc))), tuple(alts), box_of(item))
                        if glyphs:
                            w.extra = {"glyphs": [p.index_of(g) for g in glyphs]}
                        w.lead, w.trail = lead, trail
                        words.append(w)
                    elif name == "HYP":
                        hyp = item.get("CONTENT") or ""
                        if words and hyp and "hyp" not in (words[-1].extra or {}):
                            words[-1].text += hyp
                            words[-1].extra = {**(words[-1].extra or {}), "hyp": (p.index_of(item), hyp)}
                lines.append(LLine(words, p.index_of(tl), tl.get("ID"), box_of(tl)))
            paras.append(LPara(lines, p.index_of(tb), box_of(tb)))
        pb = None
        w_, h_ = _num(pn.get("WIDTH")), _num(pn.get("HEIGHT"))
        if w_ is not None and h_ is not None:
            pb = (0, 0, w_, h_)
        pages.append(LPage(paras, p.index_of(pn), pb, pn.get("ID")))
    level = "glyph" if any_word and all_glyph else "word"
    return version, level, pages


def _variant_readings(content: str, glyphs: list) -> list[str]:
    """The word read with one glyph replaced by one of its `Variant`s (ALTO v4), most confident
    first; only when the glyphs spell the word one character each."""
    if len(glyphs) != len(content) or any(len(g.get("CONTENT") or "") != 1 for g in glyphs):
        return []
    found = []
    for i, g in enumerate(glyphs):
        for v in g.iterchildren("{*}Variant"):
            c = v.get("CONTENT") or ""
            if not c or c.isspace():
                continue
            try:
                vc = float(v.get("VC")) if v.get("VC") is not None else 0.0
            except ValueError:
                vc = 0.0
            found.append((-vc, i, content[:i] + c + content[i + 1 :]))
    return [t for _, _, t in sorted(found)]


def _box_splices(sp: Splicer, idx: int, box) -> list:
    if box is None:
        return []
    x0, y0, x1, y1 = box
    out = []
    for name, v in (("HPOS", x0), ("VPOS", y0), ("WIDTH", x1 - x0), ("HEIGHT", y1 - y0)):
        if sp.p.elems[idx].attr(name) is not None:
            out.append(sp.attr_splice(idx, name, fmt_num(v)))
    return out


def write(doc, plan: Plan, p: Parsed) -> bytes:
    sp = Splicer(p)
    lw = doc._built.lwords
    for ch in plan.changes:
        _write_change(sp, p, lw, ch)
    removed_sp: set[int] = set()
    for k in plan.removed:
        _remove_word(sp, p, lw[k], removed_sp)
    return sp.result()


def _write_change(sp: Splicer, p: Parsed, lw, ch) -> None:
    """One changed word: its new CONTENT, or several String elements when it became several words."""
    w = lw[ch.index]
    idx = p.index_of(w.elem)
    el = p.elems[idx]
    hyp = (w.extra or {}).get("hyp")
    texts = [pc.text for pc in ch.pieces]
    if hyp is not None:
        if texts[-1].endswith(hyp[1]) and len(texts[-1]) > len(hyp[1]):
            texts[-1] = texts[-1][: -len(hyp[1])]
        else:
            sp.remove(p.index_of(hyp[0]))
    if len(texts) == 1:
        old = " ".join(" ".join((p.node(lw[k].elem).get("CONTENT") or "").split()) for k in [ch.index] + ch.absorbed)
        for s in _one_word_splices(sp, p, w, ch, texts[0], old, hyp is None):
            sp.add(*s)
    else:
        sp.add(el.start, el.end, _split_word(sp, p, w, idx, texts, [pc.box for pc in ch.pieces]))


def _one_word_splices(sp: Splicer, p: Parsed, w, ch, text: str, old: str, keep_trail: bool) -> list:
    """The splices that give a word its new text: CONTENT (and the box, when it absorbed others), its
    glyphs, and its old reading kept as an ALTERNATIVE."""
    idx = p.index_of(w.elem)
    local_sp = [sp.attr_splice(idx, "CONTENT", w.lead + text + (w.trail if keep_trail else ""))]
    if ch.absorbed:
        local_sp += _box_splices(sp, idx, ch.pieces[0].box)
    glyphs = [p.index_of(g) for g in (w.extra or {}).get("glyphs") or []]
    if glyphs:
        gold = [p.nodes[g].get("CONTENT") or "" for g in glyphs]
        if len(glyphs) == len(text) and all(len(g) == 1 for g in gold):
            for g, o, n in zip(glyphs, gold, text):
                if o != n:
                    local_sp.append(sp.attr_splice(g, "CONTENT", n))
        else:
            for g in glyphs:
                local_sp.append((sp.ws_before(g), p.elems[g].end, ""))
    node, el = p.node(w.elem), p.elems[idx]
    alts = [" ".join("".join(c.itertext()).split()) for c in node if isinstance(c.tag, str) and local(c) == "ALTERNATIVE"]
    if old and old != text and old not in alts:
        alt = f"<{el.prefix}ALTERNATIVE>{xmlsafe.escape_text(old)}</{el.prefix}ALTERNATIVE>"
        if el.empty:
            local_sp.append((el.attrs_end, el.start_end, f">{alt}</{el.qname}>"))
        else:
            after = el.start_end
            for c in el.children:
                if p.elems[c].local in ("Shape", "ALTERNATIVE"):
                    after = p.elems[c].end
            local_sp.append((after, after, alt))
    return local_sp


def _split_word(sp: Splicer, p: Parsed, w, idx: int, texts: list[str], boxes: list) -> str:
    """The String elements, with SP elements between them, that one word became."""
    el = p.elems[idx]
    rendered = []
    for k, t in enumerate(texts):
        loc = [sp.attr_splice(idx, "CONTENT", t)] + _box_splices(sp, idx, boxes[k])
        if k > 0:
            loc.append(sp.attr_splice(idx, "ID", sp.new_id(w.element_id, k + 1)))
        rendered.append(sp.render_empty(idx, loc))
    seps = []
    for k in range(len(texts) - 1):
        a, b = boxes[k], boxes[k + 1]
        if a is not None and b is not None:
            seps.append(f'<{el.prefix}SP WIDTH="{fmt_num(b[0] - a[2])}" VPOS="{fmt_num(a[1])}" HPOS="{fmt_num(a[2])}"/>')
        else:
            seps.append(f"<{el.prefix}SP/>")
    out = rendered[0]
    for s_, r in zip(seps, rendered[1:]):
        out += s_ + r
    return out


def _remove_word(sp: Splicer, p: Parsed, w, removed_sp: set[int]) -> None:
    """A word removed, with its hyphen and the SP before it (or, for a line's first word, after it)."""
    idx = p.index_of(w.elem)
    sp.remove(idx)
    if w.extra and w.extra.get("hyp"):
        sp.remove(p.index_of(w.extra["hyp"][0]))
    node = p.nodes[idx]
    prev = node.getprevious()
    while prev is not None and not isinstance(prev.tag, str):
        prev = prev.getprevious()
    nxt = node.getnext()
    while nxt is not None and not isinstance(nxt.tag, str):
        nxt = nxt.getnext()
    if prev is not None and local(prev) == "SP" and p.index_of(prev) not in removed_sp:
        removed_sp.add(p.index_of(prev))
        sp.remove(p.index_of(prev))
    elif nxt is not None and local(nxt) == "SP" and p.index_of(nxt) not in removed_sp:
        removed_sp.add(p.index_of(nxt))
        sp.remove(p.index_of(nxt))


__all__ = ["read", "write", "Unrepresentable"]
