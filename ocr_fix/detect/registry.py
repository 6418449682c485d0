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


def rule(rule_id: str, summary: str):
    def register(func):
        if rule_id in RULES:
            raise ValueError(f"duplicate rule id {rule_id}")
        RULES[rule_id] = Rule(rule_id, summary, func)
        return func

    return register
