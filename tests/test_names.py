from ocr_fix.lexicon.location import lexicon_dir
from ocr_fix.lexicon.name_forms import east_asian_forms, russian_forms
from ocr_fix.lexicon.palladius import load_palladius, period_variants
from ocr_fix.names.korean import is_korean_syllable
from ocr_fix.names.translation import chinese_name_from_pinyin, read_mentions
from ocr_fix.session import resources

PALLADIUS = load_palladius(str(lexicon_dir() / "palladius.tsv"))


def test_period_variants_of_syllables():
    assert period_variants("цзэ") == {"цзэ", "цзе"}
    assert {"чэнь", "чень", "чэн", "чен"} <= period_variants("чэнь")
    assert "пын" in period_variants("пэн")
    assert period_variants("энь") >= {"энь", "эн"}  # an initial э stays э


def test_palladius_split_and_validation():
    assert PALLADIUS.split("цзэдун") == ["цзэ", "дун"]
    assert PALLADIUS.is_name_part("ЦЗЕ-ДУН") and PALLADIUS.is_name_part("ЧЖОУ")
    assert not PALLADIUS.is_name_part("ЦВР-ДВН")
    assert not PALLADIUS.is_name_part("МАС")


def test_korean_syllables():
    for part in ("КИМ", "ИР", "СЕН", "ПАК", "ХЕН", "ЕН", "ЦОЙ", "ГЕН", "ДУ", "БОН"):
        assert is_korean_syllable(part), part
    for part in ("СКИОМ", "ВКП", "СТРА"):
        assert not is_korean_syllable(part), part


def test_east_asian_case_forms():
    assert east_asian_forms("сен") == {"сен", "сена", "сену", "сеном", "сене"}
    assert "энь-лаем" in east_asian_forms("энь-лай")
    assert "чунем" in east_asian_forms("чунь")
    assert east_asian_forms("дэ") == {"дэ"}  # names ending in a vowel do not decline


def test_russian_forms_from_the_dictionary_and_its_guesser():
    assert {"ковалева", "ковалеву", "ковалевым"} <= russian_forms("ковалев")
    assert "мукдене" in russian_forms("мукден")


def test_pinyin_to_palladius():
    assert chinese_name_from_pinyin("Liu Shaoqi", PALLADIUS) == "Лю Шао-ци"
    assert chinese_name_from_pinyin("Zhou Enlai", PALLADIUS) == "Чжоу Энь-лай"
    assert chinese_name_from_pinyin("Washington", PALLADIUS) is None


def test_mentions_of_a_translation_keep_list_order():
    text = "in the presence of Cdes. Zhu De, Liu Shaoqi, Zhou Enlai, Dong Biwu, Chen Yun, and Bo Yibo.\n" \
           "on the Yalu River we suggested that Cde. Kim Il go to Shenyang"
    mentions = read_mentions(text, resources().lexicons)
    names = [m.names[0].text for m in mentions]
    assert names[:6] == ["Чжу Дэ", "Лю Шао-ци", "Чжоу Энь-лай", "Дун Би-у", "Чэнь Юнь", "Бо И-бо"]
    assert [m.position for m in mentions[:6]] == [0, 1, 2, 3, 4, 5]
    assert len({m.group for m in mentions[:6]}) == 1
    assert "Ялуцзян" in [n.text for m in mentions for n in m.names]
    assert "Мукден" in [n.text for m in mentions for n in m.names]


def test_a_modern_spelling_or_a_period_variant_names_the_standard_entrys_person():
    from ocr_fix.session import resources

    names = {n.text: n for n in resources().lookup.lexicons.names}
    assert names["Мао Цзэдун"].person == "Мао Цзэ-дун"
    assert names["Мао Цзе-дун"].person == "Мао Цзэ-дун"
    assert names["Мао Цзэ-дун"].person == "Мао Цзэ-дун"
