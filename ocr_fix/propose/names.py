"""Proposals for garbled names: whole-name candidates with the case ending the context asks for.

A garbled name (`МАС ЦЗЭ-ДУИ`, `КИМ ИР СКИОМ`, `ГАС ГАНЖИ`) is matched part by part against lexicon
names under the OCR confusion model. Evidence that lifts a candidate: the name written correctly
elsewhere in the document (and the document's own spelling of each syllable, `ЦЗЕ` or `ЦЗЭ`), the
name in the document's translation, the same position in a list of names given in both, and the
case ending the words before it ask for (`с тов. X` wants the instrumental).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from ocr_fix.archive.profile import NAME_FILES, strength
from ocr_fix.document import Document
from ocr_fix.findings import Finding
from ocr_fix.language.normalize import fold
from ocr_fix.lexicon.lookup import Lookup
from ocr_fix.lexicon.store import Name, _variants
from ocr_fix.names.matching import NameIndex
from ocr_fix.names.translation import Mention
from ocr_fix.proposal import AUTO, FLAG, REVIEW, Proposal
from ocr_fix.propose.name_context import context_case, kind_word_before, list_position, name_run
from ocr_fix.propose.name_fit import Fit, fit_name, render
from ocr_fix.propose.ranking import WEIGHTS, probabilities
from ocr_fix.readings import DOUBTFUL, SURE
from ocr_fix.tokens import Kind
from ocr_fix.wording import case_name, misreading

# A name reading is applied at an even chance or better: with the other conditions (cheap or independently
# supported, not read surely) a lower bar applied a partial name with a case ending on the dev sets.
AUTO_PROBABILITY = 0.5
AUTO_MAX_COST = 2.0
MAX_COST = 3.5  # a name further from the words than this is no reading of them
MAX_COST_LISTED = 8.0  # ... unless it stands at the same place in the translation's list of names
ALTERNATIVE_COST = 1.5  # an alternative costing this much more than the best is no help

# a candidate name as weighed: (logit, its fit, (the evidence in words, as (name, value) pairs),
# the part of the logit that does not come from the translation)
Weighed = tuple[float, Fit, tuple[list[str], list[tuple[str, object]]], float]


@dataclass
class NameEvidence:
    """What the document and its translation say about names, gathered once per document."""

    doc: Document
    lookup: Lookup
    index: NameIndex
    mentions: list[Mention] = field(default_factory=list)
    archive: object = None  # ocr_fix.archive.profile.ArchiveView: the rest of the archive, if profiled

    @property
    def lexicons(self):
        return self.lookup.lexicons

    @property
    def spellings(self) -> frozenset[str]:
        """The folded name words as the document writes them."""
        return self.doc.folded_russian_set

    @cached_property
    def present(self) -> set[str]:
        """The names (Name.text) written correctly in the document: read when a name is first weighed
        (a later pass of `fix` weighs none, as a rule)."""
        return _names_present(self.doc, self.index)


def gather_evidence(doc: Document, lookup: Lookup, index: NameIndex, mentions: list[Mention]) -> NameEvidence:
    return NameEvidence(doc, lookup, index, mentions)


def _names_present(doc: Document, index: NameIndex) -> set[str]:
    present: set[str] = set()
    words = doc.folded_russian
    starting = index.lexicons.caches.memo("names.starting_with")
    # most words start no name (`и` is a Korean name's part, but never its first)
    starters = [word for word in doc.folded_russian_set & index.lexicons.name_parts.keys()
                if _names_starting_with(index.lexicons, starting, word)]
    if not starters:
        return present
    starters = set(starters)
    for k, word in enumerate(words):
        if word not in starters:
            continue
        for name in starting[word]:
            size = len(name.parts)
            window = words[k : k + size]
            if len(window) == size and window[:-1] == list(name.parts[:-1]) and window[-1] in name.last_forms:
                present.add(name.text)
            elif size > 1 and window[:-1] and all(
                    w in _variants(p) for w, p in zip(window[:-1], name.parts[:-1])) and len(window) == size and any(
                    window[-1] in _variants(f) for f in name.last_forms):
                present.add(name.text)
    return present


def _names_starting_with(lexicons, known: dict, word: str) -> list[Name]:
    """The lexicon names a word may begin as the document writes them: the first part of a name of
    several (or a period variant of it), or a form of a one-part name; the rest never match there."""
    if word not in known:
        known[word] = [name for name in lexicons.name_entries(word)
                       if (word in name.last_forms if len(name.parts) == 1 else
                           word == name.parts[0] or word in _variants(name.parts[0]))]
    return known[word]


def name_proposal(evidence: NameEvidence, finding: Finding, first: int, last: int) -> Proposal | None:
    doc = evidence.doc
    run = name_run(doc, first, last)
    if not run:
        return None
    run_words = [fold(doc.tokens[i].text) for i in run]
    span_positions = [k for k, i in enumerate(run) if first <= i <= last]
    wanted_case = context_case(doc, run[0])
    candidates, translated = _candidate_names(evidence, run_words)
    fits: list[Weighed] = []
    if len(run) == 1 and "-" in run_words[0]:
        # a lone hyphenated word is a given name without its surname (`ЦВР-ДВН` for `ЦЗЕ-ДУН`)
        fits += _given_name_fits(evidence, candidates, run_words, wanted_case)
    fits += _whole_name_fits(evidence, candidates, translated, run, run_words, span_positions, wanted_case)
    tok_first, tok_last = doc.tokens[run[span_positions[0]]], doc.tokens[run[span_positions[-1]]]
    if not fits:
        return Proposal(tok_first.start, tok_last.end, doc.text[tok_first.start:tok_last.end], "", 0.0,
                        finding.rule, finding.message, FLAG)
    fits.sort(key=lambda f: (-f[0], f[1].cost, f[1].name.text))
    confidence = _engine_confidence(doc, run[span_positions[0]], run[span_positions[-1]])
    rendered = _rendered(evidence, run, run_words, fits, confidence)
    if not rendered:
        return None
    return _proposal(doc, finding, rendered, confidence)


def _candidate_names(evidence: NameEvidence,
                     run_words: list[str]) -> tuple[dict[str, Name], dict[str, tuple[int, int, int]]]:
    """The lexicon names near the run's words and those the translation names; for the latter, the
    group, position and group size of their mention there."""
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
    return candidates, translated


def _given_name_fits(evidence: NameEvidence, candidates: dict[str, Name], run_words: list[str],
                     wanted_case: str | None) -> list[Weighed]:
    fits: list[Weighed] = []
    for name in candidates.values():
        if len(name.parts) > 1 and "-" in name.parts[-1]:
            given = Name(name.text, name.kind, name.group, name.latin, name.parts[-1:], name.last_forms,
                         name.source, name.note)
            fit = fit_name(evidence.spellings, given, run_words, 0, wanted_case)
            if fit.cost <= MAX_COST:
                present = name.text in evidence.present
                logit = -WEIGHTS.name_cost * fit.cost + (WEIGHTS.document_name if present else 0.0)
                facts = [("misreading cost", round(fit.cost, 2)), ("the given name of", name.text)]
                if present:
                    facts.append(("written so in the document", True))
                fits.append((logit, fit, ([misreading(fit.cost), f"the given name of {name.text}"], facts),
                             0.0))
    return fits


def _whole_name_fits(evidence: NameEvidence, candidates: dict[str, Name], translated: dict[str, tuple[int, int, int]],
                     run: list[int], run_words: list[str], span_positions: list[int],
                     wanted_case: str | None) -> list[Weighed]:
    """Each candidate name at each place in the run that covers the finding, weighed."""
    in_list = list_position(evidence.doc, run)
    fits: list[Weighed] = []
    for name in candidates.values():
        size = len(name.parts)
        if size > len(run):
            continue
        for offset in range(0, len(run) - size + 1):
            covered = range(offset, offset + size)
            if not all(k in covered for k in span_positions):
                continue
            fit = fit_name(evidence.spellings, name, run_words, offset, wanted_case)
            listed = name.text in translated and in_list is not None and in_list == translated[name.text][1:]
            if fit.cost > (MAX_COST_LISTED if listed else MAX_COST):
                continue
            fits.append(_weighed(evidence, fit, run, run_words, translated, listed, wanted_case))
    return fits


def _weighed(evidence: NameEvidence, fit: Fit, run: list[int], run_words: list[str],
             translated: dict[str, tuple[int, int, int]], listed: bool, wanted_case: str | None) -> Weighed:
    name = fit.name
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
        logit += _translation_weight(evidence, name, translated[name.text], listed, notes, facts)
    if fit.case_fit and wanted_case != "nomn":
        logit += WEIGHTS.case_fit
        independent += WEIGHTS.case_fit
        notes.append(f"the {case_name(wanted_case)} ending the context asks for")
        facts.append(("case ending the context asks for", case_name(wanted_case)))
    if name.kind == "place" and kind_word_before(evidence.doc, run[0], name):
        logit += WEIGHTS.place_kind
        independent += WEIGHTS.place_kind
        notes.append("the kind of place the text names before it")
        facts.append(("kind of place named before it", True))
    return logit, fit, (notes, facts), independent


def _translation_weight(evidence: NameEvidence, name: Name, mention: tuple[int, int, int], listed: bool,
                        notes: list[str], facts: list[tuple[str, object]]) -> float:
    """What the translation's naming `name` adds to its logit; what it says is added to `notes` and `facts`."""
    weight = WEIGHTS.translation_name
    english = next(m.english for m in evidence.mentions if name in m.names)
    notes.append(f"from the translation: {english}")
    facts.append(("in the translation", english))
    if name.text not in evidence.present:
        weight += WEIGHTS.translation_missing
    _group, position, group_size = mention
    if listed:
        weight += WEIGHTS.list_position
        notes.append(f"same place ({position + 1} of {group_size}) in the list of names there")
        facts.append(("place in the translation's list", f"{position + 1} of {group_size}"))
    return weight


def _rendered(evidence: NameEvidence, run: list[int], run_words: list[str], fits: list[Weighed],
              confidence: float | None) -> list[tuple]:
    """The fits, best first, with their probabilities and the edit each makes (those that change nothing left out):
    (probability, fit, (notes, facts), (start, end, replacement), independent)."""
    none_logit = WEIGHTS.none_name_garbled if any(_impossible(evidence, w) for w in run_words) else WEIGHTS.none_name
    if confidence is not None and confidence < DOUBTFUL:
        none_logit -= WEIGHTS.engine_doubt  # the engine itself doubts it read the name right
    shares, _none = probabilities([f[0] for f in fits], none_logit)
    rendered = []
    for share, (logit, fit, notes, independent) in zip(shares, fits):
        proposal_parts = render(evidence.doc, run, fit)
        if proposal_parts is None:
            continue
        rendered.append((share, fit, notes, proposal_parts, independent))
    return rendered


def _proposal(doc: Document, finding: Finding, rendered: list[tuple], confidence: float | None) -> Proposal:
    probability, fit, (notes, facts), (start, end, replacement), independent = rendered[0]
    # the spellings of one person (`ЦЗЕ-ДУН`, `ЦЗЭДУН`) share what the text says of who is named: the
    # bin weighs that the word names this person, the spelling is the likeliest of them
    person = fit.name.person
    named = sum(r[0] for r in rendered if r[1].name.person == person and r[3][:2] == (start, end))
    original = doc.text[start:end]
    doubted = confidence is not None and confidence < DOUBTFUL
    # The translation alone sends a proposal to review; with evidence of its own (the name written
    # right elsewhere, parts that match, the ending the context asks for) it may be applied.
    strong = independent > 0 or fit.cost <= 0.6 or doubted
    sure = confidence is not None and confidence >= SURE and independent <= 0
    if named >= AUTO_PROBABILITY and strong and not sure and fit.cost <= AUTO_MAX_COST:
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
    if sure and bin_ == REVIEW and named >= AUTO_PROBABILITY:
        explanation += "; left for a person: the engine read it surely"
        facts.append(("left for a person", "the engine read it surely"))
    return Proposal(start, end, original, replacement, round(probability, 3), finding.rule, explanation, bin_,
                    _alternatives(rendered), tuple(facts))


def _alternatives(rendered: list[tuple]) -> tuple[str, ...]:
    """Up to three other readings of the best one's span, none far costlier."""
    _p, fit, _notes, (start, end, replacement), _i = rendered[0]
    alternatives: list[str] = []
    for _p, fit2, _notes, (s2, e2, r2), _i in rendered[1:]:
        if fit2.cost > fit.cost + ALTERNATIVE_COST:
            continue  # an alternative as far from the text as any other name is no help
        if (s2, e2) == (start, end) and r2 != replacement and r2 not in alternatives:
            alternatives.append(r2)
        if len(alternatives) == 3:
            break
    return tuple(alternatives)


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
