"""The automatic fix as repeated passes, expressed as proposals on the original text.

One correction can enable another (a corrected word becomes evidence for its neighbour), so `fix`
runs passes until nothing more is applied. The combined result is then described as replacements of
spans of the *original* text, found by comparing its tokens with the result's: accepting exactly
those proposals in a review file reproduces `fix`'s output, and `fix` on its own output changes
nothing more.
"""

from __future__ import annotations

from difflib import SequenceMatcher

from ocr_fix.proposal import AUTO, Proposal
from ocr_fix.propose.engine import apply_proposals, automatic, propose
from ocr_fix.session import Resources
from ocr_fix.tokens import tokenize

MAX_PASSES = 4


def _regions(original: str, corrected: str) -> list[tuple[int, int, str]]:
    """Spans of the original and their replacements that turn it into the corrected text."""
    a = tokenize(original)
    b = tokenize(corrected)
    matcher = SequenceMatcher(None, [t.text for t in a], [t.text for t in b], autojunk=False)
    regions = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        start = a[i1].start if i1 < len(a) else len(original)
        end = a[i2 - 1].end if i2 > i1 else start
        replacement = corrected[b[j1].start : b[j2 - 1].end] if j2 > j1 else ""
        regions.append((start, end, replacement))
    return regions


def fix_passes(text: str, resources: Resources, translation: str | None = None) -> tuple[str, list[Proposal]]:
    """The fully corrected text and all proposals on the original text (automatic ones combined)."""
    first = propose(text, resources, translation)
    auto = automatic(first)
    current = apply_proposals(text, auto)
    applied = list(auto)
    for _ in range(MAX_PASSES - 1):
        more = automatic(propose(current, resources, translation))
        if not more:
            break
        current = apply_proposals(current, more)
        applied.extend(more)
    if len(applied) == len(auto):
        combined = auto
    else:
        combined = []
        for start, end, replacement in _regions(text, current):
            inside = [p for p in auto if start <= p.start and p.end <= end]
            if len(inside) == 1 and (inside[0].start, inside[0].end, inside[0].replacement) == (start, end, replacement):
                combined.append(inside[0])
                continue
            rules = sorted({p.rule for p in inside}) or ["follow-up"]
            explanation = "; ".join(p.explanation for p in inside) or "a correction made possible by the corrections around it"
            score = min((p.score for p in inside), default=0.5)
            combined.append(Proposal(start, end, text[start:end], replacement, score, ",".join(rules),
                                     explanation, AUTO))
    spans = [(p.start, p.end) for p in combined]
    others = [p for p in first if p.bin != AUTO and not any(p.start < e and s < p.end for s, e in spans)]
    proposals = sorted(combined + others, key=lambda p: (p.start, p.end))
    return current, proposals
