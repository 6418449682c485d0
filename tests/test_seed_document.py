"""The acceptance cases of the seed document (issues 2, 3 and 5)."""

import pytest

from ocr_fix.api import check_text, correct_text

MUST_FLAG = [
    "Скопие", "Ф И Л И П П О В У", "М О Л Н И Я", "М А Я", "СКИОМ", "Сиаи", "гентств", "обиспываться",
    "ЦВР-ДВН", "Чичэн", "Ягунцзян", "МАС ЦУ", "ГАНЖИ", "ЧУ ЦО", "МАС ЦИ", "ЧОУ ШЕ-ЛЯН", "ДУИ СИ-У",
    "ЧЕНЬ ШИ", "ЧОУ ЦО",
]
CORRECT_WORDS = ["Маньчжурии", "гоминдановскими", "Мукден", "КОВАЛЕВ", "информбюро", "МАКАРТУР", "КИМ", "ИР",
                 "Арзушкин", "Чередикина", "СУГОУ", "ОССБ", "ВКП", "Филиппины", "Индокитай"]


@pytest.fixture(scope="module")
def report(sample_text):
    return check_text(sample_text)


@pytest.fixture(scope="module")
def correction(sample_text):
    return correct_text(sample_text)


def covered(report, text):
    start = report.text.index(text, report.text.index("№ 94"))
    return [f for f in report.findings if f.start < start + len(text) and start < f.end and f.category != "furniture"]


@pytest.mark.parametrize("text", MUST_FLAG)
def test_check_flags_the_seed_errors(report, text):
    assert covered(report, text), f"{text} not flagged"


def test_check_flags_every_garbled_occurrence(report):
    errors = [f.text for f in report.findings]
    assert errors.count("войскак") == 3
    assert errors.count("МАС ЦЗЭ-ДУИ") == 2


def test_check_flags_no_correct_word(report, russian_part):
    flagged_words = {w for f in report.findings if f.category != "furniture" for w in f.text.split()}
    assert not flagged_words & set(CORRECT_WORDS)
    for f in report.findings:
        if "МАО ЦЗЕ-ДУН" in report.text[f.start - 5:f.end + 5] and f.text != "МАС ЦЗЭ-ДУИ":
            assert "ЦЗЕ-ДУН" not in f.text


def test_check_ignores_the_english_translation(report, english_part):
    assert all(f.start >= len(english_part) for f in report.findings)


def test_page_furniture_is_recognised(report):
    furniture = [f.text for f in report.findings if f.category == "furniture"]
    assert "(см. сл. лист)" in furniture and "продолжение ШИФРОВКИ № 54611" in furniture


EXPECTED_FIXES = [
    ("Скопие копий", "Снятие копий"), ("Ф И Л И П П О В У", "ФИЛИППОВУ"), ("М О Л Н И Я", "МОЛНИЯ"),
    ("М А Я 1949", "МАЯ 1949"), ("КИМ ИР СКИОМ", "КИМ ИР СЕНОМ"), ("Сиаи", "Сиам"),
    ("обиспываться", "обмениваться"), ("Ягунцзян", "Ялуцзян"), ("ГАС ГАНЖИ", "ГАО ГАНОМ"),
]


@pytest.mark.parametrize("before, after", EXPECTED_FIXES)
def test_fix_writes_the_expected_corrections(correction, before, after):
    assert before in correction.original
    assert after in correction.text


def test_fix_corrects_repeated_errors(correction):
    assert "войскак" not in correction.text
    assert correction.text.count("МАО ЦЗЕ-ДУН") == correction.original.count("МАО ЦЗЕ-ДУН") + 2
    assert "МАС ЦЗЭ-ДУИ" not in correction.text
    for phrase in ("американских войск", "японских войск", "своих войск"):
        assert phrase in correction.text


def test_fix_keeps_the_english_part_byte_for_byte(correction, english_part):
    assert correction.text.startswith(english_part)


def test_fix_changes_no_correct_word(correction):
    changed = {p.original for p in correction.applied}
    allowed = {"Скопие", "М А Я", "М О Л Н И Я", "Ф И Л И П П О В У", "СКИОМ", "Сиаи", "гентств", "обиспываться",
               "войскак", "МАС ЦЗЭ-ДУИ", "Ягунцзян", "ГАС ГАНЖИ"}
    assert changed <= allowed, changed - allowed


LAST_SENTENCE = [("ЧУ ЦО", "ЧЖУ ДЭ"), ("МАС ЦИ", "ЛЮ ШАО-ЦИ"), ("ЧОУ ШЕ-ЛЯН", "ЧЖОУ ЭНЬ-ЛАЙ"),
                 ("ДУИ СИ-У", "ДУН БИ-У"), ("ЧЕНЬ ШИ", "ЧЕНЬ ЮНЬ"), ("ЧОУ ЦО", "БО И-БО")]


@pytest.mark.parametrize("garbled, name", LAST_SENTENCE)
def test_names_of_the_last_sentence_are_proposed_for_review(correction, garbled, name):
    sentence_start = correction.original.index("в присутствии товарищей")
    start = correction.original.index(garbled, sentence_start)
    end = start + len(garbled)
    proposals = [p for p in correction.proposals if p.start < end and start < p.end]
    assert len(proposals) == 1
    proposal = proposals[0]
    assert proposal.bin == "review"
    rebuilt = correction.original[start:proposal.start] + proposal.replacement + correction.original[proposal.end:end]
    assert rebuilt == name
    assert "from the translation" in proposal.explanation


@pytest.mark.parametrize("garbled", ["ЦВР-ДВН", "МАС ЦУ"])
def test_unclear_names_are_flagged_with_candidates(correction, garbled):
    start = correction.original.index(garbled, correction.original.index("№ 94"))
    proposal = next(p for p in correction.proposals if p.start <= start < p.end)
    assert proposal.bin in ("review", "flag")
    assert proposal.replacement or proposal.alternatives


def test_word_split_by_a_page_break_gets_the_joined_word(correction):
    start = correction.original.index("гентств")
    proposal = next(p for p in correction.proposals if p.start == start)
    assert proposal.replacement == "агентств"


def test_a_name_fix_is_explained_with_the_person_it_is_about(correction):
    [fix] = [p for p in correction.proposals if p.original == "СКИОМ"]
    assert fix.replacement == "СЕНОМ" and "Ким Ир Сен" in fix.explanation
    assert "Ким Кю Сик" not in fix.explanation  # what СКИОМ resembles at first sight is another person
    assert "instrumental" in fix.explanation and "ablt" not in fix.explanation
