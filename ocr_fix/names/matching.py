"""Find lexicon names a garbled token or token run resembles under the OCR confusion model."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from ocr_fix.confusion import weighted_distance
from ocr_fix.lexicon.store import Lexicons, Name
from ocr_fix.native import twin


@dataclass(frozen=True)
class PartMatch:
    part: str  # the lexicon form (folded) the token resembles
    cost: float  # confusion cost of OCR turning the part into the token
    names: tuple[Name, ...]


class FormList(Protocol):
    """A fixed list of strings searched by plain edit distance: `PythonForms`, or its compiled twin
    (`vocabulary_kernel.CompiledForms`), made from the list, with the same results in the same order."""

    def within(self, token: str, cutoff: int, limit: int) -> list[tuple[str, int]]:
        """(form, distance) of the forms within `cutoff` edits of the token, closest first, then in
        list order; at most `limit` (rapidfuzz's process.extract with Levenshtein.distance and this
        score_cutoff and limit)."""


class PythonForms:
    """`FormList` in Python."""

    def __init__(self, forms: list[str]):
        self._forms = list(forms)
        self._by_length: dict[tuple[int, int], list[str]] = {}

    def _near_length(self, length: int, max_edits: int) -> list[str]:
        """The forms within `max_edits` letters of a length, in the list's order: no other form can
        be within `max_edits` edits of a token that long, and the order keeps rapidfuzz's ties."""
        key = (length, max_edits)
        if key not in self._by_length:
            self._by_length[key] = [f for f in self._forms if abs(len(f) - length) <= max_edits]
        return self._by_length[key]

    def within(self, token: str, cutoff: int, limit: int) -> list[tuple[str, int]]:
        found = process.extract(token, self._near_length(len(token), cutoff), scorer=Levenshtein.distance,
                                score_cutoff=cutoff, limit=limit)
        return [(form, distance) for form, distance, _position in found]


_Forms: type[FormList] = twin("language.vocabulary_kernel", PythonForms, lambda kernel: kernel.CompiledForms)


class NameIndex:
    def __init__(self, lexicons: Lexicons, groups: frozenset[str] | None = None):
        self.lexicons = lexicons
        forms = []
        for form, ids in lexicons.name_parts.items():
            names = tuple(lexicons.names[i] for i in ids if groups is None or lexicons.names[i].group in groups)
            if names:
                forms.append((form, names))
        self._forms = [f for f, _ in forms]
        self._names = dict(forms)
        self._form_list: FormList = _Forms(self._forms)
        self.near = lexicons.caches.function("names.near", self._near)

    def _near(self, token: str, max_cost: float = 1.0, limit: int = 5) -> tuple[PartMatch, ...]:
        """Lexicon name forms within `max_cost` of a folded token, cheapest first (the token itself excluded)."""
        max_edits = 1 if len(token) <= 3 else 2 if len(token) <= 7 else 3
        matches = []
        for form, _distance in self._form_list.within(token, max_edits, 200):
            if form == token:
                continue
            cost = weighted_distance(form, token)
            if cost <= max_cost:
                matches.append(PartMatch(form, cost, self._names[form]))
        matches.sort(key=lambda m: (m.cost, m.part))
        return tuple(matches[:limit])
