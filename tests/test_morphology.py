from ocr_fix.language.morphology import parses, starts_a_word, word_form_automaton


def test_a_truncated_word_starts_a_dictionary_form_and_garbage_does_not():
    assert starts_a_word("развед")  # `развед.` for `разведывательный`
    assert not starts_a_word("щщщж")


def test_the_search_walks_the_same_dictionary_the_grammar_reads():
    automaton = word_form_automaton()
    assert automaton.dct.follow_bytes("войск".encode("utf-8"), automaton.dct.ROOT) is not None
    assert {r.pos for r in parses("войск")} == {"NOUN"}
    assert {r.case for r in parses("войск")} == {"gent"}


def test_the_dictionary_search_finds_words_behind_several_misreadings_cheapest_first():
    from ocr_fix.session import resources

    search = resources(()).lookup.search
    found = search.near("доетижениз", 2.0, max_states=5000)
    assert list(found)[0] == "достижения" and found["достижения"] == 1.25  # е for с, з for я
    assert list(search.near("ксммунистическсй", 2.5, max_states=5000)) == ["коммунистической"]
    found = search.near("войскак", 1.4, max_states=1500)
    assert list(found)[:2] == ["войсках", "войска"] and found["войсках"] < found["войска"]
    assert search.near("щщщщщщщщ", 1.2, max_states=1500) == {}
