"""Numbers of published documents misread (issue 13): a year that cannot be, a stray mark inside a
number, the sign `№` read as a letter.

A year no document of the period can bear (`3949`) is flagged, and corrected only when the years the
document writes elsewhere leave one reading; an unlikely one (`1350` beside `1950`) may be a real
date of history (`Нерчинский договор 1689 года`), so a person decides. A number with a stray mark
(`1:4 мая`) and a misread `№` are left for a person with their reading.
"""

import pytest

from ocr_fix.api import check_text, correct_text
from ocr_fix.proposal import AUTO, REVIEW


def proposals(text, rule):
    return [(p.original, p.replacement, p.bin) for p in correct_text(text).proposals if p.rule == rule]


def test_impossible_year_corrected_from_the_documents_years():
    text = "Москва, 14 мая 1949 г.\nВ апреле 3949 года делегация прибыла в Пекин."
    assert correct_text(text).text == "Москва, 14 мая 1949 г.\nВ апреле 1949 года делегация прибыла в Пекин."


def test_impossible_year_flagged_when_the_document_leaves_two_readings():
    text = "В 1949 и 1950 годах. В апреле 3940 года делегация прибыла."  # no year of the document ends in 940
    assert correct_text(text).text == text
    assert [(f.text, f.rule) for f in check_text(text).findings] == [("3940", "impossible-year")]


def test_impossible_year_corrected_only_where_the_first_digit_alone_differs():
    text = "Договоры 1945 года и 1946 года. В 3946 году и в 3945 году."
    assert correct_text(text).text == "Договоры 1945 года и 1946 года. В 1946 году и в 1945 году."
    text = "Договоры 1945 и 1955 годов. В 3950 году."
    assert correct_text(text).text == text
    assert ("3950", "impossible-year") in [(f.text, f.rule) for f in check_text(text).findings]


def test_unlikely_year_goes_to_review():
    text = "Соглашение 1950 года. В 1350 году стороны подписали договор."
    assert correct_text(text).text == text
    assert proposals(text, "impossible-year") == [("1350", "1950", REVIEW)]


@pytest.mark.parametrize("text", [
    # a date of history in a document of the period
    "Нерчинский договор 1689 года был заключен задолго до договора 1950 года.",
    "Договор 1950 года. Порт-Артур был занят в 1898 году.",
    # a year alone, a count that is no year, a publication year
    "Поставлено 3949 тонн угля в 1949 году.",
    "Печ. по: Ледовский А.М. СССР и Сталин в судьбах Китая. М., 1999. С. 95.",
    # a ratio and a time are no stray marks
    "Смешать в соотношении 1:4 и отправить в 10:30 утра 5 мая.",
    # a letter before a number that is a word
    "Телеграмма № 54611 получена. И 54612 тоже.",
    "Приказ № 12 и телеграмма N 13 получены.",
])
def test_numbers_left_alone(text):
    assert correct_text(text).text == text
    assert [f for f in check_text(text).findings if f.rule in ("impossible-year", "number-stray-mark", "number-sign")] == []


def test_stray_mark_in_a_day_goes_to_review():
    text = "Телеграмма от 1:4 мая 1949 г. получена."
    assert correct_text(text).text == text
    assert proposals(text, "number-stray-mark") == [("1:4", "14", REVIEW)]


def test_stray_mark_in_a_year_goes_to_review():
    text = "В 1950 году и в 1951 году, а также в 1:950 году."
    assert proposals(text, "number-stray-mark") == [("1:950", "1950", REVIEW)]


def test_misread_number_sign_goes_to_review():
    text = "Шифртелеграмма Ж 54611. Шифртелеграмма № 54612."
    assert correct_text(text).text == text
    assert proposals(text, "number-sign") == [("Ж", "№", REVIEW)]
