# distutils: language = c++
# cython: language_level=3
"""The confusion costs of `confusion.py`, compiled (confusion_core.hpp): every new word of a text has
its candidates' costs worked out, tens of thousands of them in a long text. Same results as the
Python to the last bit (tests/test_confusion_kernel.py); built where ocr-fix was installed with a
C++ compiler at hand (`hatch_build.py`)."""

from rapidfuzz.distance import Levenshtein


cdef extern from *:
    ctypedef unsigned int char32_t


cdef extern from "<string>" namespace "std" nogil:
    cdef cppclass u32string:
        u32string()
        void push_back(char32_t)
        void reserve(size_t)


cdef extern from "confusion_core.hpp" namespace "ocr_fix" nogil:
    cdef cppclass ConfusionModel:
        void add_substitution(char32_t, char32_t, double)
        void add_noise(char32_t, double)
        void add_dropped(char32_t, double)
        void add_multi(const u32string&, const u32string&, double)
        void set_defaults(double, double, double)
        double substitution_cost(char32_t, char32_t)
        double noise_cost(char32_t)
        double dropped_cost(char32_t)
        bint has_multi_marker(const u32string&)
        double weighted_distance(const u32string&, const u32string&)
        double confusion_cost(const u32string&, const u32string&)


cdef u32string _text(str s):
    cdef u32string out
    out.reserve(len(s))
    for ch in s:
        out.push_back(<char32_t>ord(ch))
    return out


cdef class CompiledConfusion:
    """`confusion.ConfusionCosts`, compiled."""

    cdef ConfusionModel model
    cdef Py_ssize_t aligned_length

    def __init__(self, tables):
        """`tables`: a `confusion.ConfusionTables`."""
        for printed, options in tables.substitutions.items():
            for true, cost in options.items():
                self.model.add_substitution(<char32_t>ord(printed), <char32_t>ord(true), cost)
        for printed, cost in tables.noise.items():
            self.model.add_noise(<char32_t>ord(printed), cost)
        for true, cost in tables.dropped.items():
            self.model.add_dropped(<char32_t>ord(true), cost)
        for printed, readings in tables.multi.items():
            for true, cost in readings:
                self.model.add_multi(_text(printed), _text(true), cost)
        self.model.set_defaults(tables.default_substitution, tables.default_indel, tables.swap)
        self.aligned_length = tables.aligned_length

    def weighted_distance(self, str true, str printed):
        return self.model.weighted_distance(_text(true), _text(printed))

    def confusion_cost(self, str true, str printed):
        cdef u32string p = _text(printed)
        if (len(true) <= self.aligned_length and len(printed) <= self.aligned_length) or self.model.has_multi_marker(p):
            return self.model.confusion_cost(_text(true), p)
        # rapidfuzz aligns longer strings another way: its own alignment, with the model's costs
        cdef double cost = 0.0
        for tag, source, dest in Levenshtein.editops(true, printed).as_list():
            if tag == "replace":
                cost += self.model.substitution_cost(<char32_t>ord(true[source]), <char32_t>ord(printed[dest]))
            elif tag == "delete":
                cost += self.model.dropped_cost(<char32_t>ord(true[source]))
            else:
                cost += self.model.noise_cost(<char32_t>ord(printed[dest]))
        return cost
