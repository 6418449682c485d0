"""From findings to proposals for a whole document (one pass; `passes.py` repeats it for `fix`)."""

from __future__ import annotations

from dataclasses import dataclass

from ocr_fix.detect import detect
from ocr_fix.document import Document
from ocr_fix.findings import Finding
from ocr_fix.proposal import AUTO, FLAG, REVIEW, Proposal
from ocr_fix.names.translation import read_mentions
from ocr_fix.propose.names import gather_evidence, name_proposal
from ocr_fix.propose.phrases import phrase_hints
from ocr_fix.propose.words import WordSite, document_words, word_proposal
from ocr_fix.session import Resources
from ocr_fix.scripts import Script, script_of
from ocr_fix.tokens import Kind


def _hint_proposal(finding: Finding, lookup) -> Proposal:
    """A repair the rule itself vouches for (a joined letter-spaced or split word, Cyrillic letters for
    Latin look-alikes): applied when the result is a known word, else proposed for review."""
    known = all(lookup.known_word(w) for w in finding.hint.split())
    message = finding.message + ("" if known else " (not a known word: check it)")
    return Proposal(finding.start, finding.end, finding.text, finding.hint, 0.95 if known else 0.5, finding.rule,
                    message, AUTO if known else REVIEW)


NAME_RULES = {"name-near-miss", "name-syllables", "name-in-garbled-list", "name-unknown"}


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


@dataclass(frozen=True)
class Pass:
    proposals: list[Proposal]
    examined: list[tuple[int, int]]  # the span of every finding, whether or not it got a proposal


def propose_pass(text: str, resources: Resources, translation: str | None = None, trace: list | None = None,
                 join_hyphenation: bool = False, focus: list[tuple[int, int, int]] | None = None) -> Pass:
    """Proposals for the likely errors in `text`; with `focus`, only near the given places.

    `focus` lists (start, end, reach): character spans, each widened by `reach` tokens on either
    side. Whatever the focus, the evidence from the whole document is used.
    """
    doc = Document(text)
    lookup = resources.lookup
    findings = detect(doc, lookup, focus=None if focus is None else focus_tokens(doc, focus))
    mentions = read_mentions(translation_text(doc, translation), lookup.lexicons)
    names = gather_evidence(doc, lookup, resources.name_index, mentions)
    phrases = phrase_hints(doc, lookup.lexicons.phrases, lookup)
    known_words, known_pairs = document_words(doc, lookup)
    past_share = _past_share(known_words)
    # words of the document the frequency index lacks (names, period terms): candidates of their own
    document_extra = {w: 3.0 for w in known_words if lookup.index.zipf(w) is None}
    proposals: list[Proposal] = []
    token_at = {tok.start: i for i, tok in enumerate(doc.tokens)}
    continued = _continued_words(doc, findings, token_at)
    for finding in findings:
        if finding.kind == "furniture":
            continue
        if finding.rule == "line-hyphenation":
            # Joining follows the user's choice: transcriptions usually keep the page's lines.
            proposals.append(Proposal(finding.start, finding.end, finding.text, finding.hint, 0.9, finding.rule,
                                      finding.message, AUTO if join_hyphenation else REVIEW))
            continue
        if finding.hint and finding.rule in ("letter-spaced", "mixed-script", "latin-lookalike", "split-word"):
            proposals.append(_hint_proposal(finding, lookup))
            continue
        first = token_at.get(finding.start)
        if first is None:
            continue
        if finding.rule in NAME_RULES:
            last = first
            while last + 1 < len(doc.tokens) and doc.tokens[last + 1].start < finding.end:
                last += 1
            proposal = name_proposal(names, finding, first, last)
            if proposal is not None:
                proposals.append(proposal)
            continue
        tok = doc.tokens[first]
        if tok.end != finding.end or tok.kind not in (Kind.WORD, Kind.NUMBER):
            proposals.append(Proposal(finding.start, finding.end, finding.text, "", 0.0, finding.rule,
                                      finding.message, FLAG))
            continue
        if tok.kind is Kind.NUMBER or script_of(tok.text) is Script.LATIN:
            proposals.append(Proposal(tok.start, tok.end, tok.text, "", 0.0, finding.rule, finding.message, FLAG))
            continue
        site = WordSite(doc, first, lookup, known_words, known_pairs, phrases.get(first), resources.name_index,
                        past_share, document_extra, continued.get(first))
        proposal = word_proposal(site, finding, trace=trace)
        if proposal is not None:
            proposals.append(proposal)
    examined = [(f.start, f.end) for f in findings if f.kind != "furniture"]
    return Pass(_without_overlaps(proposals), examined)


def focus_tokens(doc: Document, spans: list[tuple[int, int, int]]) -> set[int]:
    """The tokens of the given character spans, each widened by its reach in tokens."""
    out: set[int] = set()
    last_token = len(doc.tokens) - 1
    for start, end, reach in spans:
        first, last = doc.token_span(start, end)
        out.update(range(max(0, first - reach), min(last_token, last + reach) + 1))
    return out


def _continued_words(doc: Document, findings: list[Finding], token_at: dict[int, int]) -> dict[int, str]:
    """Words that continue a sentence broken by a page break: the first small-letter word of a
    paragraph after a continuation mark, mapped to the last word before the mark."""
    out: dict[int, str] = {}
    for finding in findings:
        if finding.kind != "furniture" or "см" not in finding.text.lower():
            continue  # only a continuation mark (`(см. сл. лист)`) breaks a sentence
        mark = token_at.get(finding.start)
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


def _past_share(words: dict[str, int]) -> float:
    """Share of past-tense forms among the document's unambiguous finite verbs (0.5 if it has none)."""
    from ocr_fix.language.grammar import FINITE_ENDING, verb_tense

    past = present = 0
    for word, count in words.items():
        if not FINITE_ENDING.search(word):
            continue  # only words that end like a finite verb are worth a dictionary look-up
        tense = verb_tense(word)
        if tense == "past":
            past += count
        elif tense in ("pres", "futr"):
            present += count
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
    pieces = []
    position = 0
    for p in sorted(proposals, key=lambda p: p.start):
        if p.start < position:
            raise ValueError("overlapping proposals")
        pieces.append(text[position:p.start])
        pieces.append(p.replacement)
        position = p.end
    pieces.append(text[position:])
    return "".join(pieces)


def automatic(proposals: list[Proposal]) -> list[Proposal]:
    return [p for p in proposals if p.bin == AUTO and p.changes_text]
