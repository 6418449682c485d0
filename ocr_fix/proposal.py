"""What a correction proposal is: a span of the exact input, its replacement, and the evidence."""

from __future__ import annotations

from dataclasses import dataclass, field

AUTO = "auto"  # confident: `fix` applies it, a review file pre-fills `accept`
REVIEW = "review"  # plausible: proposed for a person to decide
FLAG = "flag"  # suspicious but without a good candidate: reported only

BINS = (AUTO, REVIEW, FLAG)


@dataclass(frozen=True, slots=True)
class Proposal:
    start: int
    end: int
    original: str  # text[start:end] when the proposal was made
    replacement: str  # "" for a flag-only proposal
    score: float  # 0..1, how sure ocr-fix is that the replacement is right
    rule: str  # the detection rule that raised the span
    explanation: str  # the evidence, in a sentence
    bin: str = REVIEW
    alternatives: tuple[str, ...] = field(default=())  # up to three other replacements, best first
    # the evidence behind the score as (name, value) pairs, for programs and review files (the explanation
    # says the same in a sentence): e.g. ("misreading cost", 0.4), ("in the document", 2)
    evidence: tuple[tuple[str, object], ...] = field(default=())

    @property
    def changes_text(self) -> bool:
        return bool(self.replacement) and self.replacement != self.original
