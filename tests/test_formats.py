"""The OCR formats layer: reading hOCR, ALTO and PAGE into one text, and writing corrections back."""

from __future__ import annotations

import glob
import re
from pathlib import Path

import pytest
from lxml import etree

from ocr_fix.errors import OcrFixError
from ocr_fix.formats import OcrDocument, OcrWord, read_ocr, sniff

DATA = Path(__file__).parent / "data" / "formats"
DEV = Path(__file__).resolve().parent.parent / "benchmarks" / "data" / "dev-set-formats" / "pairs"

TESS = ["telegram1949.dejavu.L2.s5", "telegram1949.dejavu.L3.s7", "twopage1949.dejavu.L1.s3"]


def load(name: str) -> OcrDocument:
    p = DATA / name
    return read_ocr(p.read_bytes(), str(p))


def edit_word(doc: OcrDocument, old: str, new: str, nth: int = 0):
    """The edit that replaces the nth word reading `old` by `new`."""
    ws = [w for w in doc.words if doc.text[w.start : w.end] == old]
    w = ws[nth]
    return (w.start, w.end, new)


def span_of(doc: OcrDocument, phrase: str) -> tuple[int, int]:
    i = doc.text.index(phrase)
    return i, i + len(phrase)


def reread(doc: OcrDocument, out: bytes) -> OcrDocument:
    return read_ocr(out, doc.path)


def changed_lines(a: bytes, b: bytes) -> list[tuple[str, str]]:
    la, lb = a.decode("utf-8").splitlines(), b.decode("utf-8").splitlines()
    return [(x, y) for x, y in zip(la, lb) if x != y]


# ---- sniffing ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name,kind",
    [
        ("telegram1949.dejavu.L2.s5.hocr", "hocr"),
        ("telegram1949.dejavu.L2.s5.alto.xml", "alto"),
        ("telegram1949.dejavu.L2.s5.ocr.txt", "text"),
        ("alto_v2_hyphen.xml", "alto"),
        ("alto_v4_glyphs.xml", "alto"),
        ("page2013_transkribus.xml", "page"),
        ("page2019_ocrd.xml", "page"),
        ("hocr_cinfo_alternatives.html", "hocr"),
    ],
)
def test_sniff_reads_the_content_not_the_name(name, kind):
    raw = (DATA / name).read_bytes()
    assert sniff(raw, name) == kind
    assert sniff(raw, "misleading.txt") == kind


def test_sniff_plain_text_that_starts_with_an_angle_bracket_is_text():
    assert sniff("<1949> телеграмма\n".encode(), "a.txt") == "text"
    assert sniff("".encode(), "a.txt") == "text"


def test_sniff_refuses_other_xml_naming_file_and_line():
    with pytest.raises(OcrFixError) as e:
        sniff((DATA / "bad_unknown.xml").read_bytes(), "bad_unknown.xml")
    assert str(e.value) == "bad_unknown.xml:2: unknown XML (root element <document>): not hOCR, ALTO or PAGE"
    with pytest.raises(OcrFixError, match="without hOCR pages"):
        sniff(b"<html><body><p>hi</p></body></html>", "x.html")


def test_read_ocr_refuses_plain_text():
    with pytest.raises(OcrFixError, match="not an OCR XML file"):
        read_ocr("просто текст\n".encode(), "a.txt")


# ---- the text equals Tesseract's plain text -------------------------------------------------------


@pytest.mark.parametrize("stem", TESS)
@pytest.mark.parametrize("ext", [".hocr", ".alto.xml"])
def test_text_equals_tesseracts_plain_text(stem, ext):
    doc = load(stem + ext)
    assert doc.text == (DATA / (stem + ".ocr.txt")).read_text(encoding="utf-8")


def _dev_pairs():
    if not DEV.is_dir():
        return []
    return sorted(glob.glob(str(DEV / "*.hocr")) + glob.glob(str(DEV / "*.alto.xml")))


@pytest.mark.skipif(not DEV.is_dir(), reason="dev-set-formats not present")
def test_dev_set_text_equals_plain_text_for_every_file():
    files = _dev_pairs()
    assert len(files) == 60
    exact = []
    for f in files:
        doc = read_ocr(Path(f).read_bytes(), f)
        stem = re.sub(r"\.(hocr|alto\.xml)$", "", f)
        plain = Path(stem + ".ocr.txt").read_text(encoding="utf-8")
        exact.append(doc.text == plain)
    assert all(exact), f"{exact.count(False)} of {len(files)} differ"


def test_two_pages_are_separated_by_a_form_feed():
    doc = load("twopage1949.dejavu.L1.s3.hocr")
    assert len(doc.pages) == 2
    (a0, a1), (b0, b1) = doc.pages
    assert doc.text[a1] == "\f" and b0 == a1 + 1 and b1 == len(doc.text)
    last = doc.words[-1]
    assert last.page == 2 and doc.words[0].page == 1
    assert doc.text[b0:b1].startswith("Подлинник")


def test_tesseract_hocr_and_alto_of_one_recognition_agree():
    for stem in TESS:
        h, a = load(stem + ".hocr"), load(stem + ".alto.xml")
        assert h.text == a.text
        assert [(w.start, w.end) for w in h.words] == [(w.start, w.end) for w in a.words]
        for wh, wa in zip(h.words, a.words):
            # Tesseract's ALTO writes x_wconf 5 as WC="0.5" (not 0.05): compare from 10 up
            if wh.confidence >= 0.1:
                assert abs(wh.confidence - wa.confidence) < 0.011


def test_word_metadata_and_lookup():
    doc = load("telegram1949.dejavu.L3.s7.hocr")
    assert doc.kind == "hocr" and doc.level == "word" and doc.encoding == "utf-8"
    assert doc.version == "hOCR 1.2 (tesseract 5.3.0)"
    i = doc.text.index("Пекине")
    w = doc.word_at(i + 2)
    assert isinstance(w, OcrWord)
    assert doc.text[w.start : w.end] == "Пекине,"
    assert w.element_id.startswith("word_1_") and w.line_id.startswith("line_1_") and w.page == 1
    assert 0 <= w.confidence <= 1
    assert doc.word_at(w.end) is None  # the space after it
    assert doc.located(w.start, w.end) == f"page 1, line {w.line_id}, word {w.element_id}"
    two = doc.located(w.start, w.end + 3)
    assert two.startswith(f"page 1, line {w.line_id}, words {w.element_id}..")


def test_hyphen_at_line_end_stays_printed():
    doc = load("telegram1949.dejavu.L2.s5.hocr")
    assert "госу-\n\nдарственном" in doc.text  # Tesseract's own plain text has the paragraph break


# ---- other engines' shapes --------------------------------------------------------------------------


def test_alto_v2_hyp_subs_and_empty_content():
    doc = load("alto_v2_hyphen.xml")
    assert doc.version == "ALTO v2"
    assert doc.text == 'Кроме того вопрос о госу-\nдарственном займе & "кредите"\n\nКОВАЛЕВ\n'
    ids = [w.element_id for w in doc.words]
    assert "S3" not in ids  # the empty CONTENT is skipped, not an empty word
    hyph = doc.word_at(doc.text.index("госу"))
    assert doc.text[hyph.start : hyph.end] == "госу-" and hyph.element_id == "S6"
    assert doc.word_at(doc.text.index("дарств")).line_id == "TL2"


def test_alto_v4_alternatives_and_glyph_level():
    doc = load("alto_v4_glyphs.xml")
    assert doc.version == "ALTO v4" and doc.level == "glyph"
    assert doc.text == "тов. Сталнну\n"
    assert doc.words[0].alternatives == ("то8.",)  # the Variant gives the same reading
    # ALTERNATIVEs first, then the Glyph Variants' readings
    assert doc.words[1].alternatives == ("Сталину", "Сгалину")
    raw = (DATA / "alto_v4_glyphs.xml").read_bytes().replace(b"<ALTERNATIVE>\xd0\xa1\xd1\x82\xd0\xb0\xd0\xbb\xd0\xb8\xd0\xbd\xd1\x83</ALTERNATIVE>", b"")
    assert read_ocr(raw, "v.xml").words[1].alternatives == ("Сгалину", "Сталину")
    assert doc.words[1].confidence == pytest.approx(0.31)


def test_page_2013_line_level_as_transkribus_writes_it():
    doc = load("page2013_transkribus.xml")
    assert doc.kind == "page" and doc.version == "PAGE 2013" and doc.level == "line"
    assert doc.text == "ШИФРОТЕЛЕГРАММА № 3418\nМосква, тов. Ф И Л И П П О В У\n\nСообщаю, что переговоры продолжаются & идут\n"
    assert all(w.element_id is None for w in doc.words)
    assert doc.words[0].line_id == "r1l1"
    assert doc.located(0, 3) == "page 1, line r1l1"


def test_page_2019_word_and_glyph_level_reading_order_and_textequivs():
    doc = load("page2019_ocrd.xml")
    assert doc.version == "PAGE 2019" and doc.level == "glyph"
    # ReadingOrder puts region0002 first although it comes second in the file
    assert doc.text == "ШИФРОТЕЛЕГРАММА № 3418\n\nто8 войскаи\n"
    first = doc.words[0]
    # index 1 is the reading although written after index 2
    assert first.element_id == "word0001" and first.confidence == pytest.approx(0.75)
    assert first.alternatives == ("ШИФРОТЕЛЕГРАМА",)
    w = doc.word_at(doc.text.index("то8"))
    assert w.alternatives == ("тов",) and w.confidence == pytest.approx(0.61)


def test_page_without_reading_order_is_document_order_and_words_incomplete_means_line_level():
    raw = (DATA / "page2019_ocrd.xml").read_bytes()
    no_ro = re.sub(rb"<pc:ReadingOrder>.*?</pc:ReadingOrder>", b"", raw, flags=re.S)
    doc = read_ocr(no_ro, "x.xml")
    assert doc.text == "то8 войскаи\n\nШИФРОТЕЛЕГРАММА № 3418\n"
    # drop one line's words: the word level is no longer complete, the line level is read
    partial = re.sub(rb'<pc:Word id="word0004">.*?</pc:Word>\s*<pc:Word id="word0005">.*?</pc:Word>', b"", raw, flags=re.S)
    doc = read_ocr(partial, "x.xml")
    assert doc.level == "line"
    assert doc.text == "ШИФРОТЕЛЕГРАММА № 3418\n\nто8 войскаи\n"


def test_hocr_cinfo_alternatives_and_inline_markup():
    doc = load("hocr_cinfo_alternatives.html")
    assert doc.version == "hOCR 1.x (ocropy 1.3)"
    assert doc.text == "ТАСС Пекнна СЕКРЕТНО <срочно>\n\nКОВАЛЕВ\n"
    assert doc.words[1].alternatives == ("Пекина", "Лекина")
    assert doc.words[3].confidence is None
    assert doc.words[4].line_id == "line2"  # an ocr_header is a line


def test_a_file_without_text_is_an_empty_document():
    raw = b'<?xml version="1.0"?><alto xmlns="http://www.loc.gov/standards/alto/ns-v3#"><Layout><Page ID="p"/></Layout></alto>'
    doc = read_ocr(raw, "empty.xml")
    assert doc.text == "" and doc.words == () and doc.word_at(0) is None
    assert doc.write(()) == raw
    page = b'<PcGts xmlns="http://schema.primaresearch.org/PAGE/gts/pagecontent/2019-07-15"><Page imageFilename="a"/></PcGts>'
    assert read_ocr(page, "p.xml").text == ""


# ---- bad input -----------------------------------------------------------------------------------


def test_malformed_xml_names_file_and_line():
    with pytest.raises(OcrFixError) as e:
        load("bad_malformed.xml")
    assert e.value.line == 6 and e.value.path.endswith("bad_malformed.xml")
    assert "\n" not in str(e.value) and "malformed XML" in str(e.value)


def test_unknown_alto_namespace_is_refused():
    with pytest.raises(OcrFixError, match="unknown ALTO namespace") as e:
        load("bad_alto_namespace.xml")
    assert e.value.line == 2


def test_unknown_page_namespace_is_refused():
    raw = b'<PcGts xmlns="urn:x"><Page/></PcGts>'
    with pytest.raises(OcrFixError, match="unknown PAGE namespace"):
        read_ocr(raw, "p.xml")


def test_billion_laughs_is_refused_before_parsing():
    with pytest.raises(OcrFixError, match="declares entities") as e:
        load("bad_billion_laughs.xml")
    assert e.value.line == 3


def test_undefined_entity_is_an_error_not_a_network_fetch():
    raw = b'<?xml version="1.0"?>\n<!DOCTYPE alto SYSTEM "http://example.invalid/x.dtd">\n<alto><Layout><Page><PrintSpace><TextBlock><TextLine><String CONTENT="&x;"/></TextLine></TextBlock></PrintSpace></Page></Layout></alto>'
    with pytest.raises(OcrFixError):
        read_ocr(raw, "e.xml")


def test_empty_and_non_xml_bytes():
    with pytest.raises(OcrFixError):
        read_ocr(b"<?xml version='1.0'?>\n", "e.xml")
    with pytest.raises(OcrFixError):
        read_ocr(b"<alto xmlns='http://www.loc.gov/standards/alto/ns-v3#'>\xff\xfe</alto>", "e.xml")


def test_a_large_file_reads(tmp_path):
    # 8 MB of ALTO, not 200: reading costs about 10 microseconds a word in Python, so 200 MB would
    # take most of a minute of a shared machine. huge_tree=False limits single text nodes and the
    # depth, not the file's size; the raw-text scan is only made when a file is written.
    line = '<TextLine ID="l{0}"><String ID="s{0}" CONTENT="слово{0}" WC="0.9"/><SP/><String ID="t{0}" CONTENT="ещё" WC="0.5"/></TextLine>\n'
    body = "".join(line.format(i) for i in range(60_000))
    raw = ('<alto xmlns="http://www.loc.gov/standards/alto/ns-v3#"><Layout><Page ID="p"><PrintSpace><TextBlock>\n' + body + "</TextBlock></PrintSpace></Page></Layout></alto>").encode()
    assert len(raw) > 7_000_000
    p = tmp_path / "big.xml"
    p.write_bytes(raw)
    doc = read_ocr(p.read_bytes(), str(p))
    assert len(doc.words) == 120_000
    assert doc.text.startswith("слово0 ещё\nслово1 ещё\n")
    assert doc.write(()) == raw
    # the document holds its layout by element index, not lxml's tree
    assert isinstance(doc._layout[0].paras[0].lines[0].words[0].elem, int)
    i = doc.text.index("ещё")
    assert read_ocr(doc.write([(i, i + 3, "еще")]), "big.xml").text.startswith("слово0 еще\n")


def test_alto_without_namespace_with_bom_and_crlf():
    text = (
        '\ufeff<?xml version="1.0" encoding="UTF-8"?>\r\n<alto>\r\n <Layout><Page ID="p"><PrintSpace><TextBlock ID="b">\r\n'
        '  <TextLine ID="l"><String ID="a" CONTENT="Пекин"/><SP/><String ID="b" CONTENT="Москва"/></TextLine>\r\n'
        "</TextBlock></PrintSpace></Page></Layout></alto>\r\n"
    )
    raw = text.encode("utf-8")
    assert sniff(raw, "a.xml") == "alto"
    doc = read_ocr(raw, "a.xml")
    assert doc.version == "ALTO" and doc.text == "Пекин Москва\n"
    assert doc.write(()) == raw
    i = doc.text.index("Пекин")
    out = doc.write([(i, i + 5, "Пекина")])
    assert out == text.replace('CONTENT="Пекин"/>', 'CONTENT="Пекина"><ALTERNATIVE>Пекин</ALTERNATIVE></String>').encode("utf-8")


def test_utf16_hocr_reads():
    src = (DATA / "hocr_cinfo_alternatives.html").read_text(encoding="utf-8").replace('encoding="UTF-8"', 'encoding="UTF-16"')
    raw = src.encode("utf-16")
    doc = read_ocr(raw, "u.html")
    assert doc.text == "ТАСС Пекнна СЕКРЕТНО <срочно>\n\nКОВАЛЕВ\n"
    assert doc.write(()) == raw
    out = doc.write([(0, 4, "ТАСС.")])
    assert read_ocr(out, "u.html").text.startswith("ТАСС. ")


def test_hocr_lines_straight_under_the_page_are_one_paragraph():
    raw = (
        b"<html xmlns='http://www.w3.org/1999/xhtml'><body><div class='ocr_page' id='p' title='bbox 0 0 100 100'>"
        b"<span class='ocr_line' id='l1'><span class='ocrx_word' id='a'>one</span></span>"
        b"<span class='ocrx_line' id='l2'><span class='ocrx_word' id='b'>two</span> <span class='ocrx_word' id='c'>three</span></span>"
        b"</div></body></html>"
    )
    doc = read_ocr(raw, "k.hocr")
    assert doc.text == "one\ntwo three\n"
    assert [w.line_id for w in doc.words] == ["l1", "l2", "l2"]


def test_scanner_finds_values_where_lxml_reads_them():
    """Comments, CDATA, PIs, '>' inside attribute values, either quote, spaces around '=', prefixes,
    entities: the scanned raw values unescape to lxml's values, element by element."""
    from ocr_fix.formats import xmlsafe

    text = (
        "<?xml version='1.0'?>\n<!-- a <comment> -->\n"
        "<x:root xmlns:x='urn:r' a = \"1 &gt; 0\" b='it&apos;s'>"
        "<?pi data <here>?><x:kid c='a>b'>t&amp;x<![CDATA[ <raw> ]]>y<!-- c --></x:kid>"
        "<kid2\n  d=\"two\nlines\"\n/>tail<kid3></kid3></x:root>\n"
    )
    parsed = xmlsafe.parse(text.encode(), "t.xml")
    assert [e.qname for e in parsed.elems] == ["x:root", "x:kid", "kid2", "kid3"]
    for e, n in zip(parsed.elems, parsed.nodes):
        for name, (vs, ve, q) in e.attrs.items():
            if name.startswith("xmlns"):
                continue
            raw_value = text[vs:ve]
            value = etree.fromstring(f"<v a={q}{raw_value}{q}/>".encode()).get("a")
            assert value == n.get(name.rsplit(":", 1)[-1]), name
    kid = parsed.elems[1]
    assert text[kid.start_end : kid.text_end] == "t&amp;x<![CDATA[ <raw> ]]>y"
    assert text[kid.start : kid.end].startswith("<x:kid") and text[kid.start : kid.end].endswith("</x:kid>")
    assert parsed.elems[2].empty and parsed.elems[3].content_end == parsed.elems[3].start_end


def test_scanner_refuses_mismatched_markup():
    from ocr_fix.formats import xmlscan

    with pytest.raises(OcrFixError, match="closes"):
        xmlscan.scan("<a><b></a></b>", "m.xml")


def test_page_2013_word_level_write_has_no_index():
    raw = (DATA / "page2019_ocrd.xml").read_bytes()
    raw = raw.replace(b"2019-07-15", b"2013-07-15")
    raw = re.sub(rb' index="\d+"', b"", raw)
    doc = read_ocr(raw, "p13.xml")
    assert doc.version == "PAGE 2013" and doc.level == "glyph"
    # without @index the first TextEquiv is the reading, and the regions come in document order
    assert doc.text == "то8 войскаи\n\nШИФРОТЕЛЕГРАМА № 3418\n"
    assert doc.word_at(doc.text.index("ШИФ")).alternatives == ("ШИФРОТЕЛЕГРАММА",)
    i = doc.text.index("войскаи")
    out = doc.write([(i, i + 7, "войска")])
    assert b"index=" not in out
    again = read_ocr(out, "p13.xml")
    assert again.text == doc.text.replace("войскаи", "войска")
    w = again.word_at(again.text.index("войска"))
    assert w.alternatives == ("войскаи",)


def test_a_huge_text_node_or_deep_nesting_is_refused_in_one_line():
    big = b'<alto xmlns="http://www.loc.gov/standards/alto/ns-v3#"><Layout><Page><x>' + b"b" * 11_000_000 + b"</x></Page></Layout></alto>"
    with pytest.raises(OcrFixError, match="beyond the safe parser's limits") as e:
        read_ocr(big, "big.xml")
    assert "\n" not in str(e.value) and e.value.line == 1
    deep = b'<alto xmlns="http://www.loc.gov/standards/alto/ns-v3#">' + b"<a>" * 300 + b"</a>" * 300 + b"</alto>"
    with pytest.raises(OcrFixError, match="beyond the safe parser's limits"):
        read_ocr(deep, "deep.xml")


def test_a_doctype_with_a_quoted_bracket_or_angle_is_skipped_whole():
    from ocr_fix.formats.sniff import root_name
    from ocr_fix.formats.xmlscan import doctype_end

    head = '<!DOCTYPE x SYSTEM "a>b]c.dtd"><alto xmlns="http://www.loc.gov/standards/alto/ns-v3#"/>'
    assert doctype_end(head, 0) == head.index("<alto")
    assert root_name(head) == ("alto", 1)
    assert doctype_end("<!DOCTYPE x [ <!ELEMENT a ANY>", 0) is None
