"""The rule registry: stable kebab-case ids with one-line descriptions, in the order rules run.

Layout rules run first and claim their tokens (a letter-spaced word is not a row of stray letters,
page furniture is not a misspelling), then name rules, then word rules on what is left.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ocr_fix.findings import Finding

if TYPE_CHECKING:
    from regex import Pattern


# How a finding of a rule becomes a proposal (ocr_fix.propose.engine): report only (page furniture); the
# rule's own reading (`hint`: letter-spaced, mixed-script...); a join on request (line hyphenation); the
# one reading a recognised structure leaves (`reference`: an archival reference, a run of numbered
# headings, a numeral inside a sentence); a misread number; a name weighed on the document's names;
# dropped noise; the word verdict (candidates ranked, the bins decided: ocr_fix.propose.words).
PROPOSERS = ("report", "hint", "join", "reference", "number", "name", "noise", "word")
# What a rule's suspicion of a real word rests on, where it flags one (the word verdict holds such a word
# for review unless the evidence is independent): agreement with the neighbours, a far more frequent
# neighbour, the OCR engine's doubt.
EVIDENCE = ("agreement", "likelihood", "engine")


@dataclass(frozen=True)
class Rule:
    """Everything about a rule, in one place: what it is, when it runs and what serves its findings."""

    id: str
    summary: str
    check: Callable[..., Iterable[Finding]]
    order: int  # rules run in this order: earlier ones claim their tokens from later ones
    proposer: str  # see PROPOSERS
    real_word: bool = False  # it flags words the dictionary knows (suspected of being other words)
    evidence: str | None = None  # see EVIDENCE
    always: bool = False  # runs whatever rules are asked for: it shapes how the words around it are read
    # A profiled archive (`--profile`) may vouch for the word it flags: one the other files write often
    # and never corrected is neither reported nor changed. So for a word suspected of being misread,
    # never for a broken one (a stray letter, digits in a word), whatever the archive writes.
    archive_vouches: bool = False


RULES: dict[str, Rule] = {}

# What kinds of word the rules look at, each a test of a word's text alone (given the context's
# lexicons): a rule that looks only at words of one kind (with digits, in capitals, unknown...) walks
# those, listed once a document for all rules together, instead of every word of the document.
WORD_KINDS: list[Callable[..., bool]] = []
# The kinds no word of small letters alone is of (see `word_kind`): most of a text's words are tested
# only for the others.
NOT_SMALL_LETTERS: set[Callable[..., bool]] = set()
# kind -> `among(lexicons)`, the folded forms outside which no word is of that kind (a lexicon's set):
# a text's words are tested only if their folded form is in it, a set look-up instead of a Python call.
AMONG: dict[Callable[..., bool], Callable[..., object]] = {}
# kind -> a pattern found in every word of that kind (a Latin letter, an ending): the other words
# are passed over by the pattern's `search`, in C, instead of a Python call of the test each.
NEEDS: dict[Callable[..., bool], Pattern[str]] = {}


def rule(rule_id: str, summary: str, *, order: int, proposer: str, real_word: bool = False,
         evidence: str | None = None, always: bool = False, archive_vouches: bool = False):
    if proposer not in PROPOSERS:
        raise ValueError(f"{rule_id}: unknown proposer {proposer!r}")
    if evidence is not None and evidence not in EVIDENCE:
        raise ValueError(f"{rule_id}: unknown evidence {evidence!r}")

    def register(func):
        if rule_id in RULES:
            raise ValueError(f"duplicate rule id {rule_id}")
        if any(r.order == order for r in RULES.values()):
            raise ValueError(f"{rule_id}: another rule runs at order {order}")
        RULES[rule_id] = Rule(rule_id, summary, func, order, proposer, real_word, evidence, always,
                              archive_vouches)
        return func

    return register


def in_order() -> list[str]:
    """The rule ids in the order they run."""
    return sorted(RULES, key=lambda rule_id: RULES[rule_id].order)


def serving(proposer: str) -> frozenset[str]:
    """The rules whose findings `proposer` serves."""
    return frozenset(rule_id for rule_id, r in RULES.items() if r.proposer == proposer)


def archive_vouched() -> frozenset[str]:
    """The rules whose word a profiled archive may vouch for (see `Rule.archive_vouches`)."""
    return frozenset(rule_id for rule_id, r in RULES.items() if r.archive_vouches)


def word_kind(test: Callable[..., bool] | None = None, *, small_letters: bool = True,
              among: Callable[..., object] | None = None, needs: Pattern[str] | None = None):
    """Register `test(ctx, text)`, a kind of word some rule looks at (see `Context.open_words`).
    `@word_kind(small_letters=False)`: the test is false of every text of small letters alone
    (`text.isalpha() and text.islower()`: no capital, digit, mark or hyphen), which is then not tested.
    `@word_kind(among=lambda lexicons: lexicons.some_set)`: the test is false of every text whose folded
    form (`normalize.fold`) is not in that set, which is then not tested.
    `@word_kind(needs=regex.compile(...))`: the test is false of every text in which the pattern finds
    nothing (`search`), which is then not tested."""

    def register(test: Callable[..., bool]) -> Callable[..., bool]:
        WORD_KINDS.append(test)
        if not small_letters:
            NOT_SMALL_LETTERS.add(test)
        if among is not None:
            AMONG[test] = among
        if needs is not None:
            NEEDS[test] = needs
        return test

    return register if test is None else register(test)
