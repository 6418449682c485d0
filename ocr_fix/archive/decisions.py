"""Learning from review: the decisions of review files as evidence for the rest of an archive.

`ocr-fix learn REVIEW... -o decisions.tsv` records every decided row of the review files (accepted,
rejected, edited, an alternative chosen, deleted); `--decisions FILE` on `check`, `fix` and `propose`
uses them:

- a rejected proposal is not proposed again for the same word in the same context: the same
  original, the same replacement, and the same words just before and after it;
- a word the reviewer kept (every change of it rejected, none accepted) is known for the archive: it
  is neither flagged nor changed anywhere;
- an accepted (or edited, or chosen) correction is proposed for the same misreading wherever the
  original is written (as a whole word): automatically where the reviewer decided it in the same
  context, or where it was accepted in AGREEMENT places or more, always to the same text, and never
  rejected; else for review. The reviewer's correction takes the place of any other proposal there.

The decisions file is TSV, UTF-8, with a header line of column names after `#` comment lines:

    # ocr-fix decisions, format 1
    decision  original  replacement  before  after  file  rule
    accept    Сталипа   Сталина      тов     и       box1/a.txt.review.tsv  name-near-miss

`decision` is accept, reject, edit, alt1..3 or delete (as in the review file); `replacement` is the
text the decision put in place (the proposed one for a rejection); `before` and `after` are the words
next to the original (folded; empty at a line's edge of the context); `file` is the review file.
Cells are escaped as in review files (`\\t`, `\\n`, `\\\\`). Several decision files can be given;
`learn` with `-o` onto an existing file adds to it (a review learnt again replaces its earlier decisions).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import regex

from ocr_fix.errors import OcrFixError
from ocr_fix.resources import cached

MAGIC = "# ocr-fix decisions, format 1"
COLUMNS = ("decision", "original", "replacement", "before", "after", "file", "rule")
AGREEMENT = 3  # places an accepted correction needs, never rejected, to be applied without review
CONTEXT_CHARS = 40
_WORD = regex.compile(r"[\p{L}\p{M}\d]+(?:-[\p{L}\p{M}\d]+)*")


@dataclass(frozen=True)
class Decision:
    decision: str  # accept, reject, edit, delete, altN
    original: str
    replacement: str
    before: str
    after: str
    file: str = ""
    rule: str = ""

    @property
    def rejected(self) -> bool:
        return self.decision == "reject"


def neighbours(text: str, start: int, end: int) -> tuple[str, str]:
    """The words just before and after `start:end` (folded; "" where none is near)."""
    from ocr_fix.language.normalize import fold

    left = list(_WORD.finditer(text[max(0, start - CONTEXT_CHARS):start]))
    right = _WORD.search(text[end:end + CONTEXT_CHARS])
    return (fold(left[-1].group()) if left else "", fold(right.group()) if right else "")


def _cell(value: str) -> str:
    from ocr_fix.review.reviewfile import encode_cell

    return encode_cell(value)


def render(decisions: list[Decision]) -> str:
    lines = [MAGIC, "# decision: accept, reject, edit, delete, alt1..3; replacement: the text put in place "
             "(the one proposed, for a rejection); before, after: the words beside the original (folded)",
             "\t".join(COLUMNS)]
    for d in decisions:
        lines.append("\t".join(_cell(getattr(d, c)) for c in COLUMNS))
    return "\n".join(lines) + "\n"


def read_decisions(path: str | Path) -> list[Decision]:
    from ocr_fix.review.reviewfile import decode_cell

    where = str(path)
    try:
        data = Path(path).read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise OcrFixError(f"cannot read the decisions: {exc.strerror}", where) from None
    except UnicodeDecodeError:
        raise OcrFixError("the decisions file is not UTF-8", where) from None
    lines = data.splitlines()
    if not lines or lines[0].strip() != MAGIC:
        raise OcrFixError(f"not a decisions file (its first line should be `{MAGIC}`; make one with ocr-fix learn)",
                          where, 1)
    header = None
    out = []
    for number, line in enumerate(lines, start=1):
        if line.startswith("#") or not line.strip():
            continue
        cells = line.split("\t")
        if header is None:
            header = cells
            missing = [c for c in COLUMNS[:5] if c not in header]
            if missing:
                raise OcrFixError(f"the decisions file lacks the column(s) {', '.join(missing)}", where, number)
            continue
        if len(cells) != len(header):
            raise OcrFixError(f"{len(cells)} cells where the header has {len(header)}", where, number)
        fields = {name: decode_cell(cell) for name, cell in zip(header, cells)}
        out.append(Decision(**{c: fields.get(c, "") for c in COLUMNS}))
    return out


@cached("decisions.loads")
def _load(paths: tuple[tuple[str, float, int], ...]) -> Learnt:
    decisions = []
    for path, _mtime, _size in paths:
        decisions.extend(read_decisions(path))
    return Learnt(decisions)


def load_decisions(paths) -> Learnt | None:
    """The decisions in the given files, read once per process (again if a file changed)."""
    if not paths:
        return None
    keys = []
    for path in paths:
        try:
            stat = Path(path).stat()
        except OSError as exc:
            raise OcrFixError(f"cannot read the decisions: {exc.strerror}", str(path)) from None
        keys.append((str(path), stat.st_mtime, stat.st_size))
    return _load(tuple(keys))


class Learnt:
    """Decisions indexed for the passes."""

    def __init__(self, decisions: list[Decision]):
        from ocr_fix.language.normalize import fold

        self.decisions = decisions
        self.rejected: set[tuple[str, str, str, str]] = set()  # (original, replacement, before, after)
        changed: dict[str, list[Decision]] = defaultdict(list)  # original -> the decisions changing it
        rejections: dict[str, int] = defaultdict(int)  # folded original -> rejected rows
        accepted_folded: set[str] = set()
        for d in decisions:
            if d.rejected:
                self.rejected.add((d.original, d.replacement, d.before, d.after))
                rejections[fold(d.original)] += 1
            elif d.original and d.replacement != d.original:
                changed[d.original].append(d)
                accepted_folded.add(fold(d.original))
        # words the reviewer kept: rejected every change of, accepted none
        self.kept = frozenset(w for w in rejections if w not in accepted_folded)
        self.changes: dict[str, tuple[str, int, bool, frozenset]] = {}
        for original, rows in changed.items():
            texts = {d.replacement for d in rows}
            replacement = max(texts, key=lambda t: (sum(d.replacement == t for d in rows), t))
            agreed = sum(d.replacement == replacement for d in rows)
            unanimous = len(texts) == 1 and rejections.get(fold(original), 0) == 0
            places = frozenset((d.before, d.after) for d in rows if d.replacement == replacement)
            self.changes[original] = (replacement, agreed, unanimous, places)
        self._pattern = None
        if self.changes:
            alternatives = "|".join(regex.escape(o) for o in sorted(self.changes, key=len, reverse=True))
            self._pattern = regex.compile(rf"(?<![\p{{L}}\p{{M}}\d-])(?:{alternatives})(?![\p{{L}}\p{{M}}\d])")

    def is_rejected(self, text: str, proposal) -> bool:
        """Whether the reviewer rejected this proposal in this context, or kept its word."""
        from ocr_fix.language.normalize import fold

        if fold(proposal.original) in self.kept:
            return True
        before, after = neighbours(text, proposal.start, proposal.end)
        return (proposal.original, proposal.replacement, before, after) in self.rejected

    def known(self, folded: str) -> bool:
        return folded in self.kept

    def proposals(self, text: str, rule: str = "review-decision"):
        """The reviewers' corrections of the misreadings `text` writes, as proposals."""
        from ocr_fix.proposal import AUTO, REVIEW, Proposal

        if self._pattern is None:
            return []
        out = []
        for match in self._pattern.finditer(text):
            original = match.group()
            replacement, agreed, unanimous, places = self.changes[original]
            here = neighbours(text, match.start(), match.end()) in places
            automatic = here or (unanimous and agreed >= AGREEMENT)
            why = (f"a reviewer corrected `{original}` to `{replacement}` in {agreed} place(s)"
                   + ("; here, in the same context" if here else "")
                   + ("" if automatic else
                      f"; left for a person: applied by itself in the same context, or after {AGREEMENT} "
                      "agreeing decisions and no rejection"))
            out.append(Proposal(match.start(), match.end(), original, replacement, 0.95 if automatic else 0.6,
                                rule, why, AUTO if automatic else REVIEW))
        return out


def apply_learnt(text: str, proposals: list, learnt: Learnt | None, first_pass: bool = True) -> list:
    """The pass's proposals with the reviewers' decisions: rejected ones dropped, learnt ones in place
    of whatever else was proposed on their spans (on the first pass, which reads the whole text)."""
    if learnt is None:
        return proposals
    kept = [p for p in proposals if not learnt.is_rejected(text, p)]
    if not first_pass:
        return kept
    added = learnt.proposals(text)
    if not added:
        return kept
    out = [p for p in kept if not any(a.start < p.end and p.start < a.end for a in added)]
    return sorted(out + added, key=lambda p: (p.start, p.end))
