"""What an archive's files and reviews teach: one file's record for the archive's profile
(`profile_file`, for `ocr-fix profile`) and the decisions of one review file (`learn_review`, for
`ocr-fix learn`).

Both read inputs and run the correction passes, so they sit above them; what they produce
(`ocr_fix.archive.profile.FileRecord`, `ocr_fix.archive.decisions.Decision`) and the evidence the
passes use from it stay in `ocr_fix.archive`, below the passes.
"""

from __future__ import annotations

from pathlib import Path

from ocr_fix.archive.decisions import Decision, neighbours
from ocr_fix.archive.profile import MIN_LETTERS, FileRecord, text_digest
from ocr_fix.errors import OcrFixError


def profile_file(data: bytes, name: str, options=None) -> FileRecord:
    """The record of one file: its bytes read as `fix` reads them (plain text, or an OCR file), its
    words, names and word pairs, and the confident corrections `fix` makes in it. A pure function of
    its arguments (the dictionaries are loaded once per process)."""
    from ocr_fix.document import Document
    from ocr_fix.inputs import READERS, sniff
    from ocr_fix.language.normalize import fold
    from ocr_fix.options import PassOptions
    from ocr_fix.propose.engine import translation_text
    from ocr_fix.propose.names import gather_evidence
    from ocr_fix.propose.passes import fix_passes
    from ocr_fix.propose.document_words import document_words
    from ocr_fix.names.translation import read_mentions
    from ocr_fix.session import resources

    options = options or PassOptions()
    path = Path(name)
    source = READERS[sniff(data, path)](data, path, options)
    text = source.text
    res = resources(options.lexicons)
    record = FileRecord(name, text_digest(text))
    doc = Document(text)
    for folded in doc.folded_russian:
        if len(folded) >= MIN_LETTERS:
            record.words[folded] += 1
    lookup = res.lookup
    mentions = read_mentions(translation_text(doc, options.translation), lookup.lexicons)
    capitalised = {folded for i, folded in zip(doc.russian_words, doc.folded_russian) if doc.tokens[i].text[:1].isupper()}
    for present in gather_evidence(doc, lookup, res.name_index, mentions).present:
        if " " not in present and not _written_as_name(lookup.lexicons, present, capitalised):
            continue  # `или` is the river Или only where it is written so
        record.names[present] += 1
    for pair in document_words(doc, lookup).pairs:
        record.phrases[pair] += 1
    _corrected, proposals = fix_passes(text, res, options.translation, options.join_hyphenation, source.readings)
    for p in proposals:
        if p.bin == "auto" and p.changes_text:
            original, correction = fold(p.original), fold(p.replacement)
            if original != correction and _one_word(original) and _one_word(correction) \
                    and min(len(original), len(correction)) >= MIN_LETTERS:
                record.misreadings[(original, correction)] += 1
    return record


def _written_as_name(lexicons, text: str, capitalised: set[str]) -> bool:
    """Whether a one-part lexicon name is written with a capital in the document, in any of its forms:
    a name that is also a common word (the river `Или`, the conjunction `или`) counts only so."""
    from ocr_fix.language.normalize import fold

    forms = {fold(text)}
    for name in lexicons.name_entries(fold(text)):
        if name.text == text:
            forms |= set(name.last_forms)
    return not forms.isdisjoint(capitalised)


def _one_word(text: str) -> bool:
    return bool(text) and all(ch.isalpha() or ch == "-" for ch in text)


def _from_context(context: str) -> tuple[str, str] | None:
    """The neighbours from a review row's context cell (`…left⟦original⟧right…`)."""
    from ocr_fix.review.reviewfile import SPAN_CLOSE, SPAN_OPEN

    if SPAN_OPEN not in context or SPAN_CLOSE not in context:
        return None
    left, rest = context.split(SPAN_OPEN, 1)
    right = rest.rsplit(SPAN_CLOSE, 1)[1]
    left = left.lstrip("…").replace("\u23ce", "\n")
    right = right.rstrip("…").replace("\u23ce", "\n")
    text = left + "\x00" + right
    return neighbours(text, len(left), len(left) + 1)


def learn_review(path: str | Path) -> list[Decision]:
    """The decided rows of one review file. The neighbours come from the reviewed file's text when it is
    where the review says and unchanged, else from the rows' context cells."""
    from ocr_fix.review import decisions as review_decisions
    from ocr_fix.review.reviewfile import load

    review = load(path)
    text = _reviewed_text(review, Path(path))
    out = []
    for row in review.rows:
        decision = review_decisions.effective(row)
        if not decision:
            continue
        if decision == "reject":
            replacement = row.replacement
        else:
            if review_decisions.row_problem(row):
                continue
            replacement = review_decisions.chosen(row)
        if text is not None and text[row.start:row.end] == row.original:
            before, after = neighbours(text, row.start, row.end)
        else:
            found = _from_context(row.context)
            if found is None:
                continue
            before, after = found
        out.append(Decision(decision, row.original, replacement or "", before, after, str(path), row.rule))
    return out


def _reviewed_text(review, path: Path) -> str | None:
    import hashlib

    from ocr_fix.inputs import read_input
    from ocr_fix.options import PassOptions

    for candidate in (Path(review.source), path.parent / Path(review.source).name):
        try:
            if candidate.is_file() and hashlib.sha256(candidate.read_bytes()).hexdigest() == review.sha256:
                return read_input(candidate, PassOptions(encoding=review.encoding or None)).text
        except (OSError, OcrFixError):
            continue
    return None
