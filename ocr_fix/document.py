"""A text prepared for checking: its tokens, which lines are Russian, and offset-to-line mapping."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cached_property

from ocr_fix.language.normalize import fold
from ocr_fix.scripts import russian_lines
from ocr_fix.tokens import Kind, Token, line_col, line_starts, tokenize

_BLANK = (Kind.SPACE, Kind.NEWLINE, Kind.MARKUP)


@dataclass
class Document:
    text: str
    tokens: list[Token] = field(init=False)
    token_line: list[int] = field(init=False)  # 0-based line of each token
    russian_line: list[bool] = field(init=False)
    starts: list[int] = field(init=False)
    line_content: list[int] = field(init=False)  # tokens on each line other than blanks
    russian_words: list[int] = field(init=False)
    _token_starts: list[int] | None = field(init=False, default=None, repr=False)

    def __post_init__(self) -> None:
        self.tokens = tokenize(self.text)
        self.starts = line_starts(self.text)
        line = 0
        self.token_line = []
        self.line_content = [0] * len(self.starts)
        for tok in self.tokens:
            self.token_line.append(line)
            if tok.kind is Kind.NEWLINE:
                line += 1
            elif tok.kind not in _BLANK:
                self.line_content[line] += 1
        self.russian_line = russian_lines(self.text, self.tokens)
        russian = self.russian_line
        lines = self.token_line
        # Word tokens of Russian lines: what most rules walk over, computed once.
        self.russian_words = [i for i, tok in enumerate(self.tokens) if tok.kind is Kind.WORD and russian[lines[i]]]

    @cached_property
    def folded_russian_words(self) -> list[tuple[int, str]]:
        """(token index, folded text) of the words of Russian lines: the evidence passes all read them."""
        tokens = self.tokens
        return [(i, fold(tokens[i].text)) for i in self.russian_words]

    def token_span(self, start: int, end: int) -> tuple[int, int]:
        """Indices of the first and last tokens that overlap the characters start..end."""
        if self._token_starts is None:
            self._token_starts = [t.start for t in self.tokens]
        first = bisect_right(self._token_starts, start) - 1
        last = bisect_right(self._token_starts, max(start, end - 1)) - 1
        return max(first, 0), max(last, 0)

    def is_russian(self, index: int) -> bool:
        return self.russian_line[self.token_line[index]]

    def line_col(self, offset: int) -> tuple[int, int]:
        return line_col(self.starts, offset)

    def word_indices(self) -> list[int]:
        return [i for i, t in enumerate(self.tokens) if t.kind is Kind.WORD]

    def significant(self, index: int, step: int) -> int | None:
        """The nearest token before (step=-1) or after (step=1) that is not whitespace or markup."""
        i = index + step
        while 0 <= i < len(self.tokens):
            if self.tokens[i].kind not in _BLANK:
                return i
            i += step
        return None

    def adjacent_word(self, index: int, step: int) -> int | None:
        """The neighbouring word, if nothing but whitespace separates it from this token."""
        i = self.significant(index, step)
        return i if i is not None and self.tokens[i].kind is Kind.WORD else None

    def alone_on_line(self, index: int) -> bool:
        return self.line_content[self.token_line[index]] == 1

    def paragraph_start(self, index: int) -> bool:
        """Whether a token opens a paragraph (the text start or a blank line before it)."""
        newlines = 0
        i = index - 1
        while i >= 0 and self.tokens[i].kind in _BLANK:
            if self.tokens[i].kind is Kind.NEWLINE:
                newlines += 1
            i -= 1
        return i < 0 or newlines >= 2
