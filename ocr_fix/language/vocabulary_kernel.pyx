# distutils: language = c++
# cython: language_level=3, boundscheck=False, wraparound=False
"""The look-ups of the word index a long text makes for every new word, compiled (vocabulary_core.hpp).

Each repeats a look-up written in Python with the same results in the same order, and only spares
the Python objects for the hundreds of variants and neighbours that are looked at and dropped:

- `one_edit_words`: the vocabulary's words among `confusion.single_edit_sources`;
- `shortlist_near`: `candidates._shortlist` over `WordIndex.words_near`;
- `similar_choices`: the words `candidates._long_word_candidates` compares a long garbled word with,
  less those whose letters could not give the similarity it asks for;
- `CompiledForms.within`: rapidfuzz's closest strings of a list by edit distance, for the lexicons'
  name forms (`names.matching`), without converting each form on every call.

The vocabulary is compiled for long texts only (a page needs too few look-ups to pay for building it,
a fifth of a second); the name forms for any text. Both only where ocr-fix was installed with a C++
compiler at hand (`hatch_build.py`).
`tests/test_vocabulary_kernel.py` checks it against the Python look-ups.
"""

from libcpp.utility cimport pair
from libcpp.vector cimport vector


cdef extern from *:
    ctypedef unsigned int char32_t


cdef extern from "<string>" namespace "std" nogil:
    cdef cppclass u32string:
        u32string()
        size_t size()
        char32_t& operator[](size_t)
        void push_back(char32_t)
        void reserve(size_t)


cdef extern from "vocabulary_core.hpp" namespace "ocr_fix" nogil:
    cdef cppclass Vocabulary:
        void add_word(const u32string&, double)
        void add_skeleton(char32_t, char32_t)
        void add_symbol(char32_t)
        void add_substitution(char32_t, char32_t, double)
        void add_noise(char32_t, double)
        void set_defaults(double, double, double, size_t)
        double confusion_cost(int, const u32string&)
        void add_multi(const u32string&, const u32string&, double)
        void add_dropped(char32_t, double)
        void finish()
        size_t count()
        double zipf(int)
        const char32_t* word(int)
        size_t size(int)
        vector[pair[int, double]] one_edit_words(const u32string&, double)
        vector[int] shortlist_near(const u32string&, int, int)
        vector[int] similar_choices(const u32string&, int, int, double, double)


cdef extern from "vocabulary_core.hpp" namespace "ocr_fix" nogil:
    cdef cppclass FormList:
        void add(const u32string&)
        vector[pair[int, int]] within(const u32string&, int, int)


cdef u32string _text(str s):
    cdef u32string out
    out.reserve(len(s))
    for ch in s:
        out.push_back(<char32_t>ord(ch))
    return out


cdef str _word(Vocabulary& vocabulary, int wid):
    cdef const char32_t* letters = vocabulary.word(wid)
    return "".join([chr(letters[i]) for i in range(vocabulary.size(wid))])


cdef class CompiledVocabulary:
    """The look-ups of `index_lookups.IndexLookups`, compiled."""

    cdef Vocabulary core
    cdef object long_cost

    def __init__(self, const unsigned char[::1] entries, str letters, dict skeleton_of, symbols, tables, long_cost):
        """`entries`: the whole vocabulary in the index's order, as the index keeps it (`Buckets`: each
        word after a byte coding its Zipf x 10 as 48 + Zipf x 10, its letters one byte each, a space
        between the words of one bucket and nothing between buckets); `letters`: the character of
        each byte (the index's one-byte encoding, decoded); the skeleton classes (letter -> symbol,
        and the symbols); a `confusion.ConfusionTables`; and `long_cost(true, printed)`, the
        confusion cost of a pair too long for the compiled alignment to follow rapidfuzz's."""
        for letter, symbol in skeleton_of.items():
            self.core.add_skeleton(<char32_t>ord(letter), <char32_t>ord(symbol))
        for symbol in symbols:
            self.core.add_symbol(<char32_t>ord(symbol))
        for printed, options in tables.substitutions.items():
            for true, cost in options.items():
                self.core.add_substitution(<char32_t>ord(printed), <char32_t>ord(true), cost)
        for printed, cost in tables.noise.items():
            self.core.add_noise(<char32_t>ord(printed), cost)
        self.core.set_defaults(tables.default_substitution, tables.default_indel, tables.swap, tables.aligned_length)
        for printed, readings in tables.multi.items():
            for true, cost in readings:
                self.core.add_multi(_text(printed), _text(true), cost)
        for true, cost in tables.dropped.items():
            self.core.add_dropped(<char32_t>ord(true), cost)
        if len(letters) != 256:
            raise ValueError("letters: one character for each of the 256 bytes")
        cdef char32_t decoded[256]
        for k in range(256):
            decoded[k] = <char32_t>ord(letters[k])
        cdef Py_ssize_t i = 0, n = entries.shape[0]
        cdef unsigned char byte
        cdef u32string word
        cdef double frequency
        # Without the GIL (a fifth of a second): `WordIndex.flatten` builds the flat dictionary in
        # Python meanwhile, on the other core. Read here rather than word by word from Python: half a
        # million words.
        with nogil:
            while i < n:
                frequency = (<int>entries[i] - 48) / 10.0
                i += 1
                word = u32string()
                while i < n:
                    byte = entries[i]
                    if byte == 32 or 48 <= byte < 128:  # the next word of the bucket, or of the next one
                        break
                    word.push_back(decoded[byte])
                    i += 1
                self.core.add_word(word, frequency)
                if i < n and entries[i] == 32:
                    i += 1
            self.core.finish()
        self.long_cost = long_cost

    def __len__(self):
        return self.core.count()

    def one_edit_words(self, str printed, double max_cost):
        """[(word, cost, zipf)]: the vocabulary's words among `single_edit_sources(printed, max_cost)`,
        in its order and at its costs."""
        found = self.core.one_edit_words(_text(printed), max_cost)
        return [(_word(self.core, hit.first), hit.second, self.core.zipf(hit.first)) for hit in found]

    def shortlist_near(self, str printed, int limit, int cutoff):
        """[(word, zipf)]: `candidates._shortlist(printed, index.words_near(printed), limit)`."""
        ids = self.core.shortlist_near(_text(printed), limit, cutoff)
        return [(_word(self.core, wid), self.core.zipf(wid)) for wid in ids]

    def shortlist_costs(self, str printed, int limit, int cutoff):
        """[(word, zipf, cost)]: `shortlist_near` with each word's `confusion.confusion_cost(word,
        printed)`."""
        cdef u32string p = _text(printed)
        ids = self.core.shortlist_near(p, limit, cutoff)
        out = []
        for wid in ids:
            word = _word(self.core, wid)
            cost = self.core.confusion_cost(wid, p)
            out.append((word, self.core.zipf(wid), cost if cost >= 0 else self.long_cost(word, printed)))
        return out

    def similar_choices(self, str printed, int shortest, int longest, double min_zipf, double min_ratio):
        """The words `words_of_length` lists for `shortest`..`longest` letters and `min_zipf`, in its
        order, less those whose letters shared with `printed` bound their similarity ratio below
        `min_ratio`."""
        ids = self.core.similar_choices(_text(printed), shortest, longest, min_zipf, min_ratio)
        return [_word(self.core, wid) for wid in ids]


cdef class CompiledForms:
    """`matching.FormList`, compiled: a fixed list of strings, searched by plain edit distance
    (`FormList` in vocabulary_core.hpp)."""

    cdef FormList forms
    cdef list texts

    def __init__(self, forms):
        self.texts = list(forms)
        for form in self.texts:
            self.forms.add(_text(form))

    def within(self, str token, int cutoff, int limit):
        """[(form, distance)]: rapidfuzz's process.extract with Levenshtein.distance and this
        score_cutoff and limit, over the whole list."""
        return [(self.texts[hit.first], hit.second) for hit in self.forms.within(_text(token), cutoff, limit)]
