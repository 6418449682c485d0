from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ocr_fix.propose.engine import apply_proposals, automatic, propose, propose_pass
from ocr_fix.propose.passes import MAX_PASSES, _focus_after, compose, fix_passes
from ocr_fix.session import resources


def apply(text, edits):
    out, position = [], 0
    for start, end, replacement in edits:
        out.append(text[position:start])
        out.append(replacement)
        position = end
    out.append(text[position:])
    return "".join(out)


@st.composite
def edits_of(draw, text):
    edits, position = [], 0
    while position <= len(text) and draw(st.booleans()):
        start = draw(st.integers(position, len(text)))
        end = draw(st.integers(start, min(len(text), start + 4)))
        edits.append((start, end, draw(st.text(alphabet="XYZ", max_size=3))))
        position = end + 1
    return edits


@st.composite
def two_passes(draw):
    text = draw(st.text(alphabet="abcdef ", max_size=25))
    first = draw(edits_of(text))
    second = draw(edits_of(apply(text, first)))
    return text, first, second


@settings(max_examples=500, deadline=None)
@given(two_passes())
def test_composed_edits_equal_both_passes(case):
    text, first, second = case
    composed = compose(text, first, second)
    assert apply(text, composed) == apply(apply(text, first), second)
    assert all(a[1] <= b[0] for a, b in zip(composed, composed[1:]))


def test_untouched_first_edits_come_out_unchanged():
    text = "aaa bbb ccc"
    first = [(0, 3, "AAA"), (8, 11, "CCC")]
    second = [(4, 7, "BBB")]
    assert compose(text, first, second) == [(0, 3, "AAA"), (4, 7, "BBB"), (8, 11, "CCC")]


def test_a_second_edit_inside_a_first_one_merges():
    assert compose("ab cd", [(0, 2, "xy")], [(1, 2, "Z")]) == [(0, 2, "xZ")]


# --- later passes look only where the previous one changed something --------------------------

HELDOUT = Path(__file__).resolve().parent.parent / "benchmarks" / "heldout" / "pairs"


def _full_pass_fix(text, res):
    """`fix` as it was first written: whole-document passes until none applies anything."""
    for _ in range(MAX_PASSES):
        auto = automatic(propose(text, res))
        if not auto:
            break
        text = apply_proposals(text, auto)
    return text


@pytest.mark.parametrize("name", ["h02_", "h06_", "h10_"])
def test_focused_later_passes_fix_as_whole_passes_do(name):
    res = resources(())
    path = sorted(HELDOUT.glob(f"{name}*.L3.*.ocr.txt"))[0]
    text = path.read_text(encoding="utf-8")
    first = propose_pass(text, res)
    auto = automatic(first.proposals)
    assert auto, "the test needs a text with corrections to make"
    current = apply_proposals(text, auto)
    focus, reopen = _focus_after(auto, first.examined)
    focused = propose_pass(current, res, focus=focus, reopen=reopen, before=first.evidence)
    assert automatic(focused.proposals) == automatic(propose(current, res))
    assert fix_passes(text, res)[0] == _full_pass_fix(text, res)


def _evidence(words=(), pairs=(), extra=(), past=False):
    from ocr_fix.propose.engine import DocumentEvidence

    return DocumentEvidence(frozenset(words), frozenset(pairs), frozenset(extra), past)


def test_later_passes_look_again_only_where_the_evidence_a_verdict_weighed_changed():
    from ocr_fix.document import Document
    from ocr_fix.propose.engine import Examined, _reopened

    doc = Document("начало текста и слово мелочь здесь")
    start = doc.text.index("мелочь")
    finding = Examined(start, start + 6, frozenset({"мелочи", "мелочь"}), "мелочь", ("слово", "здесь"))
    before = _evidence(words={"начало", "текста"})

    def verdict(now, near_edits=frozenset()):
        again, settled = _reopened(doc, [finding], before, now, {}, set(near_edits))
        return "again" if again else "settled"

    assert verdict(_evidence(words={"начало", "текста"})) == "settled"
    assert verdict(_evidence(words={"начало", "текста", "мелочи"})) == "again"  # a candidate now written elsewhere
    assert verdict(_evidence(words={"начало", "текста"}, pairs={("слово", "мелочи")})) == "again"  # beside its neighbour
    assert verdict(_evidence(words={"начало", "текста"}, pairs={("другое", "мелочи")})) == "settled"
    assert verdict(_evidence(words={"начало", "текста"}, past=True)) == "again"
    assert verdict(_evidence(words={"начало", "текста"}, extra={"мелочъ"})) == "again"  # a close word of its own
    token = doc.token_span(start, start + 6)[0]
    assert verdict(_evidence(words={"начало", "текста"}), near_edits={token}) == "again"
    assert _reopened(doc, [finding._replace(weighed=None)], before, before, {}, set())[0]  # names: always again
    # nothing else changed, but the set phrase it broke is no longer there
    assert _reopened(doc, [finding._replace(hint=("мелочи", "слово мелочи"))], before, before, {}, set())[0]
