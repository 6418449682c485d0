"""Writing corrections back into hOCR, ALTO and PAGE: only the corrected words change."""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest
from lxml import etree

from ocr_fix.formats import Unrepresentable, read_ocr
from ocr_fix.formats.model import apply_edits

DATA = Path(__file__).parent / "data" / "formats"


def load(name: str):
    p = DATA / name
    return read_ocr(p.read_bytes(), str(p))


def at(doc, phrase: str, new: str, nth: int = 0):
    i = -1
    for _ in range(nth + 1):
        i = doc.text.index(phrase, i + 1)
    return (i, i + len(phrase), new)


def changed(a: bytes, b: bytes, encoding: str = "utf-8") -> tuple[list[str], list[str]]:
    """The lines only in a, and only in b."""
    la, lb = a.decode(encoding).splitlines(), b.decode(encoding).splitlines()
    minus, plus = [], []
    for op in difflib.ndiff(la, lb):
        if op.startswith("- "):
            minus.append(op[2:])
        elif op.startswith("+ "):
            plus.append(op[2:])
    return minus, plus


def write_and_reread(doc, edits):
    out = doc.write(edits)
    again = read_ocr(out, doc.path)
    assert again.text == apply_edits(doc.text, edits)
    return out, again


# ---- hOCR ----------------------------------------------------------------------------------------


def test_hocr_one_word_changes_only_its_text():
    doc = load("telegram1949.dejavu.L3.s7.hocr")
    out, again = write_and_reread(doc, [at(doc, "Пекине,", "Пекина,")])
    minus, plus = changed(doc._raw, out)
    assert len(minus) == len(plus) == 1
    assert minus[0].replace(">Пекине,<", ">Пекина,<") == plus[0]


def test_hocr_joined_words_take_the_union_box_and_the_others_go():
    doc = load("telegram1949.dejavu.L3.s7.hocr")
    out, again = write_and_reread(doc, [at(doc, "ФИЛИПП ПОВУ", "ФИЛИППОВУ")])
    minus, plus = changed(doc._raw, out)
    assert minus == [
        "      <span class='ocrx_word' id='word_1_16' title='bbox 232 121 334 153; x_wconf 28'>ФИЛИПП</span>",
        "      <span class='ocrx_word' id='word_1_17' title='bbox 347 125 434 145; x_wconf 41'>ПОВУ</span>",
    ]
    assert plus == ["      <span class='ocrx_word' id='word_1_16' title='bbox 232 121 434 153; x_wconf 28'>ФИЛИППОВУ</span>"]
    w = again.word_at(again.text.index("ФИЛИППОВУ"))
    assert w.element_id == "word_1_16"


def test_hocr_split_word_divides_the_box_and_derives_an_id():
    doc = load("telegram1949.dejavu.L3.s7.hocr")
    out, again = write_and_reread(doc, [at(doc, "&2", "№ 2")])
    minus, plus = changed(doc._raw, out)
    assert minus == ["      <span class='ocrx_word' id='word_1_4' title='bbox 308 59 346 78; x_wconf 81'>&amp;2</span>"]
    assert plus == [
        "      <span class='ocrx_word' id='word_1_4' title='bbox 308 59 321 78; x_wconf 81'>№</span>",
        "      <span class='ocrx_word' id='word_1_4_2' title='bbox 333 59 346 78; x_wconf 81'>2</span>",
    ]
    ids = [w.element_id for w in again.words]
    assert len(ids) == len(set(ids))


def test_hocr_derived_id_is_unique_when_the_obvious_one_is_taken():
    raw = (DATA / "telegram1949.dejavu.L3.s7.hocr").read_bytes().replace(b"id='word_1_9'", b"id='word_1_4_2'")
    doc = read_ocr(raw, "x.hocr")
    out, again = write_and_reread(doc, [at(doc, "&2", "№ 2")])
    ids = [w.element_id for w in again.words]
    assert len(ids) == len(set(ids)) and "word_1_4_2a" in ids


def test_hocr_deleting_words_removes_their_elements():
    doc = load("telegram1949.dejavu.L3.s7.hocr")
    i = doc.text.index("из Пекине, ")
    out, again = write_and_reread(doc, [(i, i + len("из Пекине, "), "")])
    minus, plus = changed(doc._raw, out)
    assert plus == [] and len(minus) == 2 and ">из<" in minus[0] and ">Пекине,<" in minus[1]


def test_hocr_keeps_strong_and_em_and_escapes():
    doc = load("hocr_cinfo_alternatives.html")
    out, again = write_and_reread(doc, [at(doc, "СЕКРЕТНО", "СЕКРЕТНО&Co"), at(doc, "<срочно>", "<срочно>\"'")])
    s = out.decode()
    assert "<strong>СЕКРЕТНО&amp;Co</strong>" in s
    assert "<em>&lt;срочно&gt;\"'</em>" in s


def test_hocr_cinfo_same_length_char_by_char_else_plain_text():
    doc = load("hocr_cinfo_alternatives.html")
    out, _ = write_and_reread(doc, [at(doc, "ТАСС", "ТАСЕ")])
    s = out.decode()
    assert s.count("ocr_cinfo") == (DATA / "hocr_cinfo_alternatives.html").read_text().count("ocr_cinfo")
    assert 'x_bboxes 70 10 90 40">Е</span>' in s
    out, _ = write_and_reread(doc, [at(doc, "ТАСС", "ТАСС.")])
    assert 'x_wconf 88">ТАСС.</span>' in out.decode()


def test_hocr_alternatives_span_gets_the_reading_in_ins():
    doc = load("hocr_cinfo_alternatives.html")
    out, again = write_and_reread(doc, [at(doc, "Пекнна", "Пекина")])
    assert '<ins class="alt" title="nlp 0.6">Пекина</ins>' in out.decode()
    assert again.words[1].alternatives == ("Лекина", "Пекнна")  # the engine's reading stays
    assert '<del class="alt" title="nlp 0.1">Лекина</del><del class="alt">Пекнна</del></span>' in out.decode()


def test_hocr_leading_space_of_a_word_is_kept():
    raw = (
        b"<html><body><div class='ocr_page' id='p'><span class='ocr_line' id='l'>"
        b"<span class='ocrx_word' id='a'>A</span><span class='ocrx_word' id='b'> BB</span></span></div></body></html>"
    )
    doc = read_ocr(raw, "x.hocr")
    assert doc.text == "A  BB\n"  # as Tesseract prints it
    out, again = write_and_reread(doc, [at(doc, "BB", "CC")])
    assert b"id='b'> CC</span>" in out


# ---- ALTO ----------------------------------------------------------------------------------------


def test_alto_one_word_keeps_the_engines_reading_as_alternative():
    doc = load("telegram1949.dejavu.L3.s7.alto.xml")
    out, again = write_and_reread(doc, [at(doc, "<ОВ.", "СОВ.")])
    minus, plus = changed(doc._raw, out)
    assert len(minus) == len(plus) == 1
    assert 'CONTENT="СОВ."><ALTERNATIVE>&lt;ОВ.</ALTERNATIVE></String><SP WIDTH="16"' in plus[0]
    assert again.words[0].alternatives == ("<ОВ.",)


def test_alto_join_removes_the_sp_and_takes_the_union_box():
    doc = load("telegram1949.dejavu.L3.s7.alto.xml")
    out, again = write_and_reread(doc, [at(doc, "ФИЛИПП ПОВУ", "ФИЛИППОВУ")])
    minus, plus = changed(doc._raw, out)
    assert len(minus) == 2 and len(plus) == 1
    assert plus[0].strip() == (
        '<String ID="string_15" HPOS="232" VPOS="121" WIDTH="202" HEIGHT="32" WC="0.28" CONTENT="ФИЛИППОВУ">'
        "<ALTERNATIVE>ФИЛИПП ПОВУ</ALTERNATIVE></String>"
    )
    root = etree.fromstring(out)
    line = [n for n in root.iter("{*}TextLine") if n.get("ID") == "line_2"][0]
    assert [etree.QName(c).localname for c in line] == ["String", "SP", "String", "SP", "String"]


def test_alto_split_puts_an_sp_between_the_parts():
    doc = load("telegram1949.dejavu.L3.s7.alto.xml")
    out, again = write_and_reread(doc, [at(doc, "&2", "№ 2")])
    minus, plus = changed(doc._raw, out)
    assert plus[0].strip() == (
        '<String ID="string_3" HPOS="308" VPOS="59" WIDTH="13" HEIGHT="19" WC="0.81" CONTENT="№"/>'
        '<SP WIDTH="12" VPOS="59" HPOS="321"/>'
        '<String ID="string_3_2" HPOS="333" VPOS="59" WIDTH="13" HEIGHT="19" WC="0.81" CONTENT="2"/>'
    )


def test_alto_delete_first_word_of_a_line_takes_the_sp_after_it():
    doc = load("telegram1949.dejavu.L3.s7.alto.xml")
    i = doc.text.index("<ОВ. ")
    out, again = write_and_reread(doc, [(i, i + 5, "")])
    root = etree.fromstring(out)
    line = [n for n in root.iter("{*}TextLine") if n.get("ID") == "line_0"][0]
    assert [etree.QName(c).localname for c in line] == ["String", "SP", "String", "SP", "String"]


def test_alto_hyphen_stays_in_hyp_or_goes_with_it():
    doc = load("alto_v2_hyphen.xml")
    out, again = write_and_reread(doc, [at(doc, "госу-", "гасу-")])
    assert b'<String ID="S6" CONTENT="\xd0\xb3\xd0\xb0\xd1\x81\xd1\x83"' in out and b"<HYP CONTENT=\"-\"" in out
    out, again = write_and_reread(doc, [at(doc, "госу-", "госу")])
    assert b"<HYP" not in out
    # SUBS_CONTENT is left as read
    assert out.count(b'SUBS_CONTENT="\xd0\xb3\xd0\xbe\xd1\x81\xd1\x83') == 2


def test_alto_glyphs_follow_the_word_or_go():
    doc = load("alto_v4_glyphs.xml")
    out, again = write_and_reread(doc, [at(doc, "Сталнну", "Сталину")])
    s = out.decode()
    assert '<Glyph ID="g9" CONTENT="и"' in s and "<ALTERNATIVE>Сталнну</ALTERNATIVE>" in s
    assert again.level == "glyph"
    assert again.words[1].alternatives == ("Сгалину", "Сталнну")
    out, again = write_and_reread(doc, [at(doc, "тов.", "тов")])
    assert 'ID="g1"' not in out.decode() and 'ID="g5"' in out.decode()


def test_alto_attribute_escaping_in_either_quote():
    raw = (
        "<alto xmlns='http://www.loc.gov/standards/alto/ns-v3#'><Layout><Page ID='p'><PrintSpace><TextBlock>"
        "<TextLine ID='l'><String ID='a' CONTENT='один'/><SP/><String ID=\"b\" CONTENT=\"два\"/></TextLine>"
        "</TextBlock></PrintSpace></Page></Layout></alto>"
    ).encode()
    doc = read_ocr(raw, "q.xml")
    out, again = write_and_reread(doc, [at(doc, "один", "о'д\"<&>"), at(doc, "два", "д'в\"а&")])
    s = out.decode()
    assert "CONTENT='о&apos;д\"&lt;&amp;&gt;'" in s
    assert 'CONTENT="д\'в&quot;а&amp;"' in s
    assert again.text == "о'д\"<&> д'в\"а&\n"


def test_alto_in_cp1251_is_written_in_cp1251():
    text = (
        '<?xml version="1.0" encoding="windows-1251"?>\n'
        '<alto xmlns="http://www.loc.gov/standards/alto/ns-v2#"><Layout><Page ID="p"><PrintSpace><TextBlock>'
        '<TextLine ID="l"><String ID="a" CONTENT="Москва"/><SP/><String ID="b" CONTENT="Кремль"/></TextLine>'
        "</TextBlock></PrintSpace></Page></Layout></alto>\n"
    )
    raw = text.encode("cp1251")
    doc = read_ocr(raw, "c.xml")
    assert doc.encoding == "cp1251" and doc.text == "Москва Кремль\n"
    assert doc.write(()) == raw
    out, again = write_and_reread(doc, [at(doc, "Кремль", "Кремлю")])
    assert out == text.replace('CONTENT="Кремль"/>', 'CONTENT="Кремлю"><ALTERNATIVE>Кремль</ALTERNATIVE></String>').encode("cp1251")


# ---- PAGE ----------------------------------------------------------------------------------------


def test_page_2019_corrected_text_is_index_1_and_the_engines_reading_stays():
    doc = load("page2019_ocrd.xml")
    out, again = write_and_reread(doc, [at(doc, "то8", "тов")])
    s = out.decode()
    assert (
        '<pc:TextEquiv index="1"><pc:Unicode>тов</pc:Unicode></pc:TextEquiv>\n'
        '          <pc:TextEquiv index="2" conf="0.61"><pc:Unicode>то8</pc:Unicode></pc:TextEquiv>\n'
        '          <pc:TextEquiv index="3" conf="0.30"><pc:Unicode>тов</pc:Unicode></pc:TextEquiv>'
    ) in s
    # the line and the region agree with the words
    root = etree.fromstring(out)
    ns = {"pc": "http://schema.primaresearch.org/PAGE/gts/pagecontent/2019-07-15"}
    for xp in ("//pc:TextLine[@id='line0002']", "//pc:TextRegion[@id='region0001']"):
        el = root.xpath(xp, namespaces=ns)[0]
        tes = el.xpath("pc:TextEquiv", namespaces=ns)
        assert [(t.get("index"), t.findtext("pc:Unicode", namespaces=ns)) for t in tes] == [("1", "тов войскаи"), ("2", "то8 войскаи")]
    # the glyph that changed, the OCR-D way too
    g = root.xpath("//pc:Glyph[@id='glyph0004_3']/pc:TextEquiv", namespaces=ns)
    assert [(t.get("index"), t.findtext("pc:Unicode", namespaces=ns)) for t in g] == [("1", "в"), ("2", "8"), ("3", "в")]
    w = again.word_at(0 if again.text.startswith("тов") else again.text.index("тов"))
    assert w.alternatives[0] == "то8"


def test_page_2019_split_and_join():
    doc = load("page2019_ocrd.xml")
    out, again = write_and_reread(doc, [at(doc, "№ 3418", "№3418"), at(doc, "войскаи", "войска и")])
    ids = [w.element_id for w in again.words]
    assert ids == ["word0001", "word0002", "word0004", "word0005", "word0005_2"]
    s = out.decode()
    assert 'id="word0003"' not in s
    assert '<pc:Coords points="120,100 255,100 255,140 120,140"/>' in s
    assert '<pc:Coords points="278,100 300,100 300,140 278,140"/>' in s


def test_page_2013_line_level_puts_the_corrected_line_first_without_index():
    doc = load("page2013_transkribus.xml")
    out, again = write_and_reread(doc, [at(doc, "Ф И Л И П П О В У", "ФИЛИППОВУ")])
    minus, plus = changed(doc._raw, out)
    assert minus == []
    assert plus[0].strip() == "<TextEquiv><Unicode>Москва, тов. ФИЛИППОВУ</Unicode></TextEquiv>"
    assert "index=" not in "".join(plus)
    region = read_ocr(out, "x")._layout[0].paras[0]
    root = etree.fromstring(out)
    ns = {"p": "http://schema.primaresearch.org/PAGE/gts/pagecontent/2013-07-15"}
    r1 = root.xpath("//p:TextRegion[@id='r1']/p:TextEquiv/p:Unicode", namespaces=ns)
    assert [u.text for u in r1] == ["ШИФРОТЕЛЕГРАММА № 3418\nМосква, тов. ФИЛИППОВУ", "ШИФРОТЕЛЕГРАММА № 3418\nМосква, тов.  Ф И Л И П П О В У"]
    assert region.lines[1].line_id == "r1l2"


def test_page_escapes_text():
    doc = load("page2013_transkribus.xml")
    out, again = write_and_reread(doc, [at(doc, "&", "<&>")])
    assert "<Unicode>Сообщаю, что переговоры продолжаются &lt;&amp;&gt; идут</Unicode>" in out.decode()


# ---- what cannot be written ----------------------------------------------------------------------


@pytest.mark.parametrize("name", ["telegram1949.dejavu.L2.s5.hocr", "telegram1949.dejavu.L2.s5.alto.xml", "alto_v2_hyphen.xml"])
def test_an_edit_across_lines_is_unrepresentable(name):
    doc = load(name)
    i = doc.text.index("госу-")
    j = doc.text.index("дарственном")
    edit = (i, j + len("дарственном"), "государственном")
    with pytest.raises(Unrepresentable) as e:
        doc.write([edit])
    assert e.value.edit == edit and "line" in str(e.value)


def test_an_edit_across_pages_is_unrepresentable():
    doc = load("twopage1949.dejavu.L1.s3.hocr")
    i = doc.text.index("\f")
    with pytest.raises(Unrepresentable):
        doc.write([(i - 1, i + 2, " ")])


def test_an_edit_that_touches_no_word_or_only_the_spacing_is_unrepresentable():
    doc = load("telegram1949.dejavu.L2.s5.hocr")
    i = doc.text.index("\n\n")
    with pytest.raises(Unrepresentable):
        doc.write([(i + 1, i + 1, "новое")])
    j = doc.text.index(" СЕКРЕТНО")
    with pytest.raises(Unrepresentable):
        doc.write([(j, j, " ")])  # a second space: the layout has no place for it
    assert doc.write([(j, j + 1, " ")]) == doc._raw  # no change at all


def test_bad_edits_are_refused():
    doc = load("telegram1949.dejavu.L2.s5.hocr")
    with pytest.raises(ValueError):
        doc.write([(10, 12, "x"), (5, 6, "y")])
    with pytest.raises(ValueError):
        doc.write([(5, 12, "x"), (10, 14, "y")])
    with pytest.raises(ValueError):
        doc.write([(0, len(doc.text) + 1, "x")])


# ---- export --------------------------------------------------------------------------------------


def test_export_text_is_the_corrected_text():
    doc = load("telegram1949.dejavu.L3.s7.hocr")
    edits = [at(doc, "Пекине,", "Пекина,")]
    assert doc.export("text", edits) == apply_edits(doc.text, edits).encode("utf-8")
    assert doc.export("text") == (DATA / "telegram1949.dejavu.L3.s7.ocr.txt").read_bytes()


@pytest.mark.parametrize("src", ["telegram1949.dejavu.L3.s7.hocr", "telegram1949.dejavu.L3.s7.alto.xml", "page2019_ocrd.xml", "page2013_transkribus.xml", "twopage1949.dejavu.L1.s3.alto.xml"])
@pytest.mark.parametrize("kind", ["hocr", "alto", "page"])
def test_export_to_another_format_keeps_text_and_words(src, kind):
    doc = load(src)
    w = doc.words[1]
    edits = [(w.start, w.end, doc.text[w.start : w.end] + "ъ")]
    out = doc.export(kind, edits)
    again = read_ocr(out, "exported")
    assert again.kind == kind
    expected = apply_edits(doc.text, edits)
    if kind == "page" and len(doc.pages) > 1:
        expected = expected.replace("\n\f", "\n\n")  # one PAGE file holds one page
    assert again.text == expected
    if doc.level != "line":
        assert [x.element_id for x in again.words] == [x.element_id for x in read_ocr(doc.write(edits), "x").words]


def test_export_same_kind_is_write_and_unknown_kind_is_refused():
    doc = load("alto_v2_hyphen.xml")
    edits = [at(doc, "того", "того,")]
    assert doc.export("alto", edits) == doc.write(edits)
    with pytest.raises(ValueError):
        doc.export("pdf")
