"""Run the rules over a document, in registry order, and collect their findings."""

from __future__ import annotations

from operator import attrgetter

from ocr_fix.detect import (  # noqa: F401  (importing registers the rules)
    abbreviation_marks, agreement, case, comma_period, compound_gap, confidence, furniture_misread, layout,
    letter_case, mark_letters, name_parts, names, numbers, numerals, realword, references, split_letter,
    title_misread, titles, words,
)
from ocr_fix.detect.context import Context
from ocr_fix.detect.registry import RULES, in_order
from ocr_fix.document import Document
from ocr_fix.findings import Finding
from ocr_fix.lexicon.lookup import Lookup

# The order rules run in, as their registrations give it (ocr_fix.detect.registry).
ORDER = in_order()
# Rules that run whatever rules are asked for: they shape how the words around them are read (what
# is furniture or an archival reference is kept out of the word rules).
ALWAYS = tuple(rule_id for rule_id in ORDER if RULES[rule_id].always)


# A finding on a token depends on the tokens this close at most (a rule looks at a word's
# neighbours, never further than a few words away); a focused pass lets the rules see this far
# beyond its focus, so that what they claim there is claimed as in a full pass.
FOCUS_MARGIN = 6


def detect(doc: Document, lookup: Lookup, rules: set[str] | None = None,
           focus: set[int] | None = None) -> list[Finding]:
    """The findings of the rules, in text order.

    With `focus` (token indices), only findings on those tokens are reported, and the rules spend
    their time near them: what a later pass of `fix` needs after edits changed a few places.
    Page furniture is always reported: it shapes how the words around it are read.
    """
    reach = None
    if focus is not None:
        reach = widened(focus, FOCUS_MARGIN)
    ctx = Context(doc, lookup, focus=reach)
    findings: list[Finding] = []
    for rule_id in ORDER:
        if rules is not None and rule_id not in rules and rule_id not in ALWAYS:
            continue
        findings.extend(RULES[rule_id].check(ctx))
    if focus is not None:
        findings = [f for f in findings if f.category == "furniture" or _touches(doc, f, focus)]
    findings.sort(key=_TEXT_ORDER)
    return findings


_TEXT_ORDER = attrgetter("start", "end", "rule")  # (a C-level key: a long text has 200,000 findings)


def widened(tokens: set[int], margin: int) -> set[int]:
    """The tokens within `margin` of any of `tokens` (merged into runs first: a pass after many
    edits asks this of tens of thousands of tokens)."""
    out: set[int] = set()
    run_start = run_end = None
    for i in sorted(tokens):
        if run_end is not None and i - margin <= run_end + 1:
            run_end = i + margin
            continue
        if run_end is not None:
            out.update(range(run_start, run_end + 1))
        run_start, run_end = i - margin, i + margin
    if run_end is not None:
        out.update(range(run_start, run_end + 1))
    return out


def _touches(doc: Document, finding: Finding, tokens: set[int]) -> bool:
    first, last = doc.token_span(finding.start, finding.end)
    return not tokens.isdisjoint(range(first, last + 1))
