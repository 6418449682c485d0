"""hOCR 1.x (XHTML, with the XHTML namespace or none), as Tesseract 4/5 and other engines write it.

Reads: `ocr_page` pages; lines `ocr_line`, `ocrx_line`, `ocr_header`, `ocr_caption`,
`ocr_textfloat`; paragraphs `ocr_par` (else the `ocr_carea` block, else the page) separated by a
blank line;
words `ocrx_word` (text possibly inside `<strong>`/`<em>`, or spread over `ocr_cinfo`/`ocrx_cinfo`
character spans); `bbox`, `x_wconf` (0-100, given as 0..1). Alternatives: a
`<span class="alternatives"><ins>reading</ins><del>other</del>...</span>` gives the reading (ins)
and the alternatives (the dels, in order). A line without `ocrx_word`s contributes its text as
tokens that cannot be written back.

Writes: the word's text in place (inside its `<strong>`/`<em>`, in the `ins` of an alternatives
span, or char by char into its cinfo spans when the length is unchanged; with another length the
cinfo spans are replaced by the plain text). Joined words: the first carries the text and the union
`bbox`, the others are removed. A split word becomes several spans with the `bbox` divided in
proportion to characters and ids `<id>_2`, ... . The engine's reading is kept only where hOCR has a
place for it: in a word with an alternatives span it is added as one more `<del class="alt">`
(the corrected text goes in the `ins`); in a plain word it is lost (no standard hOCR property holds
a former reading; the review file and the original keep it).
"""

from __future__ import annotations

import re

from ocr_fix.errors import OcrFixError
from ocr_fix.formats import xmlsafe
from ocr_fix.formats.model import LLine, LPage, LPara, LWord, Plan
from ocr_fix.formats.splice import Splicer, replace_bbox
from ocr_fix.formats.xmlsafe import Parsed, local

LINE_CLASSES = {"ocr_line", "ocrx_line", "ocr_header", "ocr_caption", "ocr_textfloat"}
_INLINE = {"strong", "em", "b", "i", "u", "span", "sup", "sub", "small", "big", "font"}
_PROP = re.compile(r"(\w+)\s+([^;]*)")


def _enclosing(node, page, klass: str):
    """The nearest element of class `klass` around `node` inside `page`, or None."""
    for ancestor in node.iterancestors():
        if ancestor is page:
            return None
        if klass in classes(ancestor):
            return ancestor
    return None


def classes(node) -> set[str]:
    return set((node.get("class") or "").split())


def title_props(node) -> dict[str, str]:
    out = {}
    for part in (node.get("title") or "").split(";"):
        m = _PROP.match(part.strip())
        if m:
            out[m.group(1)] = m.group(2).strip()
    return out


def bbox_of(node):
    b = title_props(node).get("bbox")
    if not b:
        return None
    try:
        v = [int(float(x)) for x in b.split()[:4]]
    except ValueError:
        return None
    return tuple(v) if len(v) == 4 else None


def _is_cinfo(node) -> bool:
    return bool(classes(node) & {"ocr_cinfo", "ocrx_cinfo"})


def _is_alts(node) -> bool:
    return "alternatives" in classes(node)


def _text_excluding_del(node) -> str:
    parts = [node.text or ""]
    for ch in node:
        if not isinstance(ch.tag, str):
            parts.append(ch.tail or "")
            continue
        if local(ch) != "del":
            parts.append(_text_excluding_del(ch))
        parts.append(ch.tail or "")
    return "".join(parts)


def holder(node):
    """Where a word's text sits: ("text", element) | ("alt", ins element, alternatives span) |
    ("cinfo", [char elements])."""
    e = node
    while True:
        kids = [c for c in e if isinstance(c.tag, str)]
        if any(_is_alts(c) for c in kids) and len(kids) == 1:
            alts = kids[0]
            ins = [c for c in alts if isinstance(c.tag, str) and local(c) == "ins"]
            if ins:
                return ("alt", ins[0], alts)
        cinfo = [c for c in e.iter() if isinstance(c.tag, str) and _is_cinfo(c)]
        if cinfo:
            return ("cinfo", cinfo)
        if (
            len(kids) == 1
            and not (e.text or "").strip()
            and not (kids[0].tail or "").strip()
            and local(kids[0]) in _INLINE
        ):
            e = kids[0]
            continue
        return ("text", e)


def word_text(node) -> tuple[str, tuple[str, ...]]:
    h = holder(node)
    if h[0] == "alt":
        reading = " ".join("".join(h[1].itertext()).split())
        alts = []
        for c in h[2]:
            if isinstance(c.tag, str) and local(c) == "del":
                t = " ".join("".join(c.itertext()).split())
                if t and t != reading and t not in alts:
                    alts.append(t)
        return reading, tuple(alts)
    if h[0] == "cinfo":
        return "".join("".join(c.itertext()) for c in h[1]).strip(), ()
    return " ".join(_text_excluding_del(node).split()), ()


def spaces(raw: str) -> tuple[str, str]:
    """The runs of plain spaces around a word's text (kept as printed; not when it spans lines)."""
    if "\n" in raw or not raw.strip():
        return "", ""
    return raw[: len(raw) - len(raw.lstrip(" "))], raw[len(raw.rstrip(" ")) :]


def version_of(root) -> str:
    system = None
    for n in root.iter():
        if isinstance(n.tag, str) and local(n) == "meta" and n.get("name") == "ocr-system":
            system = n.get("content")
    ver = "hOCR 1.2" if system and system.lower().startswith("tesseract") else "hOCR 1.x"
    return f"{ver} ({system})" if system else ver


def read(p: Parsed, path: str):
    root = p.root
    pages: list[LPage] = []
    page_nodes = [n for n in p.nodes if "ocr_page" in classes(n)]
    if not page_nodes:
        raise OcrFixError("HTML without hOCR pages (no element of class ocr_page)", path)
    for pn in page_nodes:
        paras: list[LPara] = []
        last_key = None
        for ln in pn.iter():
            if not isinstance(ln.tag, str) or not (classes(ln) & LINE_CLASSES):
                continue
            if any(classes(a) & LINE_CLASSES for a in ln.iterancestors()):
                continue
            # lines straight under the page (kraken, ocropus) are one paragraph
            key = _enclosing(ln, pn, "ocr_par")
            if key is None:  # (an lxml element with no children is false: compared with None, never tested)
                key = _enclosing(ln, pn, "ocr_carea")
            if key is None:
                key = pn
            words: list[LWord] = []
            wnodes = [w for w in ln.iter() if isinstance(w.tag, str) and "ocrx_word" in classes(w)]
            if wnodes:
                for wn in wnodes:
                    t, alts = word_text(wn)
                    conf = title_props(wn).get("x_wconf")
                    try:
                        c = max(0.0, min(1.0, float(conf) / 100)) if conf is not None else None
                    except ValueError:
                        c = None
                    lw = LWord(t, p.index_of(wn), wn.get("id"), c, alts, bbox_of(wn))
                    if holder(wn)[0] == "text":
                        lw.lead, lw.trail = spaces(_text_excluding_del(wn))
                    words.append(lw)
            else:
                for tok in " ".join(_text_excluding_del(ln).split()).split():
                    words.append(LWord(tok, None))
            line = LLine(words, p.index_of(ln), ln.get("id"), bbox_of(ln))
            if key is last_key and paras:
                paras[-1].lines.append(line)
            else:
                paras.append(LPara([line], p.index_of(key), bbox_of(key)))
                last_key = key
        pages.append(LPage(paras, p.index_of(pn), bbox_of(pn), pn.get("id")))
    return version_of(root), "word", pages


def write(doc, plan: Plan, p: Parsed) -> bytes:
    sp = Splicer(p)
    lw = doc._built.lwords
    for ch in plan.changes:
        w = lw[ch.index]
        if w.elem is None:
            raise _unrep(doc, ch.index, "the line has no word elements")
        node = p.node(w.elem)
        idx = p.index_of(w.elem)
        if len(ch.pieces) == 1:
            _set_word(sp, p, node, ch.pieces[0].text)
            if ch.absorbed:
                _set_box(sp, p, idx, ch.pieces[0].box)
        else:
            el = p.elems[idx]
            rendered = []
            for k, piece in enumerate(ch.pieces):
                inner = Splicer(p)
                _set_word(inner, p, node, piece.text)
                _set_box(inner, p, idx, piece.box)
                if k > 0:
                    inner.set_attr(idx, "id", sp.new_id(w.element_id, k + 1))
                rendered.append(inner.render(idx, inner.splices))
            sep = sp.leading_ws(idx) or " "
            sp.add(el.start, el.end, sep.join(rendered))
    for k in plan.removed:
        w = lw[k]
        if w.elem is None:
            raise _unrep(doc, k, "the line has no word elements")
        sp.remove(p.index_of(w.elem))
    return sp.result()


def _unrep(doc, k, reason):
    from ocr_fix.formats.model import Unrepresentable

    w = doc.words[k]
    return Unrepresentable((w.start, w.end, doc.text[w.start : w.end]), reason)


def _set_box(sp: Splicer, p: Parsed, idx: int, box) -> None:
    if box is None:
        return
    el = p.elems[idx]
    span = el.attr("title")
    if span is None:
        sp.set_attr(idx, "title", "bbox " + " ".join(str(v) for v in box))
        return
    vs, ve, q = span
    sp.add(vs, ve, replace_bbox(p.text[vs:ve], box))


def _set_word(sp: Splicer, p: Parsed, node, text: str) -> None:
    h = holder(node)
    if h[0] == "alt":
        ins = h[1]
        old = " ".join("".join(ins.itertext()).split())
        sp.set_text(p.index_of(ins), text)
        dels = [c for c in h[2] if isinstance(c.tag, str) and local(c) == "del"]
        if old != text and old not in [" ".join("".join(d.itertext()).split()) for d in dels]:
            # the engine's reading stays as one more alternative
            last = p.elems[p.index_of(dels[-1] if dels else ins)]
            q = p.elems[p.index_of(ins)].prefix
            sp.add(last.end, last.end, f'<{q}del class="alt">{xmlsafe.escape_text(old)}</{q}del>')
    elif h[0] == "cinfo":
        chars = h[1]
        old = ["".join(c.itertext()) for c in chars]
        if len(chars) == len(text) and all(len(o) == 1 for o in old):
            for c, o, n in zip(chars, old, text):
                if o != n:
                    sp.set_text(p.index_of(c), n)
        else:
            el = p.elems[p.index_of(node)]
            sp.add(el.start_end, el.content_end, xmlsafe.escape_text(text))
    else:
        lead, trail = spaces("".join(h[1].itertext()))
        sp.set_text(p.index_of(h[1]), lead + text + trail)
