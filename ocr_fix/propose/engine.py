"""From findings to proposals for a whole document (one pass; `passes.py` repeats it for `fix`)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import NamedTuple

from rapidfuzz.distance import Levenshtein

from ocr_fix.confusion import confusion_cost
from ocr_fix.detect import detect
from ocr_fix.detect.registry import RULES
from ocr_fix.detect.numbers import LATEST_YEAR
from ocr_fix.document import Document, apply_edits
from ocr_fix.findings import Finding
from ocr_fix.language.normalize import fold
from ocr_fix.names.translation import read_mentions
from ocr_fix.proposal import AUTO, FLAG, REVIEW, Proposal
from ocr_fix.propose.candidates import MAX_COST, SHORTLIST, shortlist_cutoff
from ocr_fix.propose.names import gather_evidence, name_proposal
from ocr_fix.propose.phrases import phrase_hints
from ocr_fix.propose.spellings import keep_documents_spelling
from ocr_fix.propose.document_words import DocumentWords, document_words, unknown_stems
from ocr_fix.propose.noise_repairs import noise_proposal
from ocr_fix.propose.repairs import preposition_proposal
from ocr_fix.propose.site import WordSite
from ocr_fix.propose.word_bins import WordsByStem
from ocr_fix.propose.word_scores import PAST_NARRATIVE
from ocr_fix.propose.words import word_proposal
from ocr_fix.scripts import Script, script_of
from ocr_fix.session import Resources
from ocr_fix.tokens import Kind


def _hint_proposal(finding: Finding, lookup) -> Proposal:
    """A repair the rule itself vouches for (a joined letter-spaced or split word, Cyrillic letters for
    Latin look-alikes): applied when the result is a known word and the rule is sure of it, else
    proposed for review."""
    # a mark (the period an abbreviation is written with) is as sure as a known word
    known = all(lookup.known_word(w) or not any(c.isalnum() for c in w) for w in finding.hint.split())
    message = finding.message + ("" if known else " (not a known word: check it)")
    applied = known and finding.sure
    return Proposal(finding.start, finding.end, finding.text, finding.hint, 0.95 if applied else 0.5, finding.rule,
                    message, AUTO if applied else REVIEW)


def _number_proposal(finding: Finding) -> Proposal:
    """A misread number: applied only for a year no document bears whose last three digits the
    document writes in a year of its own (`3949` beside `1949`); the rest, with a reading, for review."""
    if not finding.hint:
        return Proposal(finding.start, finding.end, finding.text, "", 0.0, finding.rule, finding.message, FLAG)
    certain = (finding.rule == "impossible-year" and finding.text.isdigit() and int(finding.text) > LATEST_YEAR
               and finding.text[1:] == finding.hint[1:])
    return Proposal(finding.start, finding.end, finding.text, finding.hint, 0.95 if certain else 0.6, finding.rule,
                    finding.message, AUTO if certain else REVIEW)




def translation_text(doc: Document, translation: str | None) -> str:
    """The translation to read names from: the given one, else the file's own non-Russian lines."""
    if translation is not None:
        return translation
    lines = doc.text.splitlines()
    return "\n".join(line for line, russian in zip(lines, doc.russian_line) if not russian)


def propose(text: str, resources: Resources, translation: str | None = None,
            trace: list | None = None, join_hyphenation: bool = False) -> list[Proposal]:
    """Proposals for every likely error in `text`, in text order, at most one per span."""
    return propose_pass(text, resources, translation, trace, join_hyphenation).proposals


class Examined(NamedTuple):
    """A finding a pass looked at, and what its verdict read beyond the words around it."""

    # (a named tuple rather than a frozen dataclass: one is made for every finding of every pass, and
    # moved to the next pass's offsets)

    start: int
    end: int
    # The words whose place in the document (written elsewhere, beside the same neighbour) the
    # verdict weighed; None when anything in the document may matter (names, page breaks).
    weighed: frozenset[str] | None
    folded: str = ""  # the finding's word, folded: a new word of the document close to it may become a candidate
    neighbours: tuple[str | None, str | None] = (None, None)  # the known words just before and after it
    hint: tuple[str, str] | None = None  # the set-phrase hint the verdict had
    pooled: bool = False  # lexicon names or abbreviations were among its candidates too


@dataclass(frozen=True)
class DocumentEvidence:
    """What a text says about its own words, as the word verdicts read it."""

    words: frozenset[str]  # known words written in it
    pairs: frozenset[tuple[str, str]]  # known words written side by side
    extra: frozenset[str]  # its known words the frequency index lacks: candidates of their own
    past: bool  # whether it narrates in the past tense
    page_breaks: bool = False  # whether a sentence continues across a page break in it


@dataclass(frozen=True)
class Pass:
    proposals: list[Proposal]
    examined: list[Examined]  # every finding, whether or not it got a proposal
    evidence: DocumentEvidence
    document: Document  # the text as the pass read it


def propose_pass(text: str, resources: Resources, translation: str | None = None, trace: list | None = None,
                 join_hyphenation: bool = False, focus: list[tuple[int, int, int]] | None = None,
                 reopen: list[Examined] | None = None, before: DocumentEvidence | None = None,
                 document: Document | None = None, archive=None, learnt=None) -> Pass:
    """Proposals for the likely errors in `text`; with `focus`, only near the given places.

    `focus` lists (start, end, reach): character spans, each widened by `reach` tokens on either
    side. `reopen` are the findings of the previous pass still open, to look at again where the
    document's evidence for them changed since `before` (the previous pass's). Whatever the focus,
    the evidence from the whole document is used. `document` is the text already read, if at hand.
    `archive` (an `ocr_fix.archive.profile.ArchiveView`) adds the evidence of the rest of the archive,
    `learnt` (`ocr_fix.archive.decisions.Learnt`) the decisions of its reviewers.
    """
    doc = document if document is not None and document.text == text else Document(text)
    lookup = resources.lookup
    reading = _read_document(doc, resources, translation, archive)
    evidence = reading.evidence
    settled: list[Examined] = []
    in_focus = None if focus is None else focus_tokens(doc, focus)
    if in_focus is not None and reopen:
        again, settled = _reopened(doc, reopen, before, evidence, reading.phrases, in_focus)
        in_focus = in_focus | focus_tokens(doc, [(e.start, e.end, 0) for e in again])
    findings = detect(doc, lookup, focus=in_focus)
    continued = _continued_words(doc, findings)
    if continued:
        evidence = replace(evidence, page_breaks=True)
    proposals, examined = _verdicts(doc, findings, reading, resources, continued, archive, trace, join_hyphenation)
    examined.extend(settled)
    examined.sort(key=lambda e: (e.start, e.end))
    proposals = keep_documents_spelling(proposals, doc, lookup.lexicons)
    if learnt is not None:
        from ocr_fix.archive.decisions import apply_learnt

        proposals = apply_learnt(text, proposals, learnt, first_pass=focus is None)
    return Pass(_without_overlaps(proposals), examined, evidence, doc)


class _DocumentReading(NamedTuple):
    """What the verdicts read of the whole document before any finding is looked at."""

    names: object  # ocr_fix.propose.names.NameEvidence
    phrases: dict[int, tuple[str, str]]  # set-phrase hints by token
    words: DocumentWords
    past_share: float
    document_extra: dict[str, float]  # words of the document the frequency index lacks, with their frequency
    evidence: DocumentEvidence


def _read_document(doc: Document, resources: Resources, translation: str | None, archive) -> _DocumentReading:
    lookup = resources.lookup
    mentions = read_mentions(translation_text(doc, translation), lookup.lexicons)
    names = gather_evidence(doc, lookup, resources.name_index, mentions)
    names.archive = archive
    phrases = phrase_hints(doc, lookup.lexicons.phrases, lookup)
    own_words = document_words(doc, lookup)
    past_share = _past_share(own_words.past, own_words.present)
    # words of the document the frequency index lacks (names, period terms): candidates of their own
    document_extra = dict.fromkeys(own_words.unindexed, 3.0)
    evidence = DocumentEvidence(frozenset(own_words.counts), frozenset(own_words.pairs), frozenset(document_extra),
                                past_share >= PAST_NARRATIVE)
    return _DocumentReading(names, phrases, own_words, past_share, document_extra, evidence)


def _verdicts(doc: Document, findings: list[Finding], reading: _DocumentReading, resources: Resources,
              continued: dict[int, str], archive, trace: list | None,
              join_hyphenation: bool) -> tuple[list[Proposal], list[Examined]]:
    """The proposals for the findings, and every finding as examined."""
    lookup, name_index = resources.lookup, resources.name_index  # asked once, not for every finding
    proposals: list[Proposal] = []
    examined: list[Examined] = []
    stems = None  # the document's unknown words by stem, worked out when a word verdict first needs them
    by_stem = None  # the document's words by stem (`word_bins.WordsByStem`), made with `stems`
    pools: dict = {}  # each word's candidates wherever it stands (`word_pool.word_pool`), once a pass
    for finding in findings:
        proposer = RULES[finding.rule].proposer
        if proposer == "report":  # page furniture: reported, never corrected
            continue
        proposal, weighed, word = _without_word_verdict(doc, finding, proposer, lookup, reading.names, archive,
                                                        join_hyphenation)
        if word is None:
            examined.append(Examined(finding.start, finding.end, weighed))
        else:
            if stems is None:
                stems, by_stem = unknown_stems(doc, lookup), WordsByStem(doc, reading.words.counts)
            phrase = reading.phrases.get(word)
            site = WordSite(doc, word, lookup, reading.words.counts, reading.words.pairs, phrase, name_index,
                            reading.past_share, reading.document_extra, continued.get(word), unknown_stems=stems,
                            words_by_stem=by_stem, archive=archive, pools=pools)
            proposal = word_proposal(site, finding, trace=trace)
            examined.append(Examined(finding.start, finding.end, site.weighed, fold(doc.tokens[word].text),
                                     (site.neighbour_reading(-1), site.neighbour_reading(1)), phrase, site.pooled))
        if proposal is not None:
            proposals.append(proposal)
    return proposals, examined


def _without_word_verdict(doc: Document, finding: Finding, proposer: str, lookup, names, archive,
                          join_hyphenation: bool) -> tuple[Proposal | None, frozenset[str] | None, int | None]:
    """The proposal for a finding the word verdict does not serve, and the words it weighed; or, as the
    third value, the token of the word the word verdict is to judge."""
    weighed: frozenset[str] | None = frozenset()  # most verdicts read only the words around them
    proposal = None
    if proposer == "join":
        # Joining follows the user's choice: transcriptions usually keep the page's lines.
        proposal = Proposal(finding.start, finding.end, finding.text, finding.hint, 0.9, finding.rule,
                            finding.message, AUTO if join_hyphenation else REVIEW)
    elif finding.hint and proposer == "reference":
        # its place in a recognised structure (an archival reference, a run of headings) leaves one reading
        proposal = Proposal(finding.start, finding.end, finding.text, finding.hint, 0.95, finding.rule,
                            finding.message, AUTO)
    elif proposer == "number":
        proposal = _number_proposal(finding)
    elif finding.hint and proposer == "hint":
        proposal = _hint_proposal(finding, lookup)
    elif (first := doc.token_starting_at(finding.start)) is None:
        pass
    elif proposer == "name":
        weighed = None  # names are judged on the whole document's evidence
        proposal = _name_verdict(doc, finding, first, names, archive)
    elif proposer == "noise" and doc.tokens[first].end == finding.end:
        proposal = noise_proposal(doc, first, finding)
    elif (tok := doc.tokens[first]).end != finding.end or tok.kind not in (Kind.WORD, Kind.NUMBER):
        proposal = Proposal(finding.start, finding.end, finding.text, "", 0.0, finding.rule, finding.message, FLAG)
    elif tok.kind is Kind.NUMBER and finding.rule == "digit-in-word":
        proposal = preposition_proposal(doc, first, finding)
    elif tok.kind is Kind.NUMBER or script_of(tok.text) is Script.LATIN:
        proposal = Proposal(tok.start, tok.end, tok.text, "", 0.0, finding.rule, finding.message, FLAG)
    else:
        return None, None, first
    return proposal, weighed, None


def _name_verdict(doc: Document, finding: Finding, first: int, names, archive) -> Proposal | None:
    last = first
    while last + 1 < len(doc.tokens) and doc.tokens[last + 1].start < finding.end:
        last += 1
    if archive is not None and RULES[finding.rule].archive_vouches and _archive_writes(archive, finding.text):
        return None  # a name the archive writes so in many files, never corrected: its own
    return name_proposal(names, finding, first, last)


def _archive_writes(archive, text: str) -> bool:
    """Whether every word of `text` is one the archive writes in many other files and never corrected."""
    import regex

    words = [fold(w) for w in regex.findall(r"[\p{L}\p{M}]+(?:-[\p{L}\p{M}]+)*", text)]
    return bool(words) and all(archive.kept(w) for w in words)


def _reopened(doc: Document, reopen: list[Examined], before: DocumentEvidence | None, now: DocumentEvidence,
              phrases: dict[int, tuple[str, str]], near_edits: set[int]) -> tuple[list[Examined], list[Examined]]:
    """The previous pass's open findings split into those to look at again and those whose verdict
    cannot have changed: far from every edit (so their words and neighbours are as they were), with
    none of the document evidence they weighed changed."""
    if before is None or before.page_breaks or now.page_breaks:
        return reopen, []
    # Made of the two differences, not as `before.words ^ now.words`: that is a copy of one set with most
    # of it deleted again, whose table stays sized for the whole document, and every test of a finding's
    # words against it walked that table (a third of this function's time).
    changed = (before.words - now.words) | (now.words - before.words)
    after_word: dict[str, set[str]] = {}  # for a word, the words newly written (or no longer) after it
    before_word: dict[str, set[str]] = {}
    for first_word, second_word in before.pairs ^ now.pairs:
        after_word.setdefault(first_word, set()).add(second_word)
        before_word.setdefault(second_word, set()).add(first_word)
    # a word of the document the index lacks is a candidate of every word it is close to
    extra_changed = before.extra ^ now.extra
    document_extra = before.extra | now.extra
    # where nothing the verdicts weigh changed (a later pass after a few edits, as a rule), only the
    # findings near an edit are looked at again
    past_changed = before.past != now.past
    quiet = not changed and not after_word and not extra_changed and not past_changed and not phrases
    # the words any verdict could find newly written (or gone), alone or beside a neighbour
    touched = changed | after_word.keys() | before_word.keys()
    again, settled = [], []
    for e in reopen:
        first, last = doc.token_span(e.start, e.end)
        if e.weighed is None or not near_edits.isdisjoint(range(first, last + 1)):
            again.append(e)
            continue
        if quiet and e.hint is None:
            settled.append(e)
            continue
        if not e.weighed.isdisjoint(touched):
            left, right = e.neighbours
            if e.weighed & changed or e.weighed & after_word.get(left, _NONE) or e.weighed & before_word.get(right, _NONE):
                again.append(e)
                continue
        if e.folded and (past_changed or phrases.get(first) != e.hint
                         or extra_changed and _may_become_candidate(e, extra_changed, document_extra)):
            again.append(e)
        else:
            settled.append(e)
    return again, settled


_NONE: frozenset[str] = frozenset()


def _may_become_candidate(e: Examined, words: frozenset[str], document_extra: frozenset[str]) -> bool:
    """Whether any of `words`, added to the document or gone from it, may change a word's candidates:
    one close and cheap enough to be a candidate, or any close one where the document's words crowd
    the word's shortlist (see `candidates._shortlist`), so that one more or one less changes the list."""
    cutoff = shortlist_cutoff(e.folded)

    def close(pool) -> list[str]:
        return [word for word in pool if Levenshtein.distance(e.folded, word, score_cutoff=cutoff) <= cutoff]

    nearby = close(words)
    if not nearby:
        return False
    return e.pooled or any(confusion_cost(word, e.folded) <= MAX_COST for word in nearby) or \
        len(close(document_extra)) >= SHORTLIST


def focus_tokens(doc: Document, spans: list[tuple[int, int, int]]) -> set[int]:
    """The tokens of the given character spans, each widened by its reach in tokens."""
    out: set[int] = set()
    last_token = len(doc.tokens) - 1
    for start, end, reach in spans:
        first, last = doc.token_span(start, end)
        out.update(range(max(0, first - reach), min(last_token, last + reach) + 1))
    return out


def _continued_words(doc: Document, findings: list[Finding]) -> dict[int, str]:
    """Words that continue a sentence broken by a page break: the first small-letter word of a
    paragraph after a continuation mark, mapped to the last word before the mark."""
    out: dict[int, str] = {}
    for finding in findings:
        if finding.category != "furniture" or "см" not in finding.text.lower():
            continue  # only a continuation mark (`(см. сл. лист)`) breaks a sentence
        mark = doc.token_starting_at(finding.start)
        if mark is None:
            continue
        before = doc.adjacent_word(mark, -1) if mark else None
        j = mark
        for _ in range(400):  # stamps and registration lines between the pages, not a whole page
            j = doc.significant(j, 1)
            if j is None:
                break
            tok = doc.tokens[j]
            if tok.kind is Kind.WORD and tok.text[:1].islower() and doc.paragraph_start(j):
                if before is not None:
                    out[j] = doc.tokens[before].text
                break
    return out


def _past_share(past: int, present: int) -> float:
    """Share of past-tense forms among the document's unambiguous finite verbs (0.5 if it has few)."""
    return past / (past + present) if past + present >= 4 else 0.5


def _without_overlaps(proposals: list[Proposal]) -> list[Proposal]:
    proposals.sort(key=lambda p: (p.start, -p.end))
    out: list[Proposal] = []
    for p in proposals:
        if out and p.start < out[-1].end:
            continue
        out.append(p)
    return out


def apply_proposals(text: str, proposals: list[Proposal]) -> str:
    """The text with the given (non-overlapping) proposals' replacements applied."""
    return apply_edits(text, [(p.start, p.end, p.replacement) for p in sorted(proposals, key=lambda p: p.start)])


def automatic(proposals: list[Proposal]) -> list[Proposal]:
    return [p for p in proposals if p.bin == AUTO and p.changes_text]
