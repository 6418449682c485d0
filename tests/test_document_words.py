"""The document's own known words and neighbouring pairs, read line by line and remembered by line,
are exactly those read in one sweep over its tokens, pairs across line breaks included."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from ocr_fix.document import Document
from ocr_fix.language.grammar import FINITE_ENDING, verb_tense
from ocr_fix.language.normalize import fold
from ocr_fix.propose.document_words import document_words
from ocr_fix.session import resources
from ocr_fix.tokens import Kind

PIECES = ["войск", "японских", "мы", "на", "предложим", "сказал", "сказали", "говорит", "Гоминдан", "Сиам", "ВОЙСК", "ксммун", "щщщ", "CCCP", "12", ",", ".",
          "(см. сл. лист)", " ", "  ", "\t", "\n", "\r\n", "\r", "\n\n", "**", "—", "ёлка"]


def _in_one_sweep(doc: Document, lookup) -> tuple:
    counts: dict[str, int] = {}
    pairs: set[tuple[str, str]] = set()
    previous = None
    for tok in doc.tokens:
        if tok.kind is not Kind.WORD:
            if tok.kind not in (Kind.SPACE, Kind.NEWLINE):
                previous = None
            continue
        folded = fold(tok.text)
        if not lookup.is_known(folded):
            previous = None
            continue
        if len(folded) > 2:
            counts[folded] = counts.get(folded, 0) + 1
        if previous is not None:
            pairs.add((previous, folded))
        previous = folded
    tenses = [verb_tense(w) for w, n in counts.items() for _ in range(n) if FINITE_ENDING.search(w)]
    unindexed = {w for w in counts if lookup.index.zipf(w) is None}
    return counts, pairs, unindexed, tenses.count("past"), tenses.count("pres") + tenses.count("futr")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=40))
def test_line_by_line_reading_equals_one_sweep(pieces):
    lookup = resources(()).lookup
    doc = Document(" ".join(pieces) if len(pieces) % 2 else "".join(pieces))
    expected = _in_one_sweep(doc, lookup)
    assert tuple(document_words(doc, lookup)) == expected
    assert tuple(document_words(doc, lookup)) == expected  # again, from the remembered lines


def test_a_pair_across_a_line_break_and_a_blank_line_counts():
    lookup = resources(()).lookup
    counts, pairs, *_ = document_words(Document("японских\n\n  войск, мы\nпредложим"), lookup)
    assert ("японских", "войск") in pairs and ("мы", "предложим") in pairs and ("войск", "мы") not in pairs
    assert counts["войск"] == 1
