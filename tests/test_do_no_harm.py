"""Do no harm (issue 13): what `fix` must leave alone, and what it must still correct.

Must-not-change cases are correct sentences of the kind published documents of the period contain:
rare constructions the grammar checks misread, names the lexicons lack, the publication's own
run-together spellings. A correct word changed automatically costs a reader more than many missed
errors, so such a word goes to review unless the evidence is strong. Known failures are marked as
expected failures rather than left out.
"""

import pytest

from ocr_fix.api import correct_text

MUST_NOT_CHANGE = [
    # a predicate instrumental with its object in the accusative
    "Правительство считает целесообразным продление переговоров о торговле.",
    # a participle phrase after a comma, agreeing with the noun before the comma
    "Поставки производятся по ценам, согласованным представителями обеих сторон.",
    # a participle with its object, not a noun phrase
    "Были обсуждены вопросы, представляющие интерес для обеих стран.",
    # a relative pronoun before the subject of its clause
    "Вопросы, на которые товарищ Молотов дал ответы, касались торговли.",
    # `ни то, ни другое` with a noun in the genitive
    "Ни то, ни другое правительства не имеют намерения воевать.",
    # a nominative noun phrase with a possessive
    "Его освободительная армия, несмотря на трудности, продолжает наступление.",
    # the addressee of a telegram in the dative, in a header line
    "Пхеньян Штыкову для товарища Ким Ир Сена",
]

NAMES = [
    # a syllable of a Korean name the lexicons lack, inside a sentence
    "В Пекине состоялась встреча Мао Цзэ-дуна с Ли Зу Еном.",
    "Посол Ли Зу Ен сообщил о беседе.",
    # a place name the lexicons lack, and an adjective of it in small letters
    "Делегация прибыла в Онджин. Жители онджинского уезда встретили ее.",
]

RUN_TOGETHER = [
    # the publication's own spelling of a compound, which the OCR did not split
    "Переговоры о военноморской базе продолжались.",
    "На приеме присутствовал вицепрезидент Академии наук.",
]


@pytest.mark.parametrize("text", MUST_NOT_CHANGE + NAMES + RUN_TOGETHER)
def test_correct_text_is_left_alone(text):
    assert correct_text(text).text == text


@pytest.mark.parametrize("text", NAMES + RUN_TOGETHER)
def test_names_and_compounds_go_to_review_at_most(text):
    assert all(p.bin != "auto" for p in correct_text(text).proposals if p.changes_text)


@pytest.mark.parametrize("text", ["Совещание трех министров дало положительный результат.",
                                  "Правительство до сих пор не дало ответа на наше предложение."])
def test_a_neuter_past_verb_far_from_its_subject_is_left_alone(text):
    assert correct_text(text).text == text


@pytest.mark.parametrize("text", ["Направляю при сем отчет о работе комиссии.",
                                  "Это решение дало хорошие результаты."])
def test_a_common_word_near_a_more_frequent_one_is_left_alone(text):
    assert correct_text(text).text == text


@pytest.mark.parametrize("text, fixed", [
    ("Он сказал, тах как вопрос решен.", "Он сказал, так как вопрос решен."),
])
def test_a_rare_form_near_a_frequent_one_is_still_fixed(text, fixed):
    assert correct_text(text).text == fixed


def test_a_grammar_change_of_a_real_word_is_proposed_for_review():
    result = correct_text("Были обсуждены вопросы, представляющие интерес для обеих стран.")
    proposal = next((p for p in result.proposals if p.original == "интерес"), None)
    assert proposal is None or proposal.bin != "auto"


@pytest.mark.parametrize("text, fixed", [
    ("В районе японских войскак нет.", "В районе японских войск нет."),
    ("Посол сообщил, что стороиа готова обсудить вопрос.", "Посол сообщил, что сторона готова обсудить вопрос."),
    ("Посол сообщил, что правительство считает необходимым урегупировать вопросы.",
     "Посол сообщил, что правительство считает необходимым урегулировать вопросы."),
])
def test_misreadings_are_still_fixed(text, fixed):
    assert correct_text(text).text == fixed


def test_a_tie_between_two_readings_is_not_applied():
    # `0бе`: `обе` (a digit for a letter) and `об` (that, and a letter lost) come out nearly equally
    # likely; applying either is a coin toss
    result = correct_text("Статья 1.\n\n0бе Договаривающиеся Стороны в соответствии с договором согласились.")
    assert "об договаривающиеся" not in result.text.lower()


def test_a_stray_mark_between_two_words_becomes_a_space():
    # the OCR read a speck for the space after `о`: dropping `о` with the mark would lose a word
    text = "Он выразил желание о’развертывании более широкой торговли."
    assert correct_text(text).text == text.replace("о’развертывании", "о развертывании")


@pytest.mark.xfail(reason="a misread ending that only the grammar checks see is proposed for review, not fixed: "
                          "agreement alone is no longer evidence enough for `fix` (issue 13)", strict=True)
@pytest.mark.parametrize("text, fixed", [
    ("Переговоры велись в дружественной обстановка.", "Переговоры велись в дружественной обстановке."),
    ("Мы передали зерно советских организациям.", "Мы передали зерно советским организациям."),
])
def test_a_misread_ending_seen_only_by_grammar_is_fixed(text, fixed):
    assert correct_text(text).text == fixed


@pytest.mark.parametrize("text, original, why", [
    ("Правительство СССР считает целесообразным продление переговоров.", "продление",
     "a real word, and agreement alone is no evidence that it was misread"),
    ("Совещание трех министров дало свое согласие.", "дало",
     "a common word, and likelihood alone is no evidence that it was misread"),
    ("Вчера прибыл тов. Ли Зу Ен из Пхеньяна.", "Зу", "a short capitalised word inside a sentence may be a syllable"),
])
def test_a_reading_left_for_a_person_says_why(text, original, why):
    # the score says how likely the reading is if the word was misread; the explanation says why the
    # change is still not made automatically, so a high score beside `review` reads right
    proposals = [p for p in correct_text(text).proposals if p.original == original]
    assert proposals
    for p in proposals:
        assert p.bin != "auto" and f"left for a person: {why}" in p.explanation


# The prepositions `О` and `Об` read as the digits `0` and `06` (issue 13, clean copies): the reading
# is applied only where the word after it can be in the prepositional case and the form of the
# preposition fits the sound after it (`об` before a vowel, `о` before a consonant); written with a
# capital where a sentence, a numbered point or a paragraph opens, in capitals among capitals.
@pytest.mark.parametrize("text, fixed", [
    ("Товарищ Иванов сообщил 0 переговорах с делегацией.", "Товарищ Иванов сообщил о переговорах с делегацией."),
    ("Он доложил 06 итогах совещания.", "Он доложил об итогах совещания."),
    ("Положение остается напряженным. 06 этом говорят факты.", "Положение остается напряженным. Об этом говорят факты."),
    ("Повестка дня.\n\n2. — 06 отправке делегации в Москву.", "Повестка дня.\n\n2. — Об отправке делегации в Москву."),
    ("Повестка дня.\n\n1. 0 торговле с соседними странами.", "Повестка дня.\n\n1. О торговле с соседними странами."),
    ("ДОКЛАД 0 ПОЕЗДКЕ В МОСКВУ", "ДОКЛАД О ПОЕЗДКЕ В МОСКВУ"),
])
def test_a_preposition_read_as_digits_is_fixed(text, fixed):
    assert correct_text(text).text == fixed


@pytest.mark.parametrize("text", [
    "Поезд отправился в 06 часов утра.",
    "Температура воздуха упала до 0 градусов.",
    "Сводка от 12.06 этого года получена.",
    "Сдано 06 столе.",  # `об` cannot stand before a consonant: a person decides
])
def test_digits_that_are_not_a_preposition_are_left_alone(text):
    assert correct_text(text).text == text


# A paragraph opening with a small letter after a sentence a word finished (issue
# 13, clean copies): capitalised by `fix`. Where what ends before it may not be a sentence (a
# bracket closing page furniture, a period standing apart, a number, a numbered point), or where the
# paragraph is an address line, a person decides.
@pytest.mark.parametrize("text, fixed", [
    ("Ответ получен.\n\nсогласны с предложением товарищей.", "Ответ получен.\n\nСогласны с предложением товарищей."),
    ("Заседание закрыто!\n\nпрошу ускорить отправку.", "Заседание закрыто!\n\nПрошу ускорить отправку."),
    ("Телеграмму (№ 12) получили.\n\nпринять предложение.", "Телеграмму (№ 12) получили.\n\nПринять предложение."),
])
def test_a_paragraph_opening_small_after_a_finished_sentence_is_capitalised(text, fixed):
    assert correct_text(text).text == fixed


@pytest.mark.parametrize("text", [
    "Конец страницы.\n(см. след. лист)\n\nпродолжение шифровки следует.",
    "Рассмотреть вопрос об .\n\nопубликовании декларации.",
    "Справка от 18.\n\nмая 1949 года получена.",
    "Отчет составлен.\n\n28. ноября 1949 г.",  # a numbered point, or a date with a speck after the day
    "Маршалу Советского Союза.\n\nтоварищу ВАСИЛЕВСКОМУ А.М.",  # an address line, written either way
])
def test_a_small_letter_after_what_may_not_end_a_sentence_is_not_capitalised(text):
    # the paragraph after the break is kept as it is (a dot standing apart at the end of the line before
    # it, `об .`, is a speck the noise rule drops)
    corrected = correct_text(text).text
    assert corrected.split("\n\n")[1] == text.split("\n\n")[1]
    assert corrected.replace(" .\n", "\n") == text.replace(" .\n", "\n")


# Specks read as marks a typewriter page does not have (issue 13, clean copies): a quote mark stuck
# to one end of a word, or a bar, backquote or quote standing alone between words, is dropped; `©`
# standing alone before a word in the prepositional case is the preposition `о`. Quote marks that
# pair up around words are quotation, and stay.
@pytest.mark.parametrize("text, fixed", [
    ("Он сказал, что ‘военные силы отведены.", "Он сказал, что военные силы отведены."),
    ("Вопрос надо решить и дать’ ответ.", "Вопрос надо решить и дать ответ."),
    ("Решение | принято единогласно.", "Решение принято единогласно."),
    ("Речь шла ` о торговле.", "Речь шла о торговле."),
    ("Договор © дружбе подписан.", "Договор о дружбе подписан."),
])
def test_a_speck_read_as_a_mark_is_dropped(text, fixed):
    assert correct_text(text).text == fixed


@pytest.mark.parametrize("text", [
    "Газета писала: ‘Мир победит’, и это верно.",
    "Книга © 1950 издана в Москве.",
])
def test_marks_that_may_be_meant_are_left_alone(text):
    assert correct_text(text).text == text


# A period stuck to an adjective that agrees with the noun after it, in small letters (issue 13, clean
# copies: `японской. агрессии`): a speck inside a noun phrase, dropped. Abbreviations of adjectives
# (`нем.`, `кит.`, `гос.`), and a period before a word that does not agree, stay.
@pytest.mark.parametrize("text, fixed", [
    ("Переговоры шли об экономической. помощи стране.", "Переговоры шли об экономической помощи стране."),
    ("Это создает основу для дальнейшего. сотрудничества двух стран.",
     "Это создает основу для дальнейшего сотрудничества двух стран."),
])
def test_a_period_inside_a_noun_phrase_is_dropped(text, fixed):
    assert correct_text(text).text == fixed


@pytest.mark.parametrize("text", [
    "Отряды нем. войск отступили к реке.",
    "Работы гос. предприятия закончены.",
    "Вопрос о положении войск решен. переговоры продолжаются.",
])
def test_a_period_that_may_be_meant_is_left(text):
    assert correct_text(text).text == text


# A lone `м` between two words, neither a number before it (`5 м`) nor a dot after it (`м.`), is the
# conjunction `и` misread (issue 13, clean copies).
@pytest.mark.parametrize("text, fixed", [
    ("Вопрос о Порт-Артуре м о порте Дальнем.", "Вопрос о Порт-Артуре и о порте Дальнем."),
    ("Договор между Союзом м Китайской Республикой подписан.", "Договор между Союзом и Китайской Республикой подписан."),
])
def test_a_lone_m_between_words_is_the_conjunction(text, fixed):
    assert correct_text(text).text == fixed


@pytest.mark.parametrize("text", [
    "Длина моста 5 м и ширина 2 м.",
    "Подпись: Иванов М. Петров.",
])
def test_a_lone_m_that_may_be_meant_is_left(text):
    assert correct_text(text).text == text


# A conjunction or preposition written with a capital right after a comma, inside a sentence (issue
# 13, clean copies: `Мы считаем, Что`): a misread small letter, lowered. After a full stop, as an
# initial (`И.`) or as a name, it stays.
@pytest.mark.parametrize("text, fixed", [
    ("Мы считаем, Что подобный шаг необходим.", "Мы считаем, что подобный шаг необходим."),
    ("Посол отмечает, ЧТО в целом проект приемлем.", "Посол отмечает, что в целом проект приемлем."),
    ("Он сказал, Если ответа не будет, вопрос снимается.", "Он сказал, если ответа не будет, вопрос снимается."),
])
def test_a_conjunction_capitalised_after_a_comma_is_lowered(text, fixed):
    assert correct_text(text).text == fixed


@pytest.mark.parametrize("text", [
    "Вопрос решен. Что касается торговли, она растет.",
    "Присутствовали: Молотов, Как Ен Ир, Ким Ир Сен.",
    "СООБЩАЕМ, ЧТО ДЕЛЕГАЦИЯ ПРИБЫЛА.",
])
def test_a_capitalised_conjunction_that_may_be_meant_is_left(text):
    assert correct_text(text).text == text


# A paragraph opening with a small-letter full word and a dot (`ответ. Разумеется`) after a finished
# sentence is capitalised too; an abbreviation there (`тов.`, `см.`) stays.
@pytest.mark.parametrize("text, fixed", [
    ("Каково ваше мнение?\n\nответ. Разумеется, возможно.", "Каково ваше мнение?\n\nОтвет. Разумеется, возможно."),
])
def test_a_paragraph_opening_with_a_small_word_and_a_dot_is_capitalised(text, fixed):
    assert correct_text(text).text == fixed


@pytest.mark.parametrize("text", [
    "Разослано.\n\nтов. Сталину, тов. Молотову.",
    "Текст прилагается.\n\nсм. приложение.",
])
def test_an_abbreviation_opening_a_paragraph_is_left(text):
    assert correct_text(text).text == text


def test_a_digit_read_for_a_letter_changes_only_the_digit():
    # `ГУЙ-Б0`: the zero is a letter О; the rest of the name is as written, whatever name is nearer
    text = "По сообщению ЛО ГУЙ-Б0, части заняли город."
    result = correct_text(text)
    assert "ГУН-БО" not in result.text
    changed = [p for p in result.proposals if p.original == "ГУЙ-Б0" and p.changes_text]
    assert all(p.bin != "auto" or p.replacement == "ГУЙ-БО" for p in changed)


def test_a_name_spelled_with_one_letter_of_a_pair_is_the_documents_spelling():
    # the lexicons write САЙФУДДИН; a document that writes СЕЙФУДИН spells the name so
    text = "Присутствовал заместитель председателя СЕЙФУДИН.\n\nСЕЙФУДИН сообщил, что институт открывается."
    result = correct_text(text)
    assert result.text == text
    assert all(p.bin != "auto" for p in result.proposals if p.original == "СЕЙФУДИН")


def test_a_rare_word_whose_stem_the_document_writes_elsewhere_stays():
    # `олова` is one misreading from the far more frequent `слова`, but the document speaks of tin
    text = ("Китай готов поставить вольфрамовый и оловянный концентрат.\n"
            "В текущем году поставки олова отстают от графика.")
    result = correct_text(text)
    assert result.text == text
    held = [p for p in result.proposals if p.original == "олова" and p.changes_text]
    assert all("stem elsewhere" in p.explanation for p in held)
