"""Find lexicon names a garbled token or token run resembles under the OCR confusion model."""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from ocr_fix.confusion import weighted_distance
from ocr_fix.lexicon.store import Lexicons, Name
from ocr_fix.native import compiled


@dataclass(frozen=True)
class PartMatch:
    part: str  # the lexicon form (folded) the token resembles
    cost: float  # confusion cost of OCR turning the part into the token
    names: tuple[Name, ...]


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
        self._by_length: dict[tuple[int, int], list[str]] = {}
        kernel = compiled("language.vocabulary_kernel")
        self._compiled = kernel.CompiledForms(self._forms) if kernel is not None else None
        self.near = lexicons.caches.function("names.near", self._near)

    def _forms_near_length(self, length: int, max_edits: int) -> list[str]:
        """The forms within `max_edits` letters of a length, in the index's order: no other form can
        be within `max_edits` edits of a token that long, and the order keeps rapidfuzz's ties."""
        key = (length, max_edits)
        if key not in self._by_length:
            self._by_length[key] = [f for f in self._forms if abs(len(f) - length) <= max_edits]
        return self._by_length[key]

    def _near(self, token: str, max_cost: float = 1.0, limit: int = 5) -> tuple[PartMatch, ...]:
        """Lexicon name forms within `max_cost` of a folded token, cheapest first (the token itself excluded)."""
        max_edits = 1 if len(token) <= 3 else 2 if len(token) <= 7 else 3
        if self._compiled is not None:
            shortlist = self._compiled.within(token, max_edits, 200)
        else:
            shortlist = process.extract(token, self._forms_near_length(len(token), max_edits),
                                        scorer=Levenshtein.distance, score_cutoff=max_edits, limit=200)
        matches = []
        for form, _distance, _index in shortlist:
            if form == token:
                continue
            cost = weighted_distance(form, token)
            if cost <= max_cost:
                matches.append(PartMatch(form, cost, self._names[form]))
        matches.sort(key=lambda m: (m.cost, m.part))
        return tuple(matches[:limit])
