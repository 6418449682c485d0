"""Golden cases for each detection rule: lines it must flag and lines it must leave alone."""

import pytest

from ocr_fix.api import check_text


def flagged(text, rule=None):
    return [(f.text, f.rule) for f in check_text(text).findings
            if f.kind != "furniture" and (rule is None or f.rule == rule)]


@pytest.mark.parametrize("rule, text, expected", [
    ("unknown-word", "при помощи которых обиспываться мыслями", "обиспываться"),
    ("mixed-script", "прибыл в Кoрею вчера", "Кoрею"),
    ("latin-lookalike", "Правительство CCCP сообщило", "CCCP"),
    ("digit-in-word", "Экз. и2 получен", "и2"),
    ("digit-in-word", "- 2) 0 создании информбюро", "0"),
    ("letter-spaced", "Товарищу Ф И Л И П П О В У", "Ф И Л И П П О В У"),
    ("stray-letter", "офицерскими кадрами ш оружием", "ш"),
    ("letter-case", "Вооруженных Сил СССр", "СССр"),
    ("name-near-miss", "Конечно, добавил тов. МАС ЦЗЭ-ДУИ, все шаги", "МАС ЦЗЭ-ДУИ"),
    ("name-syllables", "исходя из опыта ЦВР-ДВН, такая помощь", "ЦВР-ДВН"),
    ("abbreviation-near-miss", "советник посольства СССР в КИР по делам", "КИР"),
    ("unlikely-word", "оказать не сможем, тах как все силы", "тах"),
    ("grammar-mismatch", "принять меры и договориться по этими вопросам", "этими"),
    ("noise", "Сиам, Индокитай © и Корея", "©"),
    ("archival-reference", "АП РФ. Ф. 45. бы. 1. Д. 330. Л. 95–96.", "бы"),
])
def test_rule_flags(rule, text, expected):
    assert (expected, rule) in flagged(text, rule)


@pytest.mark.parametrize("text", [
    "Из Северной Кореи прибыл начальник политуправления корейской армии тов. КИМ ИР.",
    "Тов. МАО ЦЗЕ-ДУН сказал, что он считает, что вопрос о создании информбюро еще не созрел.",
    "Она принимала активное участие в боях с гоминдановскими войсками в Маньчжурии.",
    "выехать в Мукден и договориться по этим вопросам с тов. ГАО ГАНОМ.",
    "IV часть ОС ЦК ВКП (б)",
    "Эк. № 15621 от 18/V 1949 г.",
    "МАКАРТУР может быстро перебросить японские части",
    "77 - КОВАЛЕВ, 13.5",
    "т.п. Чередикина",
    "Из 12-ти стран, 38-й параллели, самолеты Ту-2 и Ил-28",
    "в присутствии товарищей ЧЖУ ДЭ, ЛЮ ШАО-ЦИ, ЧЖОУ ЭНЬ-ЛАЙ, ДУН БИ-У, ЧЭНЬ ЮНЬ и БО И-БО.",
    "Посол КИМ ИР СЕН и министр ПАК ХЕН ЕН прибыли в Пхеньян.",
    "две корейских дивизии",
])
def test_correct_text_is_not_flagged(text):
    assert flagged(text) == []


def test_english_is_never_checked():
    text = "Cde. Mao Zedong said that the Informbyuro [*informbyuro*] is premature.\nTov. CCCP"
    assert flagged(text) == []


def test_page_furniture_is_reported_not_flagged():
    findings = check_text("взаимных телеграфных (см. сл. лист)\n\nпродолжение ШИФРОВКИ № 54611\n").findings
    assert [f.kind for f in findings] == ["furniture", "furniture"]
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
