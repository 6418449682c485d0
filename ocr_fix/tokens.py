"""Split text into tokens that keep exact offsets into the input.

Every character of the input belongs to exactly one token, so joining the tokens' text rebuilds the
input byte for byte; later stages rely on this to edit spans without disturbing anything else.
"""

from __future__ import annotations

from bisect import bisect_right
from enum import Enum
from typing import Iterator, NamedTuple, Protocol

import regex

from ocr_fix.native import twin


class Kind(str, Enum):
    WORD = "word"  # letters, possibly with digits inside (`и2`) and inner hyphens (`ЦЗЕ-ДУН`)
    NUMBER = "number"  # digits with inner separators: 1949, 18.5, 10,000, 18/5
    PUNCT = "punct"
    MARKUP = "markup"  # Markdown emphasis and headings: **, *, __, #
    SPACE = "space"  # horizontal whitespace
    NEWLINE = "newline"
    OTHER = "other"  # symbols, emoji, stray marks


class Token(NamedTuple):
    # a named tuple rather than a frozen dataclass: a long text has millions, made four times faster
    kind: Kind
    text: str
    start: int
    end: int

    @property
    def is_word(self) -> bool:
        return self.kind is Kind.WORD


# Inner hyphens keep `ЦЗЕ-ДУН`, `Порт-Артур`, `12-ти` together; a hyphen at a word's edge stays
# punctuation so line-end hyphenation (`Северо-\nВосточного`) is visible to the layout rules.
_WORDLIKE = r"[\p{L}\p{M}\p{Nd}]+(?:[-\u2010\u2011'\u2019][\p{L}\p{M}\p{Nd}]+)*"
_TOKEN_RE = regex.compile(
    rf"""
    (?P<newline>\r\n|\r|\n)
  | (?P<space>[^\S\r\n]+)
  | (?P<number>\p{{Nd}}+(?:[.,/:]\p{{Nd}}+)*(?![\p{{L}}\p{{M}}\p{{Nd}}-]))
  | (?P<word>{_WORDLIKE})
  | (?P<markup>\*{{1,3}}|_{{2}}|\#{{1,6}}(?=\s))
  | (?P<punct>\p{{P}})
  | (?P<other>\X)
    """,
    regex.VERBOSE,
)

_HAS_LETTER = regex.compile(r"\p{L}")


_KIND_OF_GROUP = {kind.value: kind for kind in Kind}


def tokenize(text: str) -> list[Token]:
    return _TOKENIZER.tokenize(text)


def tokenize_counting(text: str, line_letters, lookalike) -> tuple[list[Token], list]:
    """`tokenize`, and each line's letters as `line_letters(tokens)` counts them (`lookalike` tells a
    word of Latin look-alikes)."""
    return _TOKENIZER.tokenize_counting(text, line_letters, lookalike)


def reading_afresh_pays() -> bool:
    """Whether reading a whole edited text again is quick here (the compiled tokenizer's way)."""
    return _TOKENIZER.reads_whole_texts_fast


class Tokenizer(Protocol):
    """`tokenize` and `tokenize_counting`: `PythonTokenizer`, or its compiled twin `CompiledTokenizer`
    (`tokens_kernel.pyx`, which reads lines of the plain alphabet of typed documents itself and
    leaves the rest to the regex), with the same tokens."""

    reads_whole_texts_fast: bool

    def tokenize(self, text: str) -> list[Token]: ...

    def tokenize_counting(self, text: str, line_letters, lookalike) -> tuple[list[Token], list]: ...


class PythonTokenizer:
    reads_whole_texts_fast = False

    def tokenize(self, text: str) -> list[Token]:
        return list(tokens_from(text, 0))

    def tokenize_counting(self, text: str, line_letters, lookalike) -> tuple[list[Token], list]:
        tokens = self.tokenize(text)
        return tokens, line_letters(tokens)


class CompiledTokenizer:
    reads_whole_texts_fast = True

    def __init__(self, kernel):
        self._tokenize_plain = kernel.tokenize_plain

    def tokenize(self, text: str) -> list[Token]:
        return self._tokenize_plain(text, *_KINDS, Token, _read_line)

    def tokenize_counting(self, text: str, line_letters, lookalike) -> tuple[list[Token], list]:
        return self._tokenize_plain(text, *_KINDS, Token, _read_line, line_letters, lookalike)


_KINDS = (Kind.WORD, Kind.NUMBER, Kind.PUNCT, Kind.MARKUP, Kind.SPACE, Kind.NEWLINE, Kind.OTHER)


def _read_line(text: str, start: int, end: int) -> list[Token]:
    """The tokens from `start` (a line's start) up to `end` (the next line's), read by the regex."""
    out = []
    for token in tokens_from(text, start):
        if token.start >= end:
            break
        out.append(token)
    return out


def tokens_from(text: str, position: int) -> Iterator[Token]:
    """The tokens of `text` from `position` on, which must be where a token starts (as `tokenize`,
    one at a time: an edited document reads a few tokens around each edit)."""
    kinds = _KIND_OF_GROUP
    make = tuple.__new__  # a named tuple made without its keyword-handling constructor: a text has millions
    has_letter = _HAS_LETTER.search
    for match in _TOKEN_RE.finditer(text, position):
        kind = kinds[match.lastgroup]
        piece = match.group()
        if kind is Kind.WORD and not has_letter(piece):
            kind = Kind.NUMBER  # `12-15`: a range of numbers, not a word
        start, end = match.span()
        yield make(Token, (kind, piece, start, end))


def line_starts(text: str) -> list[int]:
    """Offsets where each line begins; used to turn offsets into 1-based line:col."""
    starts = [0]
    for match in regex.finditer(r"\r\n|\r|\n", text):
        starts.append(match.end())
    return starts


def line_col(starts: list[int], offset: int) -> tuple[int, int]:
    index = bisect_right(starts, offset) - 1
    return index + 1, offset - starts[index] + 1


_TOKENIZER: Tokenizer = twin("tokens_kernel", PythonTokenizer(), CompiledTokenizer)
