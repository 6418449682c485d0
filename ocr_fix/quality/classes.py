"""Accuracy by character class, as ocreval reports it: of the reference's graphemes of each class
(Cyrillic letters, Latin letters, digits, punctuation, spaces, the rest), how many the transcription
has right. A grapheme counts as wrong when the alignment substitutes or deletes it; insertions belong
to no reference character and are left to CER. Latin letters get a class of their own because in a
Russian transcript most of them are OCR look-alikes (`CCCP` typed with Latin C and P), and digits
because a misread number in a telegram costs more than a misread letter.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

import regex

CLASSES = ("Cyrillic letters", "Latin letters", "digits", "punctuation", "spaces", "other")
_GRAPHEME = regex.compile(r"\X")


def class_of(grapheme: str) -> str:
    ch = grapheme[:1]
    if ch.isspace():
        return "spaces"
    if ch.isdigit():
        return "digits"
    if ch.isalpha():
        if "\u0400" <= ch <= "\u052f":
            return "Cyrillic letters"
        if ch < "\u0250":
            return "Latin letters"
        return "other"
    if regex.match(r"\p{P}", ch):
        return "punctuation"
    return "other"


@dataclass(frozen=True)
class ClassAccuracy:
    name: str
    count: int  # graphemes of this class in the reference
    wrong: int  # of them, substituted or deleted

    @property
    def accuracy(self) -> float:
        return (self.count - self.wrong) / self.count if self.count else 1.0

    def as_dict(self) -> dict:
        return {"class": self.name, "count": self.count, "wrong": self.wrong, "accuracy": self.accuracy}


def accuracy_by_class(scores: Iterable) -> list[ClassAccuracy]:
    """The classes present in the references of `scores` (quality.score.Score values: their lines'
    aligned pieces), summed over all of them, in the order of CLASSES."""
    counts: Counter = Counter()
    wrong: Counter = Counter()
    for score in scores:
        for line in score.lines:
            for piece in line.pieces:
                if piece.tag == "insert":
                    continue
                for grapheme in _GRAPHEME.findall(piece.reference):
                    kind = class_of(grapheme)
                    counts[kind] += 1
                    if piece.tag != "equal":
                        wrong[kind] += 1
    return [ClassAccuracy(name, counts[name], wrong[name]) for name in CLASSES if counts[name]]
