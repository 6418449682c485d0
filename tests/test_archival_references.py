"""Archival references and editorial apparatus of published documents (issue 13).

Collections print a source line under each document (`АП РФ. Ф. 45. Оп. 1. Д. 330. Л. 95–96`) and
editorial marks (`Печ. по:`, `[...]`, `Копия`, `Сов. секретно`). They are recognised, never taken for
errors; a piece of a reference misread is corrected only inside a reference the pattern recognises,
where its place leaves one reading (`бы.` after `Ф. 45.` and before `1. Д.` can only be `Оп.`).
"""

import pytest

from ocr_fix.api import check_text, correct_text

LEFT_ALONE = [
    "АП РФ. Ф. 45. Оп. 1. Д. 330. Л. 95–96.",
    # an inventory number with a letter is a number, not a misread word (`23а` is no `за`)
    "АВП РФ. Ф. 07. Оп. 23а. П. 18. Д. 235. Л. 3.",
    "РГАСПИ. Ф. 558. Оп. 11. Д. 334. Л. 12–14 об.",
    "АВП РФ. Ф. 0100. Оп. 43. П. 302. Д. 8. Л. 12–14 об.",
    # the style of notes and monographs
    "АВП РФ, ф. 07, оп. 23а, п. 18, д. 235, л. 3.",
    "Печ. по: Ледовский А.М. СССР и Сталин в судьбах Китая. М., 1999. С. 95.",
    "Копия. Сов. секретно. [...] Строго секретно.",
    # `бы` outside a reference is the particle
    "Он сказал бы. 1 мая делегация прибыла.",
]


@pytest.mark.parametrize("text", LEFT_ALONE)
def test_reference_and_apparatus_left_alone(text):
    assert correct_text(text).text == text
    assert [f.text for f in check_text(text).findings] == []


@pytest.mark.parametrize("text, expected", [
    ("АП РФ. Ф. 45. бы. 1. Д. 330. Л. 95–96.", "АП РФ. Ф. 45. Оп. 1. Д. 330. Л. 95–96."),
    ("АВП РФ. Ф. 07. бы. 23а. П. 18. Д. 235. Л. 3.", "АВП РФ. Ф. 07. Оп. 23а. П. 18. Д. 235. Л. 3."),
    ("АВП РФ, ф. 07, бы. 23а, п. 18, д. 235, л. 3.", "АВП РФ, ф. 07, оп. 23а, п. 18, д. 235, л. 3."),
    ("АП Р®. Ф. 45. Оп. 1. Д. 330. Л. 95–96.", "АП РФ. Ф. 45. Оп. 1. Д. 330. Л. 95–96."),
    ("АВП Р®. Ф. 07. Оп. 23. П. 18. Д. 235.", "АВП РФ. Ф. 07. Оп. 23. П. 18. Д. 235."),
])
def test_misread_piece_of_a_reference_is_corrected(text, expected):
    assert correct_text(text).text == expected
