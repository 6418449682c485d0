"""Run the rules over a document, in registry order, and collect their findings."""

from __future__ import annotations

from ocr_fix.detect import layout, names, realword, words  # noqa: F401  (importing registers the rules)
from ocr_fix.detect.context import Context
from ocr_fix.detect.registry import RULES
from ocr_fix.document import Document
from ocr_fix.findings import Finding
from ocr_fix.language.lookup import Lookup

ORDER = [
    "page-furniture", "letter-spaced", "line-hyphenation",
    "name-near-miss", "name-syllables", "name-in-garbled-list",
    "split-word", "mixed-script", "latin-lookalike", "letter-case", "abbreviation-near-miss", "digit-in-word", "stray-letter",
    "noise", "name-unknown", "unknown-word", "unlikely-word", "grammar-mismatch", "sentence-case",
]


def detect(doc: Document, lookup: Lookup, rules: set[str] | None = None) -> list[Finding]:
    ctx = Context(doc, lookup)
    findings: list[Finding] = []
    for rule_id in ORDER:
        if rules is not None and rule_id not in rules and rule_id not in ("page-furniture", "letter-spaced"):
            continue
        findings.extend(RULES[rule_id].check(ctx))
    findings.sort(key=lambda f: (f.start, f.end, f.rule))
    return findings
