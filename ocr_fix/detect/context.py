"""What every rule sees: the document, the word lookup, and which tokens earlier rules claimed."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import compress, repeat
from operator import and_

from ocr_fix.detect.registry import AMONG, NEEDS, NOT_SMALL_LETTERS, WORD_KINDS
from ocr_fix.document import Document
from ocr_fix.findings import Finding
from ocr_fix.language.normalize import fold
from ocr_fix.lexicon.lookup import Lookup
from ocr_fix.tokens import Kind

_MARKS = frozenset({Kind.PUNCT, Kind.OTHER})  # the kinds of token a mark is


@dataclass
class Context:
    doc: Document
    lookup: Lookup
    claimed: set[int] = field(default_factory=set)  # token indices already explained by a finding
    protected: set[int] = field(default_factory=set)  # tokens inside page furniture
    # When set, the rules look only at these tokens (a later pass of `fix` re-examines what its
    # edits may have changed); what the rules know of the other tokens stays as in a full pass.
    focus: set[int] | None = None
    _focus_words: list[int] = field(init=False, repr=False)
    _in_view: list[bool] = field(init=False, repr=False)  # within a focus: whether each Russian word is in it
    # open_words as last worked out, and the sizes of `claimed` and `protected` then: both only grow
    # during a pass, so while their sizes stand the list stands (most rules claim nothing)
    _open: tuple[int, int, list[int]] | None = field(init=False, default=None, repr=False)
    # the lookup's lexicons, an attribute: the word kinds read it for every distinct word of a text
    lexicons: object = field(init=False, repr=False)

    def __post_init__(self) -> None:
        words = self.doc.russian_words
        if self.focus is None:
            self._focus_words = words
        else:
            self._in_view = list(map(self.focus.__contains__, words))  # of each word, whether in the focus
            self._focus_words = list(compress(words, self._in_view))
        self.lexicons = self.lookup.lexicons

    def finding(self, rule: str, first: int, last: int, message: str, category: str = "error",
                hint: str | None = None, claim: bool = True, sure: bool = True) -> Finding:
        tokens = self.doc.tokens
        start, end = tokens[first].start, tokens[last].end
        if claim:
            self.claimed.update(range(first, last + 1))
        return Finding(rule, start, end, self.doc.text[start:end], message, category, hint, sure)

    def open_words(self, kind: Callable[..., bool] | None = None) -> list[int]:
        """Word tokens of Russian lines that no earlier rule has claimed (within the focus, if any);
        with `kind` (a test registered with `registry.word_kind`), only the words of that kind."""
        claimed, protected = self.claimed, self.protected
        if kind is not None:
            return [i for i in self._words_of_kind()[kind] if i not in claimed and i not in protected]
        words = self._focus_words
        if self._open is not None and self._open[0] == len(claimed) and self._open[1] == len(protected):
            return self._open[2]
        if not claimed and not protected:
            open_words = words
        else:
            open_words = [i for i in words if i not in claimed and i not in protected]
        self._open = (len(claimed), len(protected), open_words)
        return open_words

    def _words_of_kind(self, everywhere: bool = False) -> dict[Callable[..., bool], list[int]]:
        """The words (within the focus, or everywhere) of each registered kind. The document's words are
        looked up all at once (a word's kinds are worked out when its text is first seen, and kept as
        bits). Within a focus, the words in view are sorted by kind, and the whole text's words only
        for a kind a rule asks of everywhere (a later pass asks a few)."""
        if self.focus is None:
            if "_kinds_everywhere" not in self.__dict__:
                self.__dict__["_kinds_everywhere"] = _by_kind(self.doc.russian_words, self._document_kind_bits())
            return self.__dict__["_kinds_everywhere"]
        if everywhere:
            if "_kinds_everywhere" not in self.__dict__:
                self.__dict__["_kinds_everywhere"] = _Everywhere(self.doc.russian_words, self._document_kind_bits())
            return self.__dict__["_kinds_everywhere"]
        if "_kinds" not in self.__dict__:
            # picked from the whole text's kinds, which a later pass asks for anyway (and which are
            # mostly carried over from the document before the edits): no word looked up twice
            in_view = compress(self._document_kind_bits(), self._in_view)
            self.__dict__["_kinds"] = _by_kind(self._focus_words, list(in_view))
        return self.__dict__["_kinds"]

    def _document_kind_bits(self) -> list[int]:
        """The kinds of each word of the document's Russian lines, as bits (kept with the document, and
        carried over to its edited successor: a later pass of `fix` reads the same words again)."""
        texts_of = self.doc.texts_of
        # kept under the lexicons' own memo of word kinds: what they are depends on the lexicons
        key = ("word kinds", self.lexicons.caches.memo("context.word_kinds"))
        return self.doc.per_word(key, lambda words: self._kind_bits(texts_of(words)))

    def _kind_bits(self, texts: list[str]) -> list[int]:
        """The kinds of each text as bits (bit n: of WORD_KINDS[n]), each distinct text worked out once
        for the lexicons and kept (a document writes most of its words many times)."""
        known = self.lexicons.caches.memo("context.word_kinds")
        found = list(map(known.get, texts))
        if None in found:
            new = self._new_kind_bits(list(dict.fromkeys(text for text, bits in zip(texts, found) if bits is None)))
            known.add_all(new)
            found = [new[text] if bits is None else bits for text, bits in zip(texts, found)]
        return found

    def _new_kind_bits(self, texts: list[str]) -> dict[str, int]:
        """The kinds of distinct texts, worked out kind by kind: each test runs only on the texts it can
        hold of (most kinds need a capital, or a word of a lexicon's list, and most words have neither)."""
        bits = dict.fromkeys(texts, 0)
        not_small_letters = [text for text in texts if not (text.islower() and text.isalpha())]
        for n, kind in enumerate(WORD_KINDS):
            candidates = not_small_letters if kind in NOT_SMALL_LETTERS else texts
            among = AMONG.get(kind)
            if among is not None:
                forms = among(self.lexicons)
                candidates = [text for text in candidates if fold(text) in forms]
            needs = NEEDS.get(kind)
            if needs is not None:
                candidates = list(filter(needs.search, candidates))
            flag = 1 << n
            for text in [text for text in candidates if kind(self, text)]:
                bits[text] |= flag
        return bits

    @property
    def focus_words(self) -> list[int]:
        """Word tokens of Russian lines within the focus (all of them without one), claimed or not."""
        return self._focus_words

    @property
    def focus_positions(self) -> list[int]:
        """The positions in `doc.russian_words` of the words within the focus, in order (the rules that
        read runs of words by position ask it in a later pass; worked out once for them all)."""
        if self.focus is None:
            return list(range(len(self._focus_words)))
        if "_focus_positions" not in self.__dict__:
            self.__dict__["_focus_positions"] = list(compress(range(len(self._in_view)), self._in_view))
        return self.__dict__["_focus_positions"]

    def open_among(self, indices) -> list[int]:
        """Those of `indices` that are open words (as `open_words` gives them), in order: for a rule that
        finds its few candidates from the tokens around them rather than walking every word."""
        doc, claimed, protected = self.doc, self.claimed, self.protected
        tokens, russian_line, token_line = doc.tokens, doc.russian_line, doc.token_line
        return [i for i in sorted(set(indices)) if 0 <= i < len(tokens) and tokens[i].kind is Kind.WORD
                and russian_line[token_line[i]] and self.in_focus(i) and i not in claimed and i not in protected]

    def words_before_marks(self, texts) -> list[int]:
        """The open words (as `open_among` gives them) right before a mark (a punctuation or other token)
        of these texts: found from the marks of the text, or within a focus from the words in view."""
        doc = self.doc
        tokens, kinds = doc.tokens, doc.token_kinds
        if self.focus is None:
            return self.open_among(j - 1 for j in doc.tokens_of(_MARKS) if tokens[j].text in texts)
        last = len(tokens) - 1
        return self.open_among([i for i in self._focus_words
                                if i < last and kinds[i + 1] in _MARKS and tokens[i + 1].text in texts])

    def words_of(self, kind: Callable[..., bool]) -> list[int]:
        """Word tokens of Russian lines of that kind (within the focus, if any), claimed or not."""
        return self._words_of_kind()[kind]

    def words_of_everywhere(self, kind: Callable[..., bool]) -> list[int]:
        """Word tokens of Russian lines of that kind, whatever the focus, claimed or not."""
        return self._words_of_kind(everywhere=True)[kind]

    def open_words_everywhere(self, kind: Callable[..., bool] | None = None) -> list[int]:
        """Word tokens of Russian lines that no earlier rule has claimed, whatever the focus (with
        `kind`, only the words of that kind)."""
        claimed, protected = self.claimed, self.protected
        words = self.doc.russian_words if kind is None else self._words_of_kind(everywhere=True)[kind]
        return [i for i in words if i not in claimed and i not in protected]

    def tokens_in_view(self, kinds: frozenset[Kind]) -> list[int]:
        """Indices of the tokens of these kinds the rules look at: all of them, or those within the focus."""
        if self.focus is None:
            return self.doc.tokens_of(kinds)
        focus = self.focus
        if len(focus) * 8 < len(self.doc.tokens):
            # a narrow focus (a later pass after a few edits): its own tokens, not the whole text's
            if "_focus_in_order" not in self.__dict__:
                last = len(self.doc.tokens)
                self.__dict__["_focus_in_order"] = sorted(i for i in focus if 0 <= i < last)
            token_kinds = self.doc.token_kinds
            return [i for i in self.__dict__["_focus_in_order"] if token_kinds[i] in kinds]
        of_kinds = self.doc.tokens_of(kinds)
        return list(compress(of_kinds, map(focus.__contains__, of_kinds)))

    def in_focus(self, index: int) -> bool:
        return self.focus is None or index in self.focus

    @property
    def name_index(self):
        from ocr_fix.names.matching import NameIndex

        return self.lexicons.derived("lexicon.name_index", lambda: NameIndex(self.lexicons))

    def folded(self, index: int) -> str:
        return fold(self.doc.tokens[index].text)


def _by_kind(words: list[int], bits_of_words: list[int]) -> dict[Callable[..., bool], list[int]]:
    """The words of each registered kind, in document order, from each word's kinds as bits: one walk
    over the words (most are of no kind), each word handed to the lists of the kinds it is of."""
    lists: dict[Callable[..., bool], list[int]] = {kind: [] for kind in WORD_KINDS}
    appenders: dict[int, tuple] = {}  # bits -> the `append`s of its kinds' lists
    for i, bits in zip(words, bits_of_words):
        if bits:
            adds = appenders.get(bits)
            if adds is None:
                adds = appenders[bits] = tuple(lists[kind].append for n, kind in enumerate(WORD_KINDS) if bits >> n & 1)
            for add in adds:
                add(i)
    return lists


class _Everywhere(dict):
    """The words of each kind in the whole text, each kind's list picked from the words' kinds (as bits)
    when first asked for."""

    # (given the bits, not the context that works them out: a context holding this would be a reference
    # cycle, kept alive with its document until the garbage collector's rare full collection)
    def __init__(self, words: list[int], kind_bits: list[int]) -> None:
        super().__init__()
        self._words, self._bits = words, kind_bits

    def __missing__(self, kind: Callable[..., bool]) -> list[int]:
        flag = 1 << WORD_KINDS.index(kind)
        listed = self[kind] = list(compress(self._words, map(and_, self._bits, repeat(flag))))
        return listed
