import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ocr_fix.tokens import CompiledTokenizer, Kind, PythonTokenizer, line_col, line_starts, tokenize
from tests.twins import compiled_param, twin_params

RUSSIAN = "Тов. МАО ЦЗЕ-ДУН сказал: 12-ти стран, 18.5 и 10,000 **НЕ СЕКРЕТНО** и2 ВКП(б)\r\nдалее"


def kinds(text):
    return [(t.kind, t.text) for t in tokenize(text) if t.kind not in (Kind.SPACE,)]


def test_words_keep_inner_hyphens_and_digits():
    found = kinds(RUSSIAN)
    assert (Kind.WORD, "ЦЗЕ-ДУН") in found
    assert (Kind.WORD, "12-ти") in found
    assert (Kind.WORD, "и2") in found
    assert (Kind.NUMBER, "18.5") in found
    assert (Kind.NUMBER, "10,000") in found
    assert (Kind.MARKUP, "**") in found
    assert (Kind.NEWLINE, "\r\n") in found


def test_line_end_hyphen_is_punctuation():
    found = kinds("Северо-\nВосточного")
    assert found == [(Kind.WORD, "Северо"), (Kind.PUNCT, "-"), (Kind.NEWLINE, "\n"), (Kind.WORD, "Восточного")]


def test_offsets_point_into_the_text():
    for tok in tokenize(RUSSIAN):
        assert RUSSIAN[tok.start:tok.end] == tok.text


def test_line_col():
    text = "ab\ncd\r\nef"
    starts = line_starts(text)
    assert line_col(starts, text.index("d")) == (2, 2)
    assert line_col(starts, text.index("e")) == (3, 1)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=200))
def test_tokens_rebuild_any_text(text):
    tokens = tokenize(text)
    assert "".join(t.text for t in tokens) == text
    assert all(t.start < t.end for t in tokens)
    assert all(a.end == b.start for a, b in zip(tokens, tokens[1:]))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["Кореи", "МАО", "ЦЗЕ-ДУН", " ", "\n", "\r\n", ".", "5", "й", "\u0306", "e\u0301",
                                 "😀", "שלום", "**", "№"]), max_size=30))
def test_tokens_rebuild_mixed_scripts(pieces):
    text = "".join(pieces)
    assert "".join(t.text for t in tokenize(text)) == text


# --- a document edited in place reads as the edited text read afresh --------------------------------

from hypothesis import example, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from ocr_fix.document import Document  # noqa: E402
from tests.test_passes import apply  # noqa: E402  (the edited text, written out independently)

_PIECES = ["слово", "Москва", "CCCP", "word", " ", "  ", "\n", "\r\n", "\r", "-", "12", "12-15", "т.", ",", "ЦЗЕ-ДУН",
           "\n\n", "о", "ё", "IV", "©", "**"]
_texts = st.lists(st.sampled_from(_PIECES), max_size=40).map("".join)


@st.composite
def _edited(draw):
    text = draw(_texts)
    cuts = sorted(draw(st.lists(st.integers(0, len(text)), max_size=8)))
    edits, position = [], 0
    for start, end in zip(cuts[::2], cuts[1::2]):
        if start < position:
            continue
        edits.append((start, end, draw(st.sampled_from(["", "и", "слово", "\n", "\r", "-\n", " ", "Lat", "5", "\u0301",
                                                         "x y"]))))
        position = end
    return text, edits


@settings(max_examples=400, deadline=None)
@given(_edited())
@example(("слово\rи\nслово", [(6, 7, "")]))  # the edit joins `\r` and `\n` of two lines into one line break
@example(("слово\rи.\nслово", [(6, 7, ""), (7, 8, "")]))  # ... two edits that touch do so together
@example(("0-\nслово", [(2, 2, "5")]))  # `0` and `-` become one token `0-5`: read again from the space before
@example(("слово  и", [(7, 7, " ")]))  # a space written after spaces lengthens their token
def test_an_edited_document_equals_the_edited_text_read_afresh(case):
    text, edits = case
    new_text = apply(text, edits)
    patched, fresh = Document(text).edited(edits), Document(new_text)
    assert patched.text == fresh.text
    assert patched.tokens == fresh.tokens
    assert patched.starts == fresh.starts
    assert patched.token_line == fresh.token_line
    assert patched.line_content == fresh.line_content
    assert patched.russian_line == fresh.russian_line
    assert patched.russian_words == fresh.russian_words


@settings(max_examples=400, deadline=None)
@given(_edited())
@example(("слово Москва\nслово и", [(6, 12, "Лат")]))  # a word replaced inside a line
@example(("слово\nword word\nМосква", [(6, 10, "слово")]))  # ... which makes a Latin line Russian
def test_an_edited_document_carries_over_its_words_values_as_read_afresh(case):
    text, edits = case
    doc = Document(text)
    doc.folded_russian  # noqa: B018 (worked out before the edit, as a pass does)
    doc.per_word("texts", lambda words: doc.texts_of(words))
    patched, fresh = doc.edited(edits), Document(apply(text, edits))
    assert patched.per_word("texts", patched.texts_of) == fresh.texts_of(fresh.russian_words)
    assert patched.folded_russian == fresh.folded_russian


@settings(max_examples=300, deadline=None)
@given(_texts)
def test_a_document_indexes_its_lines_as_a_token_by_token_count_does(text):
    doc = Document(text)
    line, token_line, content = 0, [], [0] * len(doc.starts)
    for tok in doc.tokens:
        token_line.append(line)
        if tok.kind is Kind.NEWLINE:
            line += 1
        elif tok.kind not in (Kind.SPACE, Kind.MARKUP):
            content[line] += 1
    assert doc.token_line == token_line
    assert doc.line_content == content
    assert doc.russian_words == [i for i, t in enumerate(doc.tokens)
                                 if t.kind is Kind.WORD and doc.russian_line[token_line[i]]]


# The compiled tokenizer (tokens_kernel.pyx) reads lines of the plain alphabet itself: the pieces where
# the token rules turn on one character (numbers against words, hyphens, Markdown, line breaks).
_PLAIN = list("aZ09Яяё.,/:;'\"#*_ \t\r\n()!?$+<=>^`|~«»–—№-") + [
    "12", "1.5", "1,5", "18/5", "12-15", "###", "#######", "***", "****", "__", "___", "т.", "слово", "CCCP",
    "и2", "06", "\r\n", "ї", "é", "\u0301", "\x0b"]


_COMPILED_TOKENIZER = compiled_param("tokens_kernel", CompiledTokenizer)


@pytest.mark.parametrize("tokenizer", _COMPILED_TOKENIZER)
@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(_PLAIN), max_size=30).map("".join))
@example("12.5а 1949. 18/5, 12-15т ###x ## y **** __a_")
def test_the_compiled_tokenizer_reads_as_the_regex_does(tokenizer, text):
    from ocr_fix.tokens import tokens_from

    assert tokenizer.tokenize(text) == list(tokens_from(text, 0))  # tokens_from is the regex alone


@pytest.mark.parametrize("tokenizer", twin_params("tokens_kernel", PythonTokenizer(), CompiledTokenizer))
@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PLAIN + ["CCCP", "IV", "MOCKBA", "word", "слово", "😀"]), max_size=30).map("".join))
def test_each_tokenizer_counts_the_lines_letters_as_line_letters_does(tokenizer, text):
    from ocr_fix.scripts import line_letters, lookalike_word

    tokens, letters = tokenizer.tokenize_counting(text, line_letters, lookalike_word)
    assert tokens == tokenizer.tokenize(text) and "".join(t.text for t in tokens) == text
    assert letters == line_letters(tokens)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_PLAIN + ["CCCP", "IV", "MOCKBA", "word", "слово", "😀"]), max_size=30).map("".join))
def test_a_document_counts_its_lines_letters_as_line_letters_does(text):
    from ocr_fix.scripts import line_letters

    doc = Document(text)  # read and counted in one go where the tokenizer is compiled
    assert doc.tokens == tokenize(text)
    assert doc._letters == line_letters(doc.tokens)
