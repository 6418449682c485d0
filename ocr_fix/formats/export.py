"""Converting a (corrected) document to another format.

"text" is the corrected text (`plain.to_text`). The same format as read is `write(edits)`. Between
the XML formats the conversion is minimal: the corrected document is written back and read again,
then its pages, paragraphs (blocks/regions), lines and words are written fresh with their text,
boxes, ids and word confidences: hOCR 1.2 as Tesseract writes it, ALTO v4, PAGE 2019 at word level
(line level when the source had no words, e.g. Transkribus PAGE). Everything else the source held
(fonts, baselines, glyphs, alternatives, polygons beyond their bounding box) is not carried over.
"""

from __future__ import annotations

from lxml import etree

from ocr_fix.formats import plain

KINDS = ("text", "hocr", "alto", "page")
XHTML = "http://www.w3.org/1999/xhtml"
ALTO4 = "http://www.loc.gov/standards/alto/ns-v4#"
PAGE19 = "http://schema.primaresearch.org/PAGE/gts/pagecontent/2019-07-15"


def export(doc, kind: str, edits) -> bytes:
    if kind not in KINDS:
        raise ValueError(f"unknown export format {kind!r} (one of {', '.join(KINDS)})")
    if kind == "text":
        return plain.to_text(doc, edits)
    if kind == doc.kind:
        return doc.write(edits)
    from ocr_fix.formats import read_ocr

    src = read_ocr(doc.write(edits), doc.path) if edits else doc
    pages = src._layout
    if kind == "hocr":
        return _hocr(src, pages)
    if kind == "alto":
        return _alto(src, pages)
    return _page(src, pages)


def _words(line):
    return [w for w in line.words if w.text]


def _bbox(b):
    return "bbox " + " ".join(str(int(v)) for v in b) if b else None


def _hocr(src, pages) -> bytes:
    html = etree.Element(f"{{{XHTML}}}html", nsmap={None: XHTML})
    head = etree.SubElement(html, f"{{{XHTML}}}head")
    etree.SubElement(head, f"{{{XHTML}}}title").text = ""
    etree.SubElement(head, f"{{{XHTML}}}meta", {"http-equiv": "Content-Type", "content": "text/html;charset=utf-8"})
    etree.SubElement(head, f"{{{XHTML}}}meta", {"name": "ocr-system", "content": f"ocr-fix (from {src.version})"})
    etree.SubElement(head, f"{{{XHTML}}}meta", {"name": "ocr-capabilities", "content": "ocr_page ocr_par ocr_line ocrx_word ocrp_wconf"})
    body = etree.SubElement(html, f"{{{XHTML}}}body")
    wn = 0
    for pno, page in enumerate(pages, 1):
        pe = etree.SubElement(body, f"{{{XHTML}}}div", {"class": "ocr_page", "id": f"page_{pno}"})
        if page.box:
            pe.set("title", _bbox(page.box))
        for k, para in enumerate(page.paras, 1):
            lines = [ln for ln in para.lines if _words(ln)]
            if not lines:
                continue
            pa = etree.SubElement(pe, f"{{{XHTML}}}p", {"class": "ocr_par", "id": f"par_{pno}_{k}"})
            if para.box:
                pa.set("title", _bbox(para.box))
            for j, line in enumerate(lines, 1):
                le = etree.SubElement(pa, f"{{{XHTML}}}span", {"class": "ocr_line", "id": line.line_id or f"line_{pno}_{k}_{j}"})
                if line.box:
                    le.set("title", _bbox(line.box))
                for w in _words(line):
                    wn += 1
                    we = etree.SubElement(le, f"{{{XHTML}}}span", {"class": "ocrx_word", "id": w.element_id or f"word_{wn}"})
                    props = [p for p in (_bbox(w.box), None if w.confidence is None else f"x_wconf {round(w.confidence * 100)}") if p]
                    if props:
                        we.set("title", "; ".join(props))
                    we.text = w.text
    return etree.tostring(html, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _alto(src, pages) -> bytes:
    A = f"{{{ALTO4}}}"
    root = etree.Element(A + "alto", nsmap={None: ALTO4})
    desc = etree.SubElement(root, A + "Description")
    etree.SubElement(desc, A + "MeasurementUnit").text = "pixel"
    layout = etree.SubElement(root, A + "Layout")
    wn = 0
    for pno, page in enumerate(pages, 1):
        pe = etree.SubElement(layout, A + "Page", {"ID": page.page_id or f"page_{pno}", "PHYSICAL_IMG_NR": str(pno)})
        if page.box:
            pe.set("WIDTH", str(int(page.box[2])))
            pe.set("HEIGHT", str(int(page.box[3])))
        ps = etree.SubElement(pe, A + "PrintSpace")
        for k, para in enumerate(page.paras, 1):
            lines = [ln for ln in para.lines if _words(ln)]
            if not lines:
                continue
            tb = etree.SubElement(ps, A + "TextBlock", {"ID": f"block_{pno}_{k}"})
            _alto_box(tb, para.box)
            for j, line in enumerate(lines, 1):
                tl = etree.SubElement(tb, A + "TextLine", {"ID": line.line_id or f"line_{pno}_{k}_{j}"})
                _alto_box(tl, line.box)
                for i, w in enumerate(_words(line)):
                    if i:
                        etree.SubElement(tl, A + "SP")
                    wn += 1
                    s = etree.SubElement(tl, A + "String", {"ID": w.element_id or f"string_{wn}"})
                    _alto_box(s, w.box)
                    if w.confidence is not None:
                        s.set("WC", f"{w.confidence:.2f}")
                    s.set("CONTENT", w.text)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _alto_box(el, box):
    if box:
        x0, y0, x1, y1 = box
        el.set("HPOS", str(int(x0)))
        el.set("VPOS", str(int(y0)))
        el.set("WIDTH", str(int(x1 - x0)))
        el.set("HEIGHT", str(int(y1 - y0)))


def _points(box):
    x0, y0, x1, y1 = (int(v) for v in box) if box else (0, 0, 0, 0)
    return f"{x0},{y0} {x1},{y0} {x1},{y1} {x0},{y1}"


def _page(src, pages) -> bytes:
    P = f"{{{PAGE19}}}"
    root = etree.Element(P + "PcGts", nsmap={None: PAGE19})
    meta = etree.SubElement(root, P + "Metadata")
    etree.SubElement(meta, P + "Creator").text = "ocr-fix"
    etree.SubElement(meta, P + "Created").text = "1970-01-01T00:00:00"
    etree.SubElement(meta, P + "LastChange").text = "1970-01-01T00:00:00"
    if len(pages) > 1:
        pass  # PAGE holds one page per file: the pages follow one another in one Page element
    pe = etree.SubElement(root, P + "Page", {"imageFilename": "", "imageWidth": "0", "imageHeight": "0"})
    if pages and pages[0].box:
        pe.set("imageWidth", str(int(pages[0].box[2])))
        pe.set("imageHeight", str(int(pages[0].box[3])))
    wn = 0
    word_level = src.level != "line"
    for pno, page in enumerate(pages, 1):
        for k, para in enumerate(page.paras, 1):
            lines = [ln for ln in para.lines if _words(ln)]
            if not lines:
                continue
            reg = etree.SubElement(pe, P + "TextRegion", {"id": f"r_{pno}_{k}"})
            etree.SubElement(reg, P + "Coords", {"points": _points(para.box)})
            texts = []
            for j, line in enumerate(lines, 1):
                tl = etree.SubElement(reg, P + "TextLine", {"id": line.line_id or f"l_{pno}_{k}_{j}"})
                etree.SubElement(tl, P + "Coords", {"points": _points(line.box)})
                words = _words(line)
                if word_level:
                    for w in words:
                        wn += 1
                        we = etree.SubElement(tl, P + "Word", {"id": w.element_id or f"w_{wn}"})
                        etree.SubElement(we, P + "Coords", {"points": _points(w.box)})
                        te = etree.SubElement(we, P + "TextEquiv", {"index": "1"})
                        if w.confidence is not None:
                            te.set("conf", f"{w.confidence:.2f}")
                        etree.SubElement(te, P + "Unicode").text = w.text
                lt = " ".join(w.text for w in words)
                texts.append(lt)
                te = etree.SubElement(tl, P + "TextEquiv", {"index": "1"})
                etree.SubElement(te, P + "Unicode").text = lt
            te = etree.SubElement(reg, P + "TextEquiv", {"index": "1"})
            etree.SubElement(te, P + "Unicode").text = "\n".join(texts)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
