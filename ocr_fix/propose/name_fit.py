"""How a lexicon name fits a run of garbled words: the misreading cost of each part, the spelling and
the case form chosen for it, and the replacement written in the style of the text."""

from __future__ import annotations

from dataclasses import dataclass

from ocr_fix.confusion import weighted_distance
from ocr_fix.document import Document
from ocr_fix.lexicon.store import Name, _variants

_EAST_ASIAN_ENDING = [("ом", "ablt"), ("ем", "ablt"), ("у", "datv"), ("ю", "datv"), ("а", "gent"), ("я", "gent"), ("е", "loct")]


def form_case(name: Name, form: str) -> str:
    """The case a last-part form expresses (nominative for the base form)."""
    base = name.parts[-1]
    if form == base:
        return "nomn"
    if name.is_east_asian:
        for ending, case in _EAST_ASIAN_ENDING:
            if form.endswith(ending) and len(form) > len(base) - 1:
                return case
        return "nomn"
    from ocr_fix.language.morphology import analyzer

    for parse in analyzer().parse(form):
        if parse.normal_form.replace("ё", "е") == base and parse.tag.case:
            return parse.tag.case
    return "nomn"


def _format(form: str, token: str, name: Name, part_index: int) -> str:
    """Write a lexicon form in the style of the token it replaces (capitals, or the lexicon's case)."""
    letters = [c for c in token if c.isalpha()]
    if letters and all(c.isupper() for c in letters):
        return form.upper()
    written = name.text.split()[part_index] if part_index < len(name.text.split()) else form
    if written[:1].isupper():
        pieces = form.split("-")
        return "-".join([pieces[0][:1].upper() + pieces[0][1:]] + pieces[1:])
    return form


@dataclass
class Fit:
    name: Name
    offset: int  # index in the run of the name's first part
    cost: float
    forms: list[str]  # chosen spelling of each part (folded)
    case_fit: bool


def fit_name(written_in_document: frozenset[str], name: Name, run_words: list[str], offset: int,
             wanted_case: str | None) -> Fit:
    """The name's parts against the run's words from `offset` on; `written_in_document`: the document's own
    spellings of name words."""
    cost = 0.0
    forms = []
    case_ok = False
    last_index = len(name.parts) - 1
    for j, part in enumerate(name.parts):
        token = run_words[offset + j]
        options = name.last_forms if j == last_index else {part}
        if j == last_index and wanted_case:
            wanted = {f for f in options if form_case(name, f) == wanted_case}
            if wanted:
                options = wanted
                case_ok = True
        best_cost, best_form = None, None
        for base in sorted(options):
            spellings = _variants(base) if name.is_east_asian else {base}
            part_cost = min(weighted_distance(s, token) for s in spellings)
            if j == last_index and not wanted_case and base != part and token not in spellings:
                part_cost += 0.8  # without a word asking for a case, the name stands in the nominative
            if token in spellings:
                choice = token  # already a valid spelling: keep the document's own variant
            else:
                # the document's own spelling of the syllables (ЦЗЕ or ЦЗЭ), else the lexicon's
                in_doc = sorted(s for s in spellings if s in written_in_document)
                choice = in_doc[0] if in_doc else base
            if best_cost is None or part_cost < best_cost:
                best_cost, best_form = part_cost, choice
        cost += best_cost
        forms.append(best_form)
    return Fit(name, offset, cost, forms, case_ok)


def render(doc: Document, run: list[int], fit: Fit) -> tuple[int, int, str] | None:
    """The span of the tokens the fit changes and its replacement, keeping the text between them."""
    changes = {}
    for j, form in enumerate(fit.forms):
        index = run[fit.offset + j]
        token = doc.tokens[index].text
        new = _format(form, token, fit.name, j)
        if new != token:
            changes[index] = new
    if not changes:
        return None
    first, last = min(changes), max(changes)
    pieces = []
    position = doc.tokens[first].start
    for index in range(first, last + 1):
        tok = doc.tokens[index]
        if index in changes:
            pieces.append(doc.text[position:tok.start])
            pieces.append(changes[index])
            position = tok.end
    pieces.append(doc.text[position:doc.tokens[last].end])
    return doc.tokens[first].start, doc.tokens[last].end, "".join(pieces)
