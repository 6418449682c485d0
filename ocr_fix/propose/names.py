"""Proposals for garbled names: whole-name candidates with the case ending the context asks for.

A garbled name (`МАС ЦЗЭ-ДУИ`, `КИМ ИР СКИОМ`, `ГАС ГАНЖИ`) is matched part by part against lexicon
names under the OCR confusion model. Evidence that lifts a candidate: the name written correctly
elsewhere in the document (and the document's own spelling of each syllable, `ЦЗЕ` or `ЦЗЭ`), the
name in the document's translation, the same position in a list of names given in both, and the
case ending the words before it ask for (`с тов. X` wants the instrumental).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import regex

from ocr_fix.archive.profile import NAME_FILES, strength
from ocr_fix.confusion import weighted_distance
from ocr_fix.detect.names import TITLE_WORD
from ocr_fix.document import Document
from ocr_fix.findings import Finding
from ocr_fix.language.lookup import Lookup
from ocr_fix.language.normalize import fold
from ocr_fix.lexicon.store import Name, _variants
from ocr_fix.names.matching import NameIndex
from ocr_fix.names.translation import Mention
from ocr_fix.proposal import AUTO, FLAG, REVIEW, Proposal
from ocr_fix.propose.ranking import WEIGHTS, probabilities
from ocr_fix.readings import DOUBTFUL, SURE
from ocr_fix.tokens import Kind
from ocr_fix.wording import case_name, misreading

AUTO_PROBABILITY = 0.6
AUTO_MAX_COST = 2.0

_CAPITAL_TOKEN = regex.compile(r"[\p{Lu}\p{M}]+(?:-[\p{Lu}\p{M}]+)*")
_CASE_AFTER = {
    "с": "ablt", "со": "ablt", "к": "datv", "ко": "datv", "у": "gent", "от": "gent", "до": "gent",
    "для": "gent", "из": "gent", "без": "gent", "около": "gent", "о": "loct", "об": "loct", "при": "loct",
}
_CASE_OF_TITLE = {"товарищу": "datv", "товарищем": "ablt", "товарища": "gent"}
_EAST_ASIAN_ENDING = [("ом", "ablt"), ("ем", "ablt"), ("у", "datv"), ("ю", "datv"), ("а", "gent"), ("я", "gent"), ("е", "loct")]


@dataclass
class NameEvidence:
    """What the document and its translation say about names, gathered once per document."""

    doc: Document
    lookup: Lookup
    index: NameIndex
    mentions: list[Mention] = field(default_factory=list)
    present: set[str] = field(default_factory=set)  # names (Name.text) written correctly in the document
    spellings: frozenset[str] = frozenset()  # folded name words as the document writes them
    archive: object = None  # ocr_fix.archive.profile.ArchiveView: the rest of the archive, if profiled

    @property
    def lexicons(self):
        return self.lookup.lexicons


def gather_evidence(doc: Document, lookup: Lookup, index: NameIndex, mentions: list[Mention]) -> NameEvidence:
    evidence = NameEvidence(doc, lookup, index, mentions)
    words = doc.folded_russian
    evidence.spellings = doc.folded_russian_set
    starting = index.lexicons.caches.memo("names.starting_with")
    # most words start no name (`и` is a Korean name's part, but never its first)
    starters = [word for word in evidence.spellings & index.lexicons.name_parts.keys()
                if _names_starting_with(index.lexicons, starting, word)]
    if not starters:
        return evidence
    starters = set(starters)
    for k, word in enumerate(words):
        if word not in starters:
            continue
        for name in starting[word]:
            size = len(name.parts)
            window = words[k : k + size]
            if len(window) == size and window[:-1] == list(name.parts[:-1]) and window[-1] in name.last_forms:
                evidence.present.add(name.text)
            elif size > 1 and window[:-1] and all(
                    w in _variants(p) for w, p in zip(window[:-1], name.parts[:-1])) and len(window) == size and any(
                    window[-1] in _variants(f) for f in name.last_forms):
                evidence.present.add(name.text)
    return evidence


def _names_starting_with(lexicons, known: dict, word: str) -> list[Name]:
    """The lexicon names a word may begin as the document writes them: the first part of a name of
    several (or a period variant of it), or a form of a one-part name; the rest never match there."""
    if word not in known:
        known[word] = [name for name in lexicons.name_entries(word)
                       if (word in name.last_forms if len(name.parts) == 1 else
                           word == name.parts[0] or word in _variants(name.parts[0]))]
    return known[word]


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
class _Fit:
    name: Name
    offset: int  # index in the run of the name's first part
    cost: float
    forms: list[str]  # chosen spelling of each part (folded)
    case_fit: bool


def _fit(evidence: NameEvidence, name: Name, run_words: list[str], offset: int, wanted_case: str | None) -> _Fit:
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
                in_doc = sorted(s for s in spellings if s in evidence.spellings)
                choice = in_doc[0] if in_doc else base
            if best_cost is None or part_cost < best_cost:
                best_cost, best_form = part_cost, choice
        cost += best_cost
        forms.append(best_form)
    return _Fit(name, offset, cost, forms, case_ok)


def _list_position(doc: Document, run: list[int]) -> tuple[int, int] | None:
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


def name_proposal(evidence: NameEvidence, finding: Finding, first: int, last: int) -> Proposal | None:
    doc = evidence.doc
    run = name_run(doc, first, last)
    if not run:
        return None
    run_words = [fold(doc.tokens[i].text) for i in run]
    span_positions = [k for k, i in enumerate(run) if first <= i <= last]
    wanted_case = context_case(doc, run[0])
    candidates: dict[str, Name] = {}
    for word in run_words:
        for match in evidence.index.near(word, 1.6):
            for name in match.names:
                candidates.setdefault(name.text, name)
        for name in evidence.lexicons.name_entries(word):
            candidates.setdefault(name.text, name)
    translated: dict[str, tuple[int, int, int]] = {}  # name -> (group, position, group size)
    group_sizes: dict[int, int] = {}
    for mention in evidence.mentions:
        group_sizes[mention.group] = max(group_sizes.get(mention.group, 0), mention.position + 1)
    for mention in evidence.mentions:
        for name in mention.names:
            candidates.setdefault(name.text, name)
            translated.setdefault(name.text, (mention.group, mention.position, group_sizes[mention.group]))
    in_list = _list_position(doc, run)
    fits: list[tuple[float, _Fit, list[str], float]] = []
    if len(run) == 1 and "-" in run_words[0]:
        # a lone hyphenated word is a given name without its surname (`ЦВР-ДВН` for `ЦЗЕ-ДУН`)
        for name in candidates.values():
            if len(name.parts) > 1 and "-" in name.parts[-1]:
                given = Name(name.text, name.kind, name.group, name.latin, name.parts[-1:], name.last_forms,
                             name.source, name.note)
                fit = _fit(evidence, given, run_words, 0, wanted_case)
                if fit.cost <= 3.5:
                    logit = -WEIGHTS.name_cost * fit.cost + (WEIGHTS.document_name if name.text in evidence.present else 0.0)
                    facts = [("misreading cost", round(fit.cost, 2)), ("the given name of", name.text)]
                    if name.text in evidence.present:
                        facts.append(("written so in the document", True))
                    fits.append((logit, fit, ([misreading(fit.cost), f"the given name of {name.text}"], facts),
                                 0.0))
    for name in candidates.values():
        size = len(name.parts)
        if size > len(run):
            continue
        for offset in range(0, len(run) - size + 1):
            covered = range(offset, offset + size)
            if not all(k in covered for k in span_positions):
                continue
            fit = _fit(evidence, name, run_words, offset, wanted_case)
            listed = name.text in translated and in_list is not None and in_list == translated[name.text][1:]
            if fit.cost > (8.0 if listed else 3.5):
                continue
            logit = -(WEIGHTS.name_cost_listed if listed else WEIGHTS.name_cost) * fit.cost
            independent = 0.0  # evidence that does not come from the translation
            notes = [misreading(fit.cost)]
            facts: list[tuple[str, object]] = [("misreading cost", round(fit.cost, 2))]
            exact_parts = [form for j, form in enumerate(fit.forms) if run_words[fit.offset + j] == form]
            exact = len(exact_parts)
            # two right parts, or a right two-syllable given name (`ЭНЬ-ЛАЙ` beside a garbled `ЧХОУ`)
            if exact >= 2 or exact and len(name.parts) > 1 and any("-" in f for f in exact_parts):
                logit += WEIGHTS.exact_parts
                independent += WEIGHTS.exact_parts
                notes.append(f"{exact} of {len(name.parts)} parts match")
                facts.append(("parts that match", exact))
            if name.text in evidence.present:
                logit += WEIGHTS.document_name
                independent += WEIGHTS.document_name
                notes.append("written correctly elsewhere in the document")
                facts.append(("written so in the document", True))
            elif evidence.archive is not None and (files := evidence.archive.name_files(name.text)) >= NAME_FILES:
                weight = WEIGHTS.archive_name * strength(files)
                logit += weight
                independent += weight
                notes.append(f"archive: {files} file{'' if files == 1 else 's'}")
                facts.append(("archive files", files))
            if name.text in translated:
                logit += WEIGHTS.translation_name
                english = next(m.english for m in evidence.mentions if name in m.names)
                notes.append(f"from the translation: {english}")
                facts.append(("in the translation", english))
                if name.text not in evidence.present:
                    logit += WEIGHTS.translation_missing
                group, position, group_size = translated[name.text]
                if listed:
                    logit += WEIGHTS.list_position
                    notes.append(f"same place ({position + 1} of {group_size}) in the list of names there")
                    facts.append(("place in the translation's list", f"{position + 1} of {group_size}"))
            if fit.case_fit and wanted_case != "nomn":
                logit += WEIGHTS.case_fit
                independent += WEIGHTS.case_fit
                notes.append(f"the {case_name(wanted_case)} ending the context asks for")
                facts.append(("case ending the context asks for", case_name(wanted_case)))
            if name.kind == "place" and _kind_word_before(doc, run[0], name):
                logit += WEIGHTS.place_kind
                independent += WEIGHTS.place_kind
                notes.append("the kind of place the text names before it")
                facts.append(("kind of place named before it", True))
            fits.append((logit, fit, (notes, facts), independent))
    tok_first, tok_last = doc.tokens[run[span_positions[0]]], doc.tokens[run[span_positions[-1]]]
    if not fits:
        return Proposal(tok_first.start, tok_last.end, doc.text[tok_first.start:tok_last.end], "", 0.0,
                        finding.rule, finding.message, FLAG)
    fits.sort(key=lambda f: (-f[0], f[1].cost, f[1].name.text))
    none_logit = WEIGHTS.none_name_garbled if any(_impossible(evidence, w) for w in run_words) else WEIGHTS.none_name
    confidence = _engine_confidence(doc, run[span_positions[0]], run[span_positions[-1]])
    doubted = confidence is not None and confidence < DOUBTFUL
    if doubted:
        none_logit -= WEIGHTS.engine_doubt  # the engine itself doubts it read the name right
    shares, _none = probabilities([f[0] for f in fits], none_logit)
    rendered = []
    for share, (logit, fit, notes, independent) in zip(shares, fits):
        proposal_parts = _render(doc, run, fit)
        if proposal_parts is None:
            continue
        rendered.append((share, fit, notes, proposal_parts, independent))
    if not rendered:
        return None
    probability, fit, (notes, facts), (start, end, replacement), independent = rendered[0]
    alternatives = []
    for _p, fit2, _notes, (s2, e2, r2), _i in rendered[1:]:
        if fit2.cost > fit.cost + 1.5:
            continue  # an alternative as far from the text as any other name is no help
        if (s2, e2) == (start, end) and r2 != replacement and r2 not in alternatives:
            alternatives.append(r2)
        if len(alternatives) == 3:
            break
    original = doc.text[start:end]
    # The translation alone sends a proposal to review; with evidence of its own (the name written
    # right elsewhere, parts that match, the ending the context asks for) it may be applied.
    strong = independent > 0 or fit.cost <= 0.6 or doubted
    sure = confidence is not None and confidence >= SURE and independent <= 0
    if probability >= AUTO_PROBABILITY and strong and not sure and fit.cost <= AUTO_MAX_COST:
        bin_ = AUTO
    elif probability >= 0.05:
        bin_ = REVIEW
    else:
        bin_ = FLAG
    # the finding may say what the word resembles at first sight: another name than the one proposed
    # would leave the reader with two people and no way to tell which the fix is about
    lead = finding.message if fit.name.text in finding.message or "resembles" not in finding.message else \
        "a name the lexicons do not know as written"
    facts = list(facts)
    if confidence is not None:
        notes.append(f"the engine read `{original}` with {round(100 * confidence)}% confidence")
        facts.append(("engine confidence", round(confidence, 2)))
    explanation = f"{lead}; {fit.name.text}: " + ", ".join(notes)
    if sure and bin_ == REVIEW and probability >= AUTO_PROBABILITY:
        explanation += "; left for a person: the engine read it surely"
        facts.append(("left for a person", "the engine read it surely"))
    return Proposal(start, end, original, replacement, round(probability, 3), finding.rule, explanation, bin_,
                    tuple(alternatives), tuple(facts))


def _engine_confidence(doc: Document, first: int, last: int) -> float | None:
    """The least confidence the engine had in the words of tokens first..last (None: no readings)."""
    if doc.readings is None:
        return None
    known = [c for i in range(first, last + 1)
             if doc.tokens[i].kind is Kind.WORD and (c := doc.readings.confidence(doc.tokens[i].start, doc.tokens[i].end)) is not None]
    return min(known) if known else None


def _impossible(evidence: NameEvidence, word: str) -> bool:
    """A word no name could contain: not a lexicon name part, nor Chinese or Korean syllables."""
    from ocr_fix.names.korean import is_korean_syllable

    if word in evidence.lexicons.name_parts:
        return False
    palladius = evidence.lexicons.palladius
    return not all(p and (palladius.split(p, 2) is not None or is_korean_syllable(p)) for p in word.split("-"))


_PLACE_KINDS = {
    "river": r"рек[аеиуой]|реко[йю]", "city": r"город[ауеом]?|г", "port": r"порт[ауеом]?",
    "province": r"провинци[яиюей]", "island": r"остров[ауеом]?",
}


def _kind_word_before(doc: Document, first: int, name: Name) -> bool:
    """`на реке X` and a lexicon place noted as a river: the text says what kind of place it is."""
    j = doc.adjacent_word(first, -1)
    if j is None:
        return False
    word = fold(doc.tokens[j].text)
    note = name.note.lower()
    return any(regex.fullmatch(pattern, word) and kind in note for kind, pattern in _PLACE_KINDS.items())


def _render(doc: Document, run: list[int], fit: _Fit) -> tuple[int, int, str] | None:
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
