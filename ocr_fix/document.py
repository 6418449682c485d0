"""A text prepared for checking: its tokens, which lines are Russian, and offset-to-line mapping."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from itertools import accumulate, chain, compress, repeat
from operator import itemgetter, sub

from ocr_fix.language.normalize import fold
from ocr_fix.readings import EngineReadings
from ocr_fix.scripts import line_letters, lookalike_word, resolve_russian_lines
import regex

from ocr_fix.tokens import Kind, Token, line_col, line_starts, reading_afresh_pays, tokenize, tokenize_counting, tokens_from

_BLANK = (Kind.SPACE, Kind.NEWLINE, Kind.MARKUP)
_BLANK_SET = frozenset(_BLANK)
_KIND, _TEXT, _START = itemgetter(0), itemgetter(1), itemgetter(2)  # of a Token
_WORD = frozenset({Kind.WORD})


_BREAKS = regex.compile(r"[\r\n]")
# Past this many edits, reading the edited text afresh with the compiled tokenizer costs less than
# patching the document edit by edit (measured: 40 ms against 70 for the 2,000 edits of a first pass
# over 20,000 words; 20 against 12 for a handful).
_READ_AFRESH_AFTER = 300
_GAPS = (Kind.SPACE, Kind.NEWLINE)


def _moves_a_line_break(text: str, start: int, end: int, replacement: str) -> bool:
    """Whether an edit removes, adds, splits or joins a line break: one in what it removes or writes,
    or a `\\r` and `\\n` on either side of it that it joins (writing nothing) or splits (writing
    between them)."""
    if _BREAKS.search(text, start, end) or _BREAKS.search(replacement):
        return True
    return start > 0 and text[start - 1] == "\r" and text[end:end + 1] == "\n" and (start == end) != (not replacement)


def _moved(some: list[Token], by: int) -> list[Token]:
    """Tokens moved `by` characters (made without the named tuple's keyword constructor: thousands)."""
    make = tuple.__new__
    return some if not by else [make(Token, (t.kind, t.text, t.start + by, t.end + by)) for t in some]


def apply_edits(text: str, edits: list[tuple[int, int, str]]) -> str:
    """`text` with each (start, end, replacement) applied; the edits in text order, not overlapping."""
    pieces, position = [], 0
    for start, end, replacement in edits:
        if start < position:
            raise ValueError("overlapping edits")
        pieces.append(text[position:start])
        pieces.append(replacement)
        position = end
    pieces.append(text[position:])
    return "".join(pieces)


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
    _letters: list[tuple[int, int, bool]] = field(init=False, repr=False)  # per line, see `line_letters`
    # what the OCR engine said of each word, when the text came from an hOCR, ALTO or PAGE file
    readings: EngineReadings | None = field(default=None, repr=False, compare=False)

    def __post_init__(self) -> None:
        self.tokens, self._letters = tokenize_counting(self.text, line_letters, lookalike_word)
        self._index_lines()

    def _index_lines(self) -> None:
        self._index_tokens()
        self._resolve_lines()

    def _index_tokens(self) -> None:
        """Each token's line, and each line's tokens; the letters of the lines aside."""
        # Worked out line by line from the token offsets (tokens never cross a line break), with the
        # per-token work left to C-level list operations: a long text is read again in every pass.
        self.starts = starts = line_starts(self.text)
        tokens = self.tokens
        self._token_starts = token_starts = list(map(_START, tokens))
        self._kinds = kinds = list(map(_KIND, tokens))
        self._line_bounds = bounds = list(map(bisect_left, repeat(token_starts), starts)) + [len(tokens)]
        sizes = list(map(sub, bounds[1:], bounds[:-1]))  # tokens on each line
        self.token_line = list(chain.from_iterable(map(repeat, range(len(starts)), sizes)))
        # a line's blanks from the running count of blanks at its bounds
        blanks_before = list(map(list(accumulate(map(_BLANK_SET.__contains__, kinds), initial=0)).__getitem__, bounds))
        self.line_content = list(map(sub, sizes, map(sub, blanks_before[1:], blanks_before[:-1])))

    def _resolve_lines(self) -> None:
        """Which lines are Russian, from their letters, and the words of those lines."""
        self.russian_line = russian = resolve_russian_lines(self._letters)
        # Word tokens of Russian lines: what most rules walk over, computed once.
        words = list(compress(range(len(self._kinds)), map(_WORD.__contains__, self._kinds)))
        token_line = self.token_line
        self.russian_words = words if all(russian) else [i for i in words if russian[token_line[i]]]

    def edited(self, edits: list[tuple[int, int, str]]) -> Document:
        """The document of this text after `edits` (start, end, replacement; sorted, not overlapping):
        the same as `Document(new_text)`, with only the text around the edits read again; the engine's
        readings follow the text (see `EngineReadings.edited`)."""
        if not edits:
            return self
        document = self._edited_text(edits)
        if self.readings is not None:
            document.readings = self.readings.edited(edits)
        if "_kept" in self.__dict__:
            document.__dict__["_kept_before"] = (self.__dict__["_kept"], edits)
        return document

    def keep_for_edits(self, key: object, value: object) -> None:
        """Keep `value` for the document this one is edited into (`kept_before_edits` there): what a reader
        of the whole text found, to read again only around the edits (a later pass of `fix`)."""
        self.__dict__.setdefault("_kept", {})[key] = value

    def kept_before_edits(self, key: object) -> tuple[object, list[tuple[int, int, str]]] | None:
        """What the document this one was edited from kept under `key`, and the edits (in its offsets)."""
        kept, edits = self.__dict__.get("_kept_before", ({}, []))
        return (kept[key], edits) if key in kept else None

    def _edited_text(self, edits: list[tuple[int, int, str]]) -> Document:
        if len(edits) > _READ_AFRESH_AFTER and reading_afresh_pays():
            return Document(apply_edits(self.text, edits))  # read afresh: cheaper than patching that much
        touching: list[list] = []  # edits that touch act on the line breaks around them as one
        for start, end, replacement in edits:
            if touching and touching[-1][1] == start:
                touching[-1][1:] = [end, touching[-1][2] + replacement]
            else:
                touching.append([start, end, replacement])
        if any(_moves_a_line_break(self.text, *edit) for edit in touching):
            return self._edited_by_lines(edits)
        return self._edited_by_tokens(edits)

    def _edited_by_tokens(self, edits: list[tuple[int, int, str]]) -> Document:
        """`edited` for edits that leave every line break where it is (a misread word replaced).

        The tokenizer reads the new text again from the token before each edit until it starts a
        token where an old one started, past the edit: from there the text it reads is the old text,
        so the old tokens follow, only moved. The lines stay; only the letters of the lines the
        edits are on are counted again.
        """
        text, tokens, token_starts = self.text, self.tokens, self._token_starts
        new = Document.__new__(Document)
        new.text = new_text = apply_edits(text, edits)
        out: list[Token] = []
        stretches: list[tuple[int, int]] = []  # the spans of the new text read again
        moves: list[tuple[int, int, int]] = []  # runs of old tokens only moved: old first, old end, new first
        shift = next_old = k = 0
        while k < len(edits):
            # Read again from the last space or line break before the edit: a token never reaches across
            # one, but may reach back further (`0` `-` becomes `0-5` when `5` is written after it).
            first = bisect_right(token_starts, edits[k][0]) - 1
            while first > next_old and not (tokens[first].kind in _GAPS and tokens[first].start < edits[k][0]):
                first -= 1
            first = max(first, next_old, 0)
            moves.append((next_old, first, len(out)))
            out.extend(_moved(tokens[next_old:first], shift))
            position = (token_starts[first] if first < len(tokens) else len(text)) + shift
            start, end, replacement = edits[k]
            region_shift, region_end = shift + len(replacement) - (end - start), end
            k += 1
            next_old, resumed_at = len(tokens), len(new_text)
            for tok in tokens_from(new_text, position):
                while k < len(edits) and tok.start >= edits[k][0] + region_shift:
                    start, end, replacement = edits[k]  # an edit the reading has reached joins the stretch
                    region_shift, region_end = region_shift + len(replacement) - (end - start), end
                    k += 1
                old = tok.start - region_shift  # where this token would start in the old text
                if old >= region_end:
                    index = bisect_left(token_starts, old)
                    if index < len(tokens) and token_starts[index] == old:
                        # an old token starts here, past the edits: the old ones follow
                        next_old, resumed_at = index, tok.start
                        break
                out.append(tok)
            else:
                k = len(edits)  # read to the end: every edit is in the stretch
            stretches.append((position, resumed_at))
            shift = region_shift
        moves.append((next_old, len(tokens), len(out)))
        out.extend(_moved(tokens[next_old:], shift))
        new.tokens = out
        new._index_tokens()
        new._letters = self._letters_read_again(new, stretches)
        new._resolve_lines()
        if new.russian_line == self.russian_line and self.__dict__.get("_per_word"):
            # the same Russian lines: each moved word of them is a Russian word in both documents
            new.__dict__["_carry"] = (self.russian_words, dict(self.__dict__["_per_word"]), moves)
        return new

    def _letters_read_again(self, new: Document, stretches: list[tuple[int, int]]) -> list[tuple[int, int, bool]]:
        """The letters of the lines of `new`, this document edited on the same lines: only those of the
        lines with a stretch read again are counted again."""
        letters = list(self._letters)
        bounds, starts = new._line_bounds, new.starts
        changed_lines: set[int] = set()
        for begin, stop in stretches:
            changed_lines.update(range(bisect_right(starts, begin) - 1, bisect_right(starts, stop)))
        for line in changed_lines:
            letters[line] = line_letters(new.tokens[bounds[line]:bounds[line + 1]])[0]
        return letters

    def _edited_by_lines(self, edits: list[tuple[int, int, str]]) -> Document:
        """`edited` for any edits: the lines around an edit (and one more on either side, in case
        the edit joins or splits a line break) are tokenized on their own; the tokens of the other
        lines only move (tokens never cross a line break)."""
        text, starts, tokens = self.text, self.starts, self.tokens
        last_line = len(starts) - 1
        ranges: list[list[int]] = []  # [first line, last line, first edit, end edit], in old lines
        for k, (start, end, _replacement) in enumerate(edits):
            first = max(0, bisect_right(starts, start) - 2)
            last = min(last_line, bisect_right(starts, end))
            if ranges and first <= ranges[-1][1] + 1:
                ranges[-1][1] = max(ranges[-1][1], last)
                ranges[-1][3] = k + 1
            else:
                ranges.append([first, last, k, k + 1])
        new = Document.__new__(Document)
        new.text = new_text = apply_edits(text, edits)
        new._token_starts = None
        token_starts = self.token_starts
        moved = _moved
        out_tokens: list[Token] = []
        letters: list[tuple[int, int, bool]] = []
        shift = 0
        next_token = next_line = 0
        for first, last, first_edit, end_edit in ranges:
            old_start = starts[first]
            old_end = starts[last + 1] if last < last_line else len(text)
            begin = bisect_right(token_starts, old_start - 1)
            out_tokens.extend(moved(tokens[next_token:begin], shift))
            letters.extend(self._letters[next_line:first])
            growth = sum(len(r) - (e - s) for s, e, r in edits[first_edit:end_edit])
            new_start = old_start + shift
            piece = tokenize(new_text[new_start:old_end + shift + growth])
            out_tokens.extend(moved(piece, new_start))
            piece_letters = line_letters(piece)
            if last < last_line:
                piece_letters.pop()  # the range ends with a line break: what follows is the next line's
            letters.extend(piece_letters)
            shift += growth
            next_token = bisect_right(token_starts, old_end - 1)
            next_line = last + 1
        out_tokens.extend(moved(tokens[next_token:], shift))
        letters.extend(self._letters[next_line:])
        new.tokens = out_tokens
        new._letters = letters
        new._index_lines()
        return new

    def texts_of(self, indices: list[int]) -> list[str]:
        """The texts of these tokens (a C-level map: the rules ask it of every word of a document)."""
        if not indices:
            return []
        picked = itemgetter(*indices)(self.tokens)
        return [picked[1]] if len(indices) == 1 else list(map(_TEXT, picked))

    @cached_property
    def folded_russian(self) -> list[str]:
        """The folded text of each word of `russian_words` (the evidence passes all read them; worked
        out with C-level maps: every pass reads a long text again)."""
        return self.per_word("folded", lambda words: list(map(fold, self.texts_of(words))))

    def per_word(self, key: object, compute: Callable[[list[int]], list]) -> list:
        """A value for each word of `russian_words`, `compute(words)` giving those of a list of them (a
        value of a word's text alone); kept under `key`, and in an edited document carried over from
        the one it was edited from for the words only moved (a later pass of `fix` after a few edits)."""
        kept = self.__dict__.setdefault("_per_word", {})
        if key not in kept:
            carry = self.__dict__.get("_carry")
            if carry is not None and key in carry[1]:
                kept[key] = self._carried(carry, carry[1][key], compute)
            else:
                kept[key] = compute(self.russian_words)
        return kept[key]

    def _carried(self, carry: tuple, old_values: list, compute: Callable[[list[int]], list]) -> list:
        """`old_values` (of the words of the document this one was edited from) for the words only moved,
        `compute` for those read again."""
        old_words, _kept, moves = carry
        words = self.russian_words
        pieces: list[tuple[bool, int, int]] = []  # (read again?, first, end) in `again` or `old_values`
        again: list[int] = []  # the words read again, computed in one call (a call may cost more than a word)
        done = 0  # the words whose values `pieces` give
        for old_first, old_end, new_first in moves:
            start = bisect_left(words, new_first)
            if start > done:
                pieces.append((True, len(again), len(again) + start - done))
                again.extend(words[done:start])
            carried_from, carried_to = bisect_left(old_words, old_first), bisect_left(old_words, old_end)
            pieces.append((False, carried_from, carried_to))
            done = start + carried_to - carried_from
        pieces.append((True, len(again), len(again) + len(words) - done))
        again.extend(words[done:])
        computed = compute(again)
        out: list = []
        for read_again, first, end in pieces:
            out.extend((computed if read_again else old_values)[first:end])
        return out

    @cached_property
    def folded_russian_set(self) -> frozenset[str]:
        """The folded words of Russian lines, each once."""
        return frozenset(self.folded_russian)

    @property
    def token_kinds(self) -> list[Kind]:
        """Each token's kind, in order."""
        return self._kinds

    @property
    def token_starts(self) -> list[int]:
        """Each token's start offset, in order (worked out when first asked for)."""
        if self._token_starts is None:
            self._token_starts = [t.start for t in self.tokens]
        return self._token_starts

    def token_span(self, start: int, end: int) -> tuple[int, int]:
        """Indices of the first and last tokens that overlap the characters start..end."""
        token_starts = self.token_starts
        first = bisect_right(token_starts, start) - 1
        last = bisect_right(token_starts, max(start, end - 1)) - 1
        return max(first, 0), max(last, 0)

    def token_starting_at(self, offset: int) -> int | None:
        """The index of the token that starts at this offset, if one does."""
        token_starts = self.token_starts
        index = bisect_right(token_starts, offset) - 1
        return index if index >= 0 and token_starts[index] == offset else None

    def tokens_of(self, kinds: frozenset[Kind]) -> list[int]:
        """Indices of the tokens of these kinds, in order (worked out once a document for each set)."""
        found = self.__dict__.setdefault("_tokens_of", {})
        if kinds not in found:
            found[kinds] = list(compress(range(len(self._kinds)), map(kinds.__contains__, self._kinds)))
        return found[kinds]

    def line_tokens(self, line: int) -> tuple[int, int]:
        """The tokens of a line (0-based), its line break included: indices first..last-1."""
        token_starts = self.token_starts
        end = self.starts[line + 1] if line + 1 < len(self.starts) else len(self.text)
        return bisect_left(token_starts, self.starts[line]), bisect_left(token_starts, end)

    def is_russian(self, index: int) -> bool:
        return self.russian_line[self.token_line[index]]

    def line_col(self, offset: int) -> tuple[int, int]:
        return line_col(self.starts, offset)

    def significant(self, index: int, step: int) -> int | None:
        """The nearest token before (step=-1) or after (step=1) that is not whitespace or markup."""
        # (read from the kinds' own list: the rules and verdicts ask it of nearly every word, every pass)
        kinds = self._kinds
        i = index + step
        while 0 <= i < len(kinds):
            if kinds[i] not in _BLANK:
                return i
            i += step
        return None

    def adjacent_word(self, index: int, step: int) -> int | None:
        """The neighbouring word, if nothing but whitespace separates it from this token."""
        i = self.significant(index, step)
        return i if i is not None and self._kinds[i] is Kind.WORD else None

    def opens_line(self, index: int) -> bool:
        """Whether nothing but blanks stands before the token on its line."""
        i = index - 1
        while i >= 0 and self.tokens[i].kind is not Kind.NEWLINE and not self.tokens[i].text.strip():
            i -= 1
        return i < 0 or self.tokens[i].kind is Kind.NEWLINE

    def alone_on_line(self, index: int) -> bool:
        return self.line_content[self.token_line[index]] == 1

    def paragraph_start(self, index: int) -> bool:
        """Whether a token opens a paragraph (the text start or a blank line before it)."""
        kinds = self._kinds
        newlines = 0
        i = index - 1
        while i >= 0 and kinds[i] in _BLANK:
            if kinds[i] is Kind.NEWLINE:
                newlines += 1
            i -= 1
        return i < 0 or newlines >= 2
