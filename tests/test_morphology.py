from ocr_fix.language.morphology import parses, starts_a_word, word_form_automaton


def test_a_truncated_word_starts_a_dictionary_form_and_garbage_does_not():
    assert starts_a_word("развед")  # `развед.` for `разведывательный`
    assert not starts_a_word("щщщж")


def test_the_search_walks_the_same_dictionary_the_grammar_reads():
    automaton = word_form_automaton()
    assert automaton.dct.follow_bytes("войск".encode("utf-8"), automaton.dct.ROOT) is not None
    assert {r.pos for r in parses("войск")} == {"NOUN"}
    assert {r.case for r in parses("войск")} == {"gent"}
