from ocr_fix.scripts import Script, cyrillic_lookalike, is_roman_numeral, russian_lines, script_of
from ocr_fix.tokens import tokenize


def test_script_of():
    assert script_of("Корея") is Script.CYRILLIC
    assert script_of("Korea") is Script.LATIN
    assert script_of("Кoрея") is Script.MIXED  # Latin o
    assert script_of("1949") is Script.OTHER


def test_roman_numerals():
    assert is_roman_numeral("IV") and is_roman_numeral("XIX") and is_roman_numeral("V")
    assert not is_roman_numeral("iv") and not is_roman_numeral("IIII") and not is_roman_numeral("CCCP")


def test_lookalike():
    assert cyrillic_lookalike("CCCP") == "СССР"
    assert cyrillic_lookalike("Zhou") is None  # Z has no Cyrillic twin


def test_russian_lines():
    text = "Kim Il arrived.\nТов. КИМ ИР прибыл.\nIV часть ОС ЦК\nCCCP\nМосква\n[*informbyuro*]"
    lines = russian_lines(text, tokenize(text))
    assert lines == [False, True, True, True, True, False]
