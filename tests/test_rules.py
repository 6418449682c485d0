"""Detection as users see it: what is checked, how findings are reported, lexicons, furniture."""

from ocr_fix.api import check_text


def flagged(text, rule=None):
    return [(f.text, f.rule) for f in check_text(text).findings
            if f.category != "furniture" and (rule is None or f.rule == rule)]


# The must-flag and must-not-flag cases of every rule are in tests/data/golden_cases.tsv
# (tests/test_golden_cases.py); the tests here look at how findings are reported.


def test_english_is_never_checked():
    text = "Cde. Mao Zedong said that the Informbyuro [*informbyuro*] is premature.\nTov. CCCP"
    assert flagged(text) == []


def test_page_furniture_is_reported_not_flagged():
    findings = check_text("взаимных телеграфных (см. сл. лист)\n\nпродолжение ШИФРОВКИ № 54611\n").findings
    assert [f.category for f in findings] == ["furniture", "furniture"]
    assert [f.rule for f in findings] == ["page-furniture", "page-furniture"]


def test_user_lexicon_makes_a_word_known(tmp_path):
    text = "Все ганьбу уезда прибыли на собрание."
    assert ("ганьбу", "unknown-word") in flagged(text)
    lexicon = tmp_path / "mine.txt"
    lexicon.write_text("# source: my archive\nганьбу\n", encoding="utf-8")
    assert check_text(text, lexicons=(str(lexicon),)).findings == []


def test_findings_carry_positions():
    report = check_text("Первая строка.\nвойскак пришли")
    finding = next(f for f in report.findings if f.text == "войскак")
    assert (finding.line, finding.col) == (2, 1)
    assert report.text[finding.start:finding.end] == "войскак"


def test_line_hyphenation_is_a_layout_note_and_joins_on_request():
    from ocr_fix.api import correct_text

    text = "Электростанции Северо-\nВосточного Китая и полити-\nческого управления\n"
    notes = [(f.rule, f.hint) for f in check_text(text).findings]
    assert ("line-hyphenation", "Северо-Восточного") in notes
    assert ("line-hyphenation", "политического") in notes
    assert not [f for f in check_text(text).findings if f.rule == "unknown-word"]
    assert correct_text(text).text == text  # kept by default, proposed for review
    joined = correct_text(text, join_hyphenation=True).text
    assert joined == "Электростанции Северо-Восточного Китая и политического управления\n"


def test_a_name_run_is_judged_alike_wherever_it_stands():
    # what the name rules make of a run is remembered by its words and its title: the second
    # occurrence, and the untitled one, must still be judged on their own
    text = ("Конечно, добавил тов. МАС ЦЗЭ-ДУИ, все шаги.\nПотом тов. МАС ЦЗЭ-ДУИ сказал.\n"
            "Слово МАС было написано.")
    found = [(f.text, f.rule, f.line) for f in check_text(text).findings if f.rule.startswith("name")]
    assert found == [("МАС ЦЗЭ-ДУИ", "name-near-miss", 1), ("МАС ЦЗЭ-ДУИ", "name-near-miss", 2)]


# --- page furniture in an edited document: searched again only between the marks around the edits ----

from hypothesis import example, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from ocr_fix.detect.layout import _furniture_regex, furniture_spans  # noqa: E402
from ocr_fix.document import Document  # noqa: E402
from tests.test_passes import apply  # noqa: E402  (the edited text, written out independently)

_FURNITURE_PIECES = ["(см. сл. лист)", "(см.", "сл.", "лист)", "см", "продолжение", "ШИФРОВКИ", "№", " 546", "11",
                     "подлежит", "возврату", "слово", " ", "  ", "\n", "\n\n", ",", ";", "«", "»", "(", ")", ".", "-"]
_FURNITURE_EDITS = ["", " ", ",", "(см. сл. лист)", "лист", "слово", "\n", "5", "см. ", "»"]


@st.composite
def _furniture_edited(draw):
    text = "".join(draw(st.lists(st.sampled_from(_FURNITURE_PIECES), max_size=30)))
    cuts = sorted(draw(st.lists(st.integers(0, len(text)), max_size=8)))
    edits, position = [], 0
    for start, end in zip(cuts[::2], cuts[1::2]):
        if start >= position:
            edits.append((start, end, draw(st.sampled_from(_FURNITURE_EDITS))))
            position = end
    return text, edits


@settings(max_examples=500, deadline=None)
@given(_furniture_edited())
@example(("слово, (см. сл. лист) и, слово", [(8, 10, "сМ")]))  # an edit inside a match
@example(("(см. сл. лист), слово, (см.  сл. лист)", [(16, 21, "")]))  # matches on either side of an edit
@example(("(см. сл. лист)слово", [(14, 14, ",")]))  # a mark written next to a match
@example(("слово, (см. сл. лист), слово", [(0, 5, ""), (23, 28, "да")]))  # a match between two edits, moved
def test_an_edited_documents_furniture_is_found_as_in_the_edited_text_read_afresh(case):
    from ocr_fix.session import resources

    text, edits = case
    pattern = _furniture_regex(tuple(resources(()).lookup.lexicons.furniture))
    doc = Document(text)
    assert furniture_spans(doc, pattern) == [m.span() for m in pattern.finditer(text)]
    new_text = apply(text, edits)
    assert furniture_spans(doc.edited(edits), pattern) == [m.span() for m in pattern.finditer(new_text)]


def test_detection_leaves_no_reference_cycle_behind():
    """A cycle would keep a pass's context, and its document, alive until a full collection, which the
    command line makes rare (ocr_fix.pool.GC_THRESHOLDS): `fix` would hold the documents of all its passes."""
    import gc

    from ocr_fix.detect import detect
    from ocr_fix.detect.context import Context
    from ocr_fix.session import resources

    lookup = resources(()).lookup
    doc = Document("Тов. МАО ЦЗЕ-ДУН сказал, что II. пленум, (см. сл. лист) советскому союзу.\n" * 3)
    gc.collect()
    gc.disable()
    try:
        detect(doc, lookup)
        detect(doc, lookup, focus=set(range(5, 15)))
        assert not [o for o in gc.get_objects() if isinstance(o, Context)]
    finally:
        gc.enable()
