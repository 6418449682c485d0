"""The resources one run of ocr-fix needs, loaded once: lexicons (shipped and the user's) and lookups.
What they work out is kept in their caches, each named with its size in `ocr_fix.resources`."""

from __future__ import annotations

from dataclasses import dataclass

from ocr_fix.lexicon.lookup import Lookup
from ocr_fix.lexicon.store import Lexicons, load_lexicons
from ocr_fix.resources import cached


@dataclass(frozen=True)
class Resources:
    lexicons: Lexicons
    lookup: Lookup

    @property
    def name_index(self):
        from ocr_fix.names.matching import NameIndex

        return self.lexicons.derived("lexicon.name_index", lambda: NameIndex(self.lexicons))


def resources(extra_lexicons: tuple[str, ...] = ()) -> Resources:
    """The resources for a set of extra lexicons, made once per process (and shared by every caller,
    whether it passes `()` or nothing: the caches inside are worth keeping). The user's standing lists
    (`lexicon.location.user_lexicons`) come first, as if given with `--lexicon`."""
    from ocr_fix.lexicon.location import user_lexicons

    given = tuple(str(p) for p in extra_lexicons)
    return _resources(tuple(p for p in user_lexicons() if p not in given) + given)


@cached("session.resources")
def _resources(extra_lexicons: tuple[str, ...]) -> Resources:
    lexicons = load_lexicons(extra_lexicons)
    return Resources(lexicons, Lookup(lexicons))
