"""A stray mark the noise rule found, dropped or read where the page leaves one reading, else flagged.

Typewriters of the period had no braces, no bars, no backquotes: such marks are specks, or a bracket or
`о` worn into another shape. What stands around a mark decides: a speck at a line's end or start, between
two spaces, stuck to one end of a word, or where the space between two words was, can only be dropped
(or read for the space); a brace is a bracket; `©` before a word in the prepositional case is `о`.
"""

from __future__ import annotations

from ocr_fix.document import Document
from ocr_fix.findings import Finding
from ocr_fix.language.normalize import fold
from ocr_fix.proposal import AUTO, FLAG, Proposal
from ocr_fix.propose.repairs import preposition_cased, preposition_fits
from ocr_fix.tokens import Kind

_QUOTE_SPECKS = frozenset("‘’`")
_LONE_SPECKS = _QUOTE_SPECKS | frozenset("|¦")
_LINE_END_SPECKS = _LONE_SPECKS | frozenset("_°^")  # nothing follows them at a line's end to make them more
_JOINING_SPECKS = frozenset("`|")
_LINE_END_MARKS = frozenset(".,:;")
_BRACKETS = {"{": "(", "}": ")"}
_QUOTE_MARKS = _QUOTE_SPECKS | frozenset("'\"«»“”„")
_BLANKS = (Kind.SPACE, Kind.NEWLINE)


class _Mark:
    """A mark and the tokens right around it."""

    def __init__(self, doc: Document, index: int, finding: Finding):
        tokens = doc.tokens
        self.doc, self.index, self.finding = doc, index, finding
        self.tok = tokens[index]
        self.before = tokens[index - 1] if index else None
        self.after = tokens[index + 1] if index + 1 < len(tokens) else None
        self.last = tokens[index - 2] if index >= 2 else None  # what the space before the mark follows

    @property
    def spaced_before(self) -> bool:
        return self.before is None or self.before.kind in _BLANKS

    @property
    def spaced_after(self) -> bool:
        return self.after is None or self.after.kind in _BLANKS

    @property
    def at_line_end(self) -> bool:
        return (self.before is not None and self.before.kind is Kind.SPACE
                and (self.after is None or self.after.kind is Kind.NEWLINE))

    def replaced(self, start_token, end_token, replacement: str, why: str) -> Proposal:
        text = self.doc.text[start_token.start:end_token.end]
        return Proposal(start_token.start, end_token.end, text, replacement, 0.9, self.finding.rule,
                        f"{self.finding.message}; {why}", AUTO)


def noise_proposal(doc: Document, index: int, finding: Finding) -> Proposal:
    mark = _Mark(doc, index, finding)
    tok = mark.tok
    if tok.text == "©" and mark.spaced_before and mark.spaced_after and mark.before is not None:
        return _circle_for_o(mark) or _flag(mark)
    for repair in (_speck_after_a_phrase_word, _brace, _speck_between_words, _mark_at_line_end):
        proposal = repair(mark)
        if proposal is not None:
            return proposal
    if tok.text in _QUOTE_SPECKS and _quoted(doc, index):
        return _flag(mark)
    for repair in (_speck_at_line_end, _speck_at_line_start, _speck_between_spaces, _quote_at_word_end):
        proposal = repair(mark)
        if proposal is not None:
            return proposal
    return _flag(mark)


def _flag(mark: _Mark) -> Proposal:
    tok = mark.tok
    return Proposal(tok.start, tok.end, tok.text, "", 0.0, mark.finding.rule, mark.finding.message, FLAG)


def _circle_for_o(mark: _Mark) -> Proposal | None:
    """`© работе`: the preposition `о`, before a word in the prepositional case that starts with a consonant."""
    doc, tokens = mark.doc, mark.doc.tokens
    following = doc.adjacent_word(mark.index, 1)
    if following is None or not tokens[following].text[:1].islower():
        return None
    if not preposition_fits("о", fold(tokens[following].text)):
        return None
    word = preposition_cased(doc, mark.index, "о", tokens[following].text)
    return mark.replaced(mark.tok, mark.tok, word, "`©` for the preposition `о` before a word in the prepositional case")


def _speck_after_a_phrase_word(mark: _Mark) -> Proposal | None:
    """`японской. агрессии`: the detection rule found the dot inside a phrase (its hint: the word before)."""
    if mark.tok.text == "." and mark.finding.hint and mark.before is not None and mark.before.text == mark.finding.hint:
        return mark.replaced(mark.before, mark.tok, mark.before.text, "dropped")
    return None


def _brace(mark: _Mark) -> Proposal | None:
    """`ВКП (6}`, `{см. сл. лист)`: no typewriter of the period had braces; a worn bracket reads as one."""
    if mark.tok.text in _BRACKETS:
        return mark.replaced(mark.tok, mark.tok, _BRACKETS[mark.tok.text], "a bracket worn into a brace")
    return None


def _speck_between_words(mark: _Mark) -> Proposal | None:
    """`Пакта`Мира`: a speck where the space between two words was; no quotation opens inside a word."""
    before, after = mark.before, mark.after
    if (mark.tok.text in _JOINING_SPECKS and before is not None and after is not None
            and before.kind is Kind.WORD and after.kind is Kind.WORD):
        return mark.replaced(mark.tok, mark.tok, " ", "a speck between two words, read for the space")
    return None


def _mark_at_line_end(mark: _Mark) -> Proposal | None:
    """`вопросы: .`, `содействие. ,`: a second mark after the line's own; `ВЯ 1949 .`, `молния .`: a dot
    standing apart after a line's last word, measured on the dev sets a speck twelve times as often as the
    line's own period parted from its word (joined to the word instead, it broke right words)."""
    last = mark.last
    if mark.tok.text not in _LINE_END_MARKS or not mark.at_line_end or last is None:
        return None
    if last.kind is Kind.PUNCT:
        return mark.replaced(last, mark.tok, last.text, "a second mark at the line's end, dropped")
    if mark.tok.text == "." and last.kind in (Kind.WORD, Kind.NUMBER):
        return mark.replaced(last, mark.tok, last.text, "a dot apart at the line's end, dropped")
    return None


def _speck_at_line_end(mark: _Mark) -> Proposal | None:
    """`И. СТАЛИН |`: a speck after the last word of a line, dropped with the space before it."""
    last = mark.last
    if mark.tok.text in _LINE_END_SPECKS and mark.at_line_end and last is not None and last.kind not in _BLANKS:
        return mark.replaced(last, mark.tok, last.text, "dropped at the line's end")
    return None


def _speck_at_line_start(mark: _Mark) -> Proposal | None:
    """`` ` Заместитель``: a speck opening a line, dropped with the space after it."""
    after = mark.after
    if (mark.tok.text in _LONE_SPECKS and (mark.before is None or mark.before.kind is Kind.NEWLINE)
            and after is not None and after.kind is Kind.SPACE and mark.index + 2 < len(mark.doc.tokens)
            and mark.doc.tokens[mark.index + 2].kind is Kind.WORD):
        following = mark.doc.tokens[mark.index + 2]
        return mark.replaced(mark.tok, following, following.text, "dropped at the line's start")
    return None


def _speck_between_spaces(mark: _Mark) -> Proposal | None:
    """A speck standing alone between words: dropped with one of the spaces around it (an empty replacement
    would mean no reading, so the spaces are part of the span)."""
    before, after = mark.before, mark.after
    if (mark.tok.text in _LONE_SPECKS and before is not None and before.kind is Kind.SPACE
            and after is not None and after.kind is Kind.SPACE):
        return mark.replaced(before, after, " ", "dropped")
    return None


def _quote_at_word_end(mark: _Mark) -> Proposal | None:
    """`‘склады`, `дать’`: a quote mark at one end of a word only (no other quote mark on its line)."""
    before, after = mark.before, mark.after
    if mark.tok.text not in _QUOTE_SPECKS:
        return None
    why = "a quote mark at one end of a word only, dropped"
    if after is not None and after.kind is Kind.WORD and mark.spaced_before:
        return mark.replaced(mark.tok, after, after.text, why)
    if before is not None and before.kind is Kind.WORD and (mark.spaced_after or after.kind is Kind.PUNCT):
        return mark.replaced(before, mark.tok, before.text, why)
    return None


def _quoted(doc: Document, index: int) -> bool:
    """Whether another quote mark stands on the same line: the marks may pair up as quotation."""
    first, last = doc.line_tokens(doc.token_line[index])
    return any(doc.tokens[i].text in _QUOTE_MARKS for i in range(first, last) if i != index)
