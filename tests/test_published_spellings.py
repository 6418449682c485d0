"""What published documents contain (issue 13): modern spellings of names beside the period ones.

Collections and websites that publish documents of 1945-1955 write names as today's Russian
reference works do (`Мао Цзэдун`, `Чжоу Эньлай`, `Чан Кайши`, `Паньмыньчжон`); the documents
themselves wrote `Мао Цзэ-дун`, `Чжоу Энь-лай`, `Чан Кай-ши`. Both are right: `fix` keeps whichever
the document uses, and a garbled form goes back to the spelling the document itself uses.
"""

import pytest

from ocr_fix.api import check_text, correct_text

MODERN = [
    "Мао Цзэдун встретился с Чжоу Эньлаем и Ким Ир Сеном.",
    "Армия Гоминьдана отступила, Чан Кайши бежал на Тайвань.",
    "Телеграмма Мао Цзэдуна была передана Чжоу Эньлаю.",
]

PERIOD = [
    "Мао Цзэ-дун встретился с Чжоу Энь-лаем и Ким Ир Сеном.",
    "Армия Гоминьдана отступила, Чан Кай-ши бежал на Тайвань.",
    "Телеграмма Мао Цзэ-дуна была передана Чжоу Энь-лаю.",
]


@pytest.mark.parametrize("text", MODERN + PERIOD)
def test_either_spelling_is_left_alone(text):
    assert correct_text(text).text == text
    names = [f for f in check_text(text).findings if f.text[:1].isupper()]
    assert names == []


def test_modern_spelling_of_panmunjom_is_left_alone():
    text = "Переговоры в Паньмыньчжоне возобновились."
    assert correct_text(text).text == text
    assert check_text(text).findings == []


def test_a_hyphen_is_never_removed_by_fix_alone():
    # publications write `Паньмынь-чжон` too: the hyphen the OCR read is printed, so a person decides
    text = "Переговоры в Паньмынь-чжоне возобновились."
    result = correct_text(text)
    assert result.text == text
    assert [p.bin for p in result.proposals if p.changes_text] == ["review"]
    assert "only a hyphen would be removed" in result.proposals[0].explanation


@pytest.mark.parametrize("text, expected", [
    # a garbled modern spelling goes back to the modern one the document uses elsewhere
    ("Чжоу Эньлай прибыл в Москву. Беседа с Чжоу Эньлзем продолжалась.",
     "Чжоу Эньлай прибыл в Москву. Беседа с Чжоу Эньлаем продолжалась."),
    ("Мао Цзэдун прибыл в Москву. Беседа с Мао Цзздуном продолжалась.",
     "Мао Цзэдун прибыл в Москву. Беседа с Мао Цзэдуном продолжалась."),
    # and a garbled period spelling to the period one
    ("Чжоу Энь-лай прибыл в Москву. Беседа с Чжоу Энь-лзем продолжалась.",
     "Чжоу Энь-лай прибыл в Москву. Беседа с Чжоу Энь-лаем продолжалась."),
    # a garble that lost its hyphen too is as close to the modern spelling: the document decides
    ("Мао Цзэ-дун прибыл в Москву. Беседа с Мао Цзздуном продолжалась.",
     "Мао Цзэ-дун прибыл в Москву. Беседа с Мао Цзэ-дуном продолжалась."),
    ("Мао Цзэ-дун сказал. Мао Цзздун ответил.", "Мао Цзэ-дун сказал. Мао Цзэ-дун ответил."),
])
def test_garbled_name_goes_back_to_the_documents_spelling(text, expected):
    assert correct_text(text).text == expected
