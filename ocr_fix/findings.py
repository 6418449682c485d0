"""What a rule reports: a span of the exact input, the rule that found it, and why."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Finding:
    rule: str
    start: int
    end: int
    text: str
    message: str
    # "error": a likely OCR error; "furniture": page furniture, reported and never corrected;
    # "layout": a layout feature (a letter-spaced word) with a suggested repair. Not called `kind`: the
    # rules read a token's `kind` (word, space...) beside it. Users still see "kind" (`check -f json`).
    category: str = "error"
    hint: str | None = None  # a repair the rule itself can vouch for (a joined letter-spaced word)
    # False where the hint is the likely repair but the text may be right as it stands (a capital after a
    # small-letter word, where OCR may have lost a period): a person confirms it
    sure: bool = True

    @property
    def kind(self) -> str:
        """The old name of `category`, kept for callers' code reading `check_text`'s findings."""
        return self.category
