"""Archival references of published document collections: `АП РФ. Ф. 45. Оп. 1. Д. 330. Л. 95–96`.

A collection prints under each document where it is kept: archive, fond, inventory (опись), folder
(папка), file (дело) and sheets. Such a line is recognised and kept out of the word rules (the inventory
number `23а` is no misread `за`). Inside a recognised reference the place of each piece leaves one
reading, so a piece misread there is corrected: the element between the fond and the file is the
inventory (`бы. 1.` after `Ф. 45.` and before `Д. 330.` reads `Оп. 1.`), and the archives of the
Russian Federation end in `РФ` (`АП Р®` reads `АП РФ`). Nothing outside such a line is touched.
"""

from __future__ import annotations

import regex

from ocr_fix.detect.context import Context
from ocr_fix.detect.registry import rule

# a fond, inventory, folder, file or sheet number: digits, a range, a letter after the digits (`23а`),
# a letter before them (`Р-5446`)
_NUM = r"(?:[А-Я]-)?\d+(?:\s?[–\-]\s?\d+)?[а-я]?"
_ARCHIVE = r"(?:АП|АВП|ГА|ЦАМО|РГАСПИ|РГАНИ|РГВА|РГАЭ|АВП\s+СССР)"
# `РФ` and what OCR makes of it: `Ф` read as `®`, `©`, `Ф` in Latin look-alikes is left to other rules
_RF = r"(?P<rf>Р\s?[Ф®©])"
_ELEMENT = r"(?i:п|д|лл?|т|ч)\.\s*" + _NUM + r"[.,]?(?:\s*об\.)?"

# the style of the collections (`Ф. 45. Оп. 1. Д. 330`) and the one of notes and monographs
# (`ф. 45, оп. 1, д. 330`)
_REFERENCE = regex.compile(
    r"(?<![\p{L}\p{N}])"
    r"(?:(?P<archive>" + _ARCHIVE + r")(?:\s+" + _RF + r")?[.,]?\s*)?"
    r"(?P<fond>[Фф])\.\s*" + _NUM + r"[.,]\s*"
    r"(?P<op>[\p{L}]{1,3})\.\s*" + _NUM + r"[.,]\s*"
    r"(?:" + _ELEMENT + r"\s*)*"
    r"(?i:п|д)\.\s*" + _NUM + r"[.,]?(?:\s*" + _ELEMENT + r")*",
    regex.VERSION1,
)

# what OCR makes of `Оп`: the slot leaves one reading, but a word of three letters or more, or any
# known word other than these, is left alone (a reference only looks like one)
_OP_MISREADINGS = {"бы", "0п", "Оn", "On", "ОП", "0n", "Ои", "Оц", "Ол", "Он", "Об", "Cп", "Сп", "ои", "on", "оц", "ол"}


@rule("archival-reference", "an archival reference (`АП РФ. Ф. 45. Оп. 1. Д. 330. Л. 95–96`): kept out of the word "
      "rules; a piece misread inside it (`бы.` for `Оп.`, `Р®` for `РФ`) corrected",
      order=20, proposer="reference", always=True)
def archival_reference(ctx: Context):
    doc = ctx.doc
    for match in _REFERENCE.finditer(doc.text):
        first, last = doc.token_span(match.start(), match.end())
        if not doc.is_russian(first):
            continue
        small = match.group("fond") == "ф"
        for group, reading in (("rf", "РФ"), ("op", "оп" if small else "Оп")):
            start, end = match.span(group)
            if start < 0 or match.group(group) == reading:
                continue
            if group == "op" and match.group(group) not in _OP_MISREADINGS:
                continue
            if group == "rf" and not match.group("archive"):
                continue
            a, b = doc.token_span(start, end)
            yield ctx.finding("archival-reference", a, b, f"inside an archival reference this can only be `{reading}`",
                              category="layout", hint=reading)
        ctx.protected.update(range(first, last + 1))
