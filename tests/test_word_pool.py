"""A word's candidates are worked out once a pass wherever it stands (`WordSite.pools`): a place that
adds candidates of its own (a set phrase, a page break) gets them, and the word elsewhere does not."""

from __future__ import annotations

from ocr_fix.document import Document
from ocr_fix.findings import Finding
from ocr_fix.propose.site import WordSite, suspect_at
from ocr_fix.propose.word_pool import word_pool
from ocr_fix.session import resources

TEXT = "Генеральный штаб прислал донесоние вчера. Второе донесоние пришло позже, и донесоние третье тоже."


def _site(doc: Document, index: int, pools: dict | None, **place) -> WordSite:
    return WordSite(doc, index, resources(()).lookup, {}, set(), pools=pools, **place)


def _pool(site: WordSite):
    tok = site.doc.tokens[site.index]
    return word_pool(site, suspect_at(site, Finding("unknown-word", tok.start, tok.end, tok.text, "a finding", "error", None)))


def _places(doc: Document) -> list[int]:
    return [i for i, tok in enumerate(doc.tokens) if tok.text == "донесоние"]


def test_the_word_s_candidates_are_worked_out_once_a_pass_and_are_those_it_has_alone():
    doc = Document(TEXT)
    pools: dict = {}
    first, second, third = (_pool(_site(doc, i, pools)) for i in _places(doc))
    assert first is second is third  # one pool for the word wherever it stands
    alone = _pool(_site(doc, _places(doc)[1], None))
    assert alone is not first and alone.candidates == first.candidates and alone.likely == first.likely
    assert "донесение" in first.words and "донесоние" not in first.others


def test_a_place_adds_its_own_candidates_and_the_word_elsewhere_keeps_the_common_ones():
    doc = Document(TEXT)
    pools: dict = {}
    first, second, third = _places(doc)
    common = _pool(_site(doc, first, pools))
    hinted = _pool(_site(doc, second, pools, phrase_hint=("донесение-ответ", "a phrase")))
    assert "донесение-ответ" in hinted.words and "донесение-ответ" not in common.words
    assert [c for c in hinted.candidates if c.source != "phrase"] == common.candidates
    assert _pool(_site(doc, third, pools)) is common
    assert "донесение-ответ" in hinted.weighed and "донесение-ответ" not in common.weighed


def test_the_word_before_a_dot_has_a_pool_of_its_own():
    # before a dot a word may be an abbreviation misread (`тоз.` for `тов.`): those are its candidates too
    doc = Document(TEXT + " Снова донесоние. И тоз. Иванов, тоз Петров")
    pools: dict = {}
    places = _places(doc)
    assert _pool(_site(doc, places[-1], pools)) is not _pool(_site(doc, places[0], pools))
    before_dot, after_all = (i for i, tok in enumerate(doc.tokens) if tok.text == "тоз")
    assert "тов" in _pool(_site(doc, before_dot, pools)).abbreviations
    assert not _pool(_site(doc, after_all, pools)).abbreviations
