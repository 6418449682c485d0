# distutils: language = c++
# cython: language_level=3
"""The confusion costs of `confusion.py`, compiled (confusion_core.hpp): every new word of a text has
its candidates' costs worked out, tens of thousands of them in a long text. Same results as the
Python to the last bit (tests/test_confusion_kernel.py); built where ocr-fix was installed with a
C++ compiler at hand (`hatch_build.py`)."""


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
        void set_defaults(double, double)
        double weighted_distance(const u32string&, const u32string&)
        double confusion_cost(const u32string&, const u32string&)


cdef u32string _text(str s):
    cdef u32string out
    out.reserve(len(s))
    for ch in s:
        out.push_back(<char32_t>ord(ch))
    return out


cdef class CompiledConfusion:
    cdef ConfusionModel model

    def __init__(self, dict substitutions, dict noise, dict dropped, dict multi, double default_substitution,
                 double default_indel):
        """The tables of `confusion.py`: printed -> {true: cost}, printed -> cost, true -> cost,
        two printed letters -> [(true, cost)]."""
        for printed, options in substitutions.items():
            for true, cost in options.items():
                self.model.add_substitution(<char32_t>ord(printed), <char32_t>ord(true), cost)
        for printed, cost in noise.items():
            self.model.add_noise(<char32_t>ord(printed), cost)
        for true, cost in dropped.items():
            self.model.add_dropped(<char32_t>ord(true), cost)
        for printed, readings in multi.items():
            for true, cost in readings:
                self.model.add_multi(_text(printed), _text(true), cost)
        self.model.set_defaults(default_substitution, default_indel)

    def weighted_distance(self, str true, str printed):
        return self.model.weighted_distance(_text(true), _text(printed))

    def confusion_cost(self, str true, str printed):
        return self.model.confusion_cost(_text(true), _text(printed))
