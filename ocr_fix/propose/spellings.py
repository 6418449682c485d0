"""A name the lexicons know in two spellings keeps the one the document uses.

Publications of the period's documents write names as today's reference works do (`Мао Цзэдун`,
`Чжоу Эньлай`); the documents themselves wrote `Мао Цзэ-дун`, `Чжоу Энь-лай`. The lexicons know both
(a row whose note begins "modern spelling of", and every Chinese given name joined), and a garbled form is one misreading from either:
where the document writes the name one way and never the other, a reading in the other spelling
becomes the document's own, if the ranking offered it too, or goes to a person.
"""

from __future__ import annotations

from dataclasses import replace

from ocr_fix.document import Document
from ocr_fix.language.normalize import fold
from ocr_fix.lexicon.store import Lexicons
from ocr_fix.proposal import AUTO, REVIEW, Proposal

MODERN = "modern spelling of "


def spelling_pairs(lexicons: Lexicons) -> list[tuple[frozenset[str], frozenset[str]]]:
    """(forms of the modern spelling, forms of the period spelling and its period variants), folded,
    for every name the lexicons know both ways; only forms that belong to one side."""
    return lexicons.derived("lexicon.spelling_pairs", lambda: _pairs(lexicons))


def _pairs(lexicons: Lexicons) -> list[tuple[frozenset[str], frozenset[str]]]:
    forms_of: dict[int, set[str]] = {}
    for form, indices in lexicons.name_parts.items():
        for index in indices:
            forms_of.setdefault(index, set()).add(form)
    by_text = {name.text: i for i, name in enumerate(lexicons.names)}
    out = []
    for i, name in enumerate(lexicons.names):
        if not name.note.startswith(MODERN):
            continue
        period = name.note[len(MODERN):].strip()
        if period not in by_text:
            continue
        family = [j for j, other in enumerate(lexicons.names)
                  if j == by_text[period] or other.note.strip() == f"period variant of {period}"]
        modern = set(forms_of.get(i, ()))
        old = set().union(*(forms_of.get(j, set()) for j in family))
        old -= {form for form in old if "-" not in form and _joined(form, old)}  # the period name written joined
        shared = modern & old
        out.append((frozenset(modern - shared), frozenset(old - shared)))
    for i, name in enumerate(lexicons.names):
        forms = forms_of.get(i, set())
        hyphenated = {form for form in forms if "-" in form}
        joined = {form for form in forms if "-" not in form and _joined(form, hyphenated)}
        if joined and not name.note.startswith(MODERN):
            # every Chinese given name is known joined too (lexicon.store): the same two spellings
            out.append((frozenset(joined), frozenset(hyphenated)))
    return out


def _joined(form: str, forms: set[str]) -> bool:
    """Whether `form` is one of `forms` with its hyphen left out."""
    return any(other.replace("-", "") == form for other in forms if "-" in other)


def _pairs_by_form(lexicons: Lexicons) -> dict[str, tuple[tuple[frozenset[str], frozenset[str]], ...]]:
    """Each form of a spelling pair -> the pairs (this spelling, the other) it belongs to, modern to period
    first, then period to modern: a proposal's reading is looked up, not tried against every pair."""
    def index() -> dict:
        pairs = spelling_pairs(lexicons)
        out: dict[str, list] = {}
        for one, other in pairs + [(b, a) for a, b in pairs]:
            for form in one:
                out.setdefault(form, []).append((one, other))
        return {form: tuple(found) for form, found in out.items()}

    return lexicons.derived("lexicon.spelling_index", index)


def keep_documents_spelling(proposals: list[Proposal], doc: Document, lexicons: Lexicons) -> list[Proposal]:
    by_form = _pairs_by_form(lexicons)
    if not by_form or not proposals:
        return proposals
    words = doc.folded_russian_set  # worked out once a document, shared with the evidence passes
    out = []
    for p in proposals:
        replacement = fold(p.replacement) if p.replacement else ""
        for one, other in by_form.get(replacement, ()):
            if words & one or not words & other:
                continue
            own = [a for a in p.alternatives if fold(a) in other]
            if own:
                rest = tuple(a for a in p.alternatives if a != own[0]) + (p.replacement,)
                p = replace(p, replacement=own[0], alternatives=rest,
                            explanation=p.explanation + f"; {own[0]}: the document writes the name so")
            elif p.bin == AUTO:
                p = replace(p, bin=REVIEW,
                            explanation=p.explanation + "; left for a person: the document spells the name otherwise")
            break
        out.append(p)
    return out
