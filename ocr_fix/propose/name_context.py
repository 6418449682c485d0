"""What the text around a garbled name says of it: the whole run of capitalised words it belongs to,
the case the words before it ask for, its place in an enumeration of names, the kind of place named."""

from __future__ import annotations

import regex

from ocr_fix.detect.names import TITLE_WORD
from ocr_fix.document import Document
from ocr_fix.language.normalize import fold
from ocr_fix.lexicon.store import Name
from ocr_fix.tokens import Kind

_CAPITAL_TOKEN = regex.compile(r"[\p{Lu}\p{M}]+(?:-[\p{Lu}\p{M}]+)*")
_CASE_AFTER = {
    "с": "ablt", "со": "ablt", "к": "datv", "ко": "datv", "у": "gent", "от": "gent", "до": "gent",
    "для": "gent", "из": "gent", "без": "gent", "около": "gent", "о": "loct", "об": "loct", "при": "loct",
}
_CASE_OF_TITLE = {"товарищу": "datv", "товарищем": "ablt", "товарища": "gent"}


def name_run(doc: Document, first: int, last: int) -> list[int]:
    """The capitalised words around a finding: the whole name the finding is part of."""
    def capital(i: int) -> bool:
        tok = doc.tokens[i]
        return tok.kind is Kind.WORD and _CAPITAL_TOKEN.fullmatch(tok.text) is not None

    run = [i for i in range(first, last + 1) if doc.tokens[i].kind is Kind.WORD]
    if not run or not all(capital(i) for i in run):
        return run
    while True:
        j = doc.adjacent_word(run[0], -1)
        if j is None or not capital(j) or regex.search(r"[^\s]", doc.text[doc.tokens[j].end:doc.tokens[run[0]].start]):
            break
        run.insert(0, j)
    while True:
        j = doc.adjacent_word(run[-1], 1)
        if j is None or not capital(j) or regex.search(r"[^\s]", doc.text[doc.tokens[run[-1]].end:doc.tokens[j].start]):
            break
        run.append(j)
    return run


def context_case(doc: Document, first: int) -> str | None:
    """The case the words before a name ask for: `с тов. X` -> ablt, `товарищу X` -> datv."""
    j = doc.significant(first, -1)
    if j is not None and doc.tokens[j].text == ".":
        j = doc.significant(j, -1)
    if j is None or doc.tokens[j].kind is not Kind.WORD:
        return None
    word = fold(doc.tokens[j].text)
    if word in _CASE_OF_TITLE:
        return _CASE_OF_TITLE[word]
    if TITLE_WORD.fullmatch(word):
        k = doc.significant(j, -1)
        if k is not None and doc.tokens[k].kind is Kind.WORD:
            return _CASE_AFTER.get(fold(doc.tokens[k].text))
        return None
    return _CASE_AFTER.get(word)


def list_position(doc: Document, run: list[int]) -> tuple[int, int] | None:
    """(position, size) of a name run within a Russian enumeration `X, Y, Z и W`, if it is in one."""
    def neighbour_run(edge: int, step: int) -> int | None:
        j = doc.significant(edge, step)
        if j is None:
            return None
        between = doc.tokens[j].text
        if between not in (",", "и"):
            return None
        k = doc.significant(j, step)
        if k is not None and doc.tokens[k].text in (",", "и"):
            k = doc.significant(k, step)
        if k is None or doc.tokens[k].kind is not Kind.WORD or not _CAPITAL_TOKEN.fullmatch(doc.tokens[k].text):
            return None
        return k

    position = 0
    edge = run[0]
    while True:
        k = neighbour_run(edge, -1)
        if k is None:
            break
        position += 1
        edge = name_run(doc, k, k)[0]
    size = position + 1
    edge = run[-1]
    while True:
        k = neighbour_run(edge, 1)
        if k is None:
            break
        size += 1
        edge = name_run(doc, k, k)[-1]
    return (position, size) if size >= 3 else None


_PLACE_KINDS = {
    "river": r"рек[аеиуой]|реко[йю]", "city": r"город[ауеом]?|г", "port": r"порт[ауеом]?",
    "province": r"провинци[яиюей]", "island": r"остров[ауеом]?",
}


def kind_word_before(doc: Document, first: int, name: Name) -> bool:
    """`на реке X` and a lexicon place noted as a river: the text says what kind of place it is."""
    j = doc.adjacent_word(first, -1)
    if j is None:
        return False
    word = fold(doc.tokens[j].text)
    note = name.note.lower()
    return any(regex.fullmatch(pattern, word) and kind in note for kind, pattern in _PLACE_KINDS.items())
