"""The rule registry: stable kebab-case ids with one-line descriptions, in the order rules run.

Layout rules run first and claim their tokens (a letter-spaced word is not a row of stray letters,
page furniture is not a misspelling), then name rules, then word rules on what is left.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from ocr_fix.findings import Finding


@dataclass(frozen=True)
class Rule:
    id: str
    summary: str
    check: Callable[..., Iterable[Finding]]


RULES: dict[str, Rule] = {}

# What kinds of word the rules look at, each a test of a word's text alone (given the context's
# lexicons): a rule that looks only at words of one kind (with digits, in capitals, unknown...) walks
# those, listed once a document for all rules together, instead of every word of the document.
WORD_KINDS: list[Callable[..., bool]] = []


def rule(rule_id: str, summary: str):
    def register(func):
        if rule_id in RULES:
            raise ValueError(f"duplicate rule id {rule_id}")
        RULES[rule_id] = Rule(rule_id, summary, func)
        return func

    return register


def word_kind(test: Callable[..., bool]) -> Callable[..., bool]:
    """Register `test(ctx, text)`, a kind of word some rule looks at (see `Context.open_words`)."""
    WORD_KINDS.append(test)
    return test
