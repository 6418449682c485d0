# cython: language_level=3, boundscheck=False, wraparound=False
"""The tokenizer of `tokens.py`, compiled, for lines of the plain alphabet of typed Russian documents:
ASCII, the Russian letters, `«»`, the dashes and `№`. Every token rule of `tokens._TOKEN_RE` is
decided here by the same preferences (a number before a word, and a number only where no letter,
digit or hyphen follows it; Markdown before punctuation), so the tokens are the regex's to the last
offset (tests/test_tokens.py compares them on random text). A line with any other character is left
to the regex. Built where ocr-fix was installed with a C compiler at hand.
"""

# Character classes of the plain alphabet, as the regex sees them.
cdef enum Class:
    OUTSIDE = 0  # not of the plain alphabet: the text goes to the regex
    LETTER = 1  # \p{L}
    DIGIT = 2  # \p{Nd}
    SPACE = 3  # [^\S\r\n]
    BREAK = 4  # \r or \n
    PUNCT = 5  # \p{P}
    SYMBOL = 6  # anything else of the alphabet: a grapheme cluster of its own


cdef inline Class _class(Py_UCS4 c) noexcept nogil:
    if c < 128:
        if (c >= 97 and c <= 122) or (c >= 65 and c <= 90):
            return LETTER
        if c >= 48 and c <= 57:
            return DIGIT
        if c == 32 or c == 9:
            return SPACE
        if c == 10 or c == 13:
            return BREAK
        if c < 32 or c == 127:
            return OUTSIDE  # other controls: the regex decides
        # ASCII punctuation (\p{P}); $ + < = > ^ ` | ~ are symbols
        if c == 36 or c == 43 or c == 60 or c == 61 or c == 62 or c == 94 or c == 96 or c == 124 or c == 126:
            return SYMBOL
        return PUNCT
    if (c >= 0x410 and c <= 0x44F) or c == 0x401 or c == 0x451:
        return LETTER
    if c == 0xAB or c == 0xBB or c == 0x2013 or c == 0x2014:  # « » – —
        return PUNCT
    if c == 0x2116:  # №
        return SYMBOL
    return OUTSIDE


cdef inline bint _alnum(Class k) noexcept nogil:
    return k == LETTER or k == DIGIT


def tokenize_plain(str text, word, number, punct, markup, space, newline, other, token_type, read_line,
                   line_letters=None, lookalike=None):
    """The tokens of `text` as `tokens.tokenize` makes them. The kinds are passed in (`tokens.Kind`
    members) with the Token type; a line with a character outside the plain alphabet is read by
    `read_line(text, start, end)` (the regex; tokens never cross a line break).

    With `line_letters` and `lookalike` (see `scripts.line_letters`), also each line's Cyrillic and
    Latin letters and whether its words of Latin letters could all be Cyrillic look-alikes (asked of
    `lookalike(word)`): (tokens, letters). A line read by the regex has its letters counted by
    `line_letters(tokens)`."""
    cdef Py_ssize_t n = len(text)
    cdef Py_ssize_t i = 0, j, k, end, best, line_end = -1
    cdef Py_UCS4 c
    cdef Class cls
    cdef bint has_letter, plain
    cdef bint counting = line_letters is not None
    cdef long cyrillic = 0, latin = 0, word_cyrillic, word_latin
    cdef bint lookalike_only = True
    make = tuple.__new__
    out = []
    letters = []
    append = out.append
    while i < n:
        if i > line_end:  # a new line: is it all of the plain alphabet?
            j = i
            plain = True
            while j < n and _class(text[j]) != BREAK:
                if _class(text[j]) == OUTSIDE:
                    plain = False
                j += 1
            if j < n:
                j += 2 if text[j] == 13 and j + 1 < n and text[j + 1] == 10 else 1
            line_end = j - 1  # the line's last character, its line break included
            if not plain:
                line = read_line(text, i, j)
                out.extend(line)
                if counting:
                    counted = line_letters(line)  # the line's letters, then (if it ends) the next line's
                    if len(counted) > 1:
                        letters.append(counted[0])
                    else:
                        cyrillic, latin, lookalike_only = counted[0]
                i = j
                continue
        c = text[i]
        cls = _class(c)
        if cls == BREAK:
            end = i + 2 if c == 13 and i + 1 < n and text[i + 1] == 10 else i + 1
            append(make(token_type, (newline, text[i:end], i, end)))
            if counting:
                letters.append((cyrillic, latin, lookalike_only))
                cyrillic = latin = 0
                lookalike_only = True
            i = end
            continue
        if cls == SPACE:
            end = i + 1
            while end < n and _class(text[end]) == SPACE:
                end += 1
            append(make(token_type, (space, text[i:end], i, end)))
            i = end
            continue
        if cls == DIGIT:
            # \p{Nd}+(?:[.,/:]\p{Nd}+)*(?![\p{L}\p{M}\p{Nd}-]): the longest such run ending after a digit
            # that no letter, digit or hyphen follows (the regex backtracks to it)
            best = -1
            j = i
            while True:
                while j < n and _class(text[j]) == DIGIT:
                    j += 1
                if j >= n or not (_alnum(_class(text[j])) or text[j] == 45):
                    best = j
                if j + 1 < n and (text[j] == 46 or text[j] == 44 or text[j] == 47 or text[j] == 58) \
                        and _class(text[j + 1]) == DIGIT:
                    j += 1
                    continue
                break
            if best > 0:
                append(make(token_type, (number, text[i:best], i, best)))
                i = best
                continue
        if cls == LETTER or cls == DIGIT:
            # [\p{L}\p{M}\p{Nd}]+(?:[-'][\p{L}\p{M}\p{Nd}]+)*, a number if it has no letter
            end = i
            has_letter = False
            word_cyrillic = word_latin = 0
            while True:
                while end < n and _alnum(_class(text[end])):
                    if _class(text[end]) == LETTER:
                        has_letter = True
                        if text[end] < 128:
                            word_latin += 1
                        else:
                            word_cyrillic += 1
                    end += 1
                if end + 1 < n and (text[end] == 45 or text[end] == 39) and _alnum(_class(text[end + 1])):
                    end += 1
                    continue
                break
            piece = text[i:end]
            append(make(token_type, (word if has_letter else number, piece, i, end)))
            if counting:
                cyrillic += word_cyrillic
                latin += word_latin
                if word_latin and not word_cyrillic and lookalike_only and not lookalike(piece):
                    lookalike_only = False
            i = end
            continue
        if c == 42:  # \*{1,3}
            end = i + 1
            while end < n and end < i + 3 and text[end] == 42:
                end += 1
            append(make(token_type, (markup, text[i:end], i, end)))
            i = end
            continue
        if c == 95 and i + 1 < n and text[i + 1] == 95:  # _{2}
            append(make(token_type, (markup, text[i:i + 2], i, i + 2)))
            i += 2
            continue
        if c == 35:  # \#{1,6}(?=\s): a run of six or fewer, then a space or line break
            end = i
            while end < n and text[end] == 35:
                end += 1
            if end - i <= 6 and end < n and (_class(text[end]) == SPACE or _class(text[end]) == BREAK):
                append(make(token_type, (markup, text[i:end], i, end)))
                i = end
                continue
        append(make(token_type, (punct if cls == PUNCT else other, text[i:i + 1], i, i + 1)))
        i += 1
    if counting:
        letters.append((cyrillic, latin, lookalike_only))
        return out, letters
    return out
