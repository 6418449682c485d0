"""The case forms of a name's last word, so that `КИМ ИР СЕНОМ` and `ЧЖОУ ЭНЬ-ЛАЕМ` are recognised.

Chinese and Korean names decline only in their last part, with the endings of Russian masculine
nouns (-а, -у, -ом/-ем, -е); names ending in a vowel do not decline. Russian and other European
surnames and place names take their forms from the morphological dictionary, or from its
guesser for names the dictionary lacks.
"""

from __future__ import annotations

from ocr_fix.language.morphology import NAME_GRAMMEMES, analyzer

_SIBILANTS = "жшчщц"


def east_asian_forms(last: str) -> set[str]:
    """Case forms of the last part of a Chinese or Korean name (lower case)."""
    last = last.lower()
    forms = {last}
    tail = last.split("-")[-1]
    head = last[: len(last) - len(tail)]
    if not tail or tail[-1] in "аеиоуыэюя":
        return forms
    if tail.endswith("й"):
        stem = tail[:-1]
        endings = ["я", "ю", "ем", "е"]
    elif tail.endswith("ь"):
        stem = tail[:-1]
        endings = ["я", "ю", "ем", "е"]
    else:
        stem = tail
        endings = ["а", "у", "ем" if tail[-1] in _SIBILANTS else "ом", "е"]
    forms |= {head + stem + ending for ending in endings}
    return forms


def russian_forms(word: str) -> set[str]:
    """Forms of a surname or place name by the dictionary (or its guesser), lower case."""
    word = word.lower().replace("ё", "е")
    forms = {word}
    parses = analyzer().parse(word)
    chosen = None
    for parse in parses:
        if parse.tag.POS == "NOUN" and NAME_GRAMMEMES & parse.tag.grammemes and parse.normal_form.replace("ё", "е") == word:
            chosen = parse
            break
    if chosen is None:
        for parse in parses:
            if parse.tag.POS in ("NOUN", "ADJF") and parse.normal_form.replace("ё", "е") == word:
                chosen = parse
                break
    if chosen is None:
        return forms
    number = "sing" if "Sgtm" not in chosen.tag.grammemes else None
    for form in chosen.lexeme:
        if number and "plur" in form.tag.grammemes and chosen.tag.POS == "NOUN":
            continue
        forms.add(form.word.replace("ё", "е"))
    if chosen.tag.POS == "NOUN" and word[-1] in _HARD_CONSONANTS and word + "а" not in forms:
        # the dictionary (and its guesser) decline some foreign names like a Russian word with a fleeting
        # vowel (`Кэсон` as `сон`: `Кэсна`); documents keep the vowel (`в Кэсоне`)
        forms.update(word + ending for ending in ("а", "у", "ом", "е"))
    return forms


_HARD_CONSONANTS = frozenset("бвгдзклмнпрстфхжшц")
