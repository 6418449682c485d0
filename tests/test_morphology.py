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


def _agrees_from_readings(adjective, noun):
    """Agreement read straight off the dictionary's readings (what grammar.agrees works out from bits)."""
    adj_parses = [p for p in parses(adjective) if p.pos in ("ADJF", "PRTF")]
    heads = ("NOUN", "ADJF", "PRTF") if any("Apro" in p.grammemes for p in adj_parses) else ("NOUN",)
    noun_parses = [p for p in parses(noun) if p.pos in heads]
    if not adj_parses or not noun_parses:
        return None
    for a in adj_parses:
        for n in noun_parses:
            if "Fixd" in n.grammemes:
                return None
            adj, nn = a.grammemes, n.grammemes
            if (a.case or "") != (n.case or ""):
                continue
            if "plur" in adj and "sing" in nn and "Sgtm" not in nn or "sing" in adj and "plur" in nn and "Pltm" not in nn:
                continue
            if a.case == "accs" and adj & {"anim", "inan"} and nn & {"anim", "inan"} and not adj & nn & {"anim", "inan"}:
                continue
            if "sing" in adj and "sing" in nn and "ms-f" not in nn:
                if adj & {"masc", "femn", "neut"} and nn & {"masc", "femn", "neut"} and \
                        not adj & nn & {"masc", "femn", "neut"}:
                    continue
            return True
    if len(adj_parses) != len(parses(adjective)) or len(noun_parses) != len(parses(noun)):
        return None
    return False


def test_agreement_from_bits_equals_agreement_read_off_the_readings():
    from ocr_fix.language.grammar import agrees

    adjectives = ["японских", "наши", "основные", "этой", "новая", "рабочих", "кофейный", "круглые", "свои",
                  "советского", "военным", "большое", "корейской", "эти", "его"]
    nouns = ["войск", "силы", "кофе", "сутки", "сирота", "армии", "офицеров", "людей", "вопросам", "министерства",
             "японцев", "дело", "помощь", "товарищ", "основные", "рабочих", "мира", "кадрами"]
    verdicts = set()
    for adjective in adjectives:
        for noun in nouns:
            expected = _agrees_from_readings(adjective, noun)
            verdicts.add(expected)
            assert agrees(adjective, noun) == expected, (adjective, noun)
    assert verdicts == {True, False, None}
