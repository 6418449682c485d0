"""All lexicons loaded together, with the forms the rules look words up by.

Names and places are expanded to their case forms (`СЕНОМ`, `Мукдене`) so a declined name is as
known as its dictionary form; each word of a multi-word entry is known on its own too.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import regex

from ocr_fix.language.normalize import fold
from ocr_fix.lexicon.files import Entry, LexiconFile, parse_lexicon
from ocr_fix.lexicon.location import lexicon_dir
from ocr_fix.lexicon.name_forms import east_asian_forms, russian_forms
from ocr_fix.lexicon.palladius import Palladius, load_palladius, period_variants
from ocr_fix.lexicon.phrase_forms import SetPhrase, set_phrase
from ocr_fix.resources import OwnedCaches, cached
from ocr_fix.tokens import Kind, tokenize

EAST_ASIAN = {"chinese", "korean"}


@dataclass(frozen=True)
class Name:
    """A person or place from the lexicons, with the forms its words take in text."""

    text: str  # as the lexicon writes it: `Чжоу Энь-лай`
    kind: str  # "person" or "place"
    group: str  # chinese, korean, soviet, japanese, western, other, place
    latin: tuple[str, ...]
    parts: tuple[str, ...]  # folded words: ("чжоу", "энь-лай")
    last_forms: frozenset[str]  # case forms of the last word, folded
    source: str  # file:line
    note: str = ""  # the lexicon's note (`river on the Chinese-Korean border`)

    @property
    def person(self) -> str:
        """Who the name is, whatever the spelling: the standard entry a modern spelling or a period
        variant is noted as (`Мао Цзэдун`, `Мао Цзе-дун`: `Мао Цзэ-дун`), else the name itself."""
        for lead in ("modern spelling of ", "period variant of "):
            if self.note.startswith(lead):
                return self.note[len(lead):].split(";")[0].strip()
        return self.text

    @property
    def is_east_asian(self) -> bool:
        return self.group in EAST_ASIAN


@dataclass
class Lexicons:
    files: list[LexiconFile]
    palladius: Palladius
    names: list[Name] = field(default_factory=list)
    known: set[str] = field(default_factory=set)  # every folded word form the lexicons vouch for
    terms: set[str] = field(default_factory=set)  # ordinary (lower-case) words of period documents
    abbreviations: set[str] = field(default_factory=set)  # folded abbreviation words (`тов`, `вкп`)
    name_parts: dict[str, list[int]] = field(default_factory=dict)  # folded part or form -> names
    name_first_parts: set[str] = field(default_factory=set)  # first words of the names of two words or more
    capital_abbreviations: set[str] = field(default_factory=set)  # folded forms of `КПК`, `КНР`, `СССР`
    lower_abbreviations: set[str] = field(default_factory=set)  # `см`, `тов`: written in small letters
    longest_lower_abbreviation: int = 0  # letters of the longest of them: the cheap first test of a word
    mixed_case: set[str] = field(default_factory=set)  # words the lexicons write in mixed case (`ГлавПУР`)
    furniture: list[str] = field(default_factory=list)
    phrases: list[str] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)  # names of bodies made of common words (`Советский Союз`)
    set_phrases: list[SetPhrase] = field(default_factory=list)  # the titles, then the phrases, word by word
    # what other modules build from the lexicons (indexes) or work out from them, by name: made once,
    # every pass and section asks (ocr_fix.resources)
    caches: OwnedCaches = field(default_factory=OwnedCaches, repr=False, compare=False)

    def name_entries(self, folded_part: str) -> list[Name]:
        return [self.names[i] for i in self.name_parts.get(folded_part, ())]

    def derived(self, name: str, make):
        """What `make()` builds from these lexicons (an index), built once, kept as `name`."""
        return self.caches.value(name, make)

    def __getstate__(self) -> dict:
        # the lexicons are kept in a cache file; what was built from them is built again on use
        return {k: v for k, v in self.__dict__.items() if k != "caches"}

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state, caches=OwnedCaches())


def _words(text: str) -> list[str]:
    return [fold(t.text) for t in tokenize(text) if t.kind is Kind.WORD]


@cached("lexicon.period_variants")  # asked again for the same name parts throughout a document
def _variants(form: str) -> frozenset[str]:
    pieces = [sorted(period_variants(piece)) for piece in form.split("-")]
    out = {""}
    for options in pieces:
        out = {(head + "-" if head else "") + option for head in out for option in options}
    return frozenset(out)


def _make_name(text: str, kind: str, group: str, latin: tuple[str, ...], source: str, lex: Lexicons) -> Name:
    parts = tuple(_words(text))
    if group in EAST_ASIAN or (kind == "place" and lex.palladius.is_name_part(parts[-1])):
        last_forms = east_asian_forms(parts[-1])
    elif len(parts) == 1 or kind == "place":
        last_forms = russian_forms(parts[-1]) if regex.fullmatch(r"[а-я\-]+", parts[-1]) else {parts[-1]}
    else:
        last_forms = {parts[-1]}
    return Name(text, kind, group, latin, parts, frozenset(last_forms), source)


_JOINED_MIN = 5  # a shorter given name joined (`Бо И-бо` -> `ибо`) makes a common word


def _add_name(lex: Lexicons, entry: Entry, kind: str, group: str, source: str) -> None:
    if not _words(entry.text):
        return
    latin = tuple(x.strip() for x in entry.columns.get("latin", "").split(";") if x.strip())
    name = _make_name(entry.text, kind, group, latin, source, lex)
    note = entry.columns.get("note", "")
    name = Name(name.text, name.kind, name.group, name.latin, name.parts, name.last_forms,
                source + (" (period variant)" if "period variant" in note else ""), note)
    parts = name.parts
    last_forms = name.last_forms
    index = len(lex.names)
    lex.names.append(name)
    if len(parts) >= 2:
        lex.name_first_parts.add(parts[0])
    spellings = [{part} for part in parts[:-1]] + [set(last_forms)]
    # today's reference works, and the collections that publish these documents, write a Chinese given
    # name as one word (`Пэн Дэхуай`, `Лю Шаоци`) beside the period's `Пэн Дэ-хуай`: as listed, without the
    # period's variants of each syllable, which would make more readings than documents write
    joined = [{f.replace("-", "") for f in forms if "-" in f and len(f) - 1 >= _JOINED_MIN} if group == "chinese"
              else set() for forms in spellings]
    if group in EAST_ASIAN:
        # ЦЗЕ-ДУН and ЦЗЭ-ДУН, ЧЕНЬ and ЧЭНЬ are the same name in documents of the period
        spellings = [set().union(*(_variants(form) for form in forms)) for forms in spellings]
    spellings = [forms | extra for forms, extra in zip(spellings, joined)]
    for forms in spellings:
        for form in forms:
            lex.name_parts.setdefault(form, []).append(index)
            lex.known.add(form)
    # the pieces of a hyphenated given name stand alone in telegrams split across lines
    for part in parts:
        for piece in part.split("-"):
            lex.known.add(piece)


def load_lexicons(extra: tuple[str, ...] = ()) -> Lexicons:
    """The shipped lexicons plus the user's own files (`--lexicon`)."""
    return _cached_load(str(lexicon_dir()), tuple(str(Path(p)) for p in extra))


_FORMAT = 11  # raise when Lexicons or Name change shape, so old cache files are not read


@cached("lexicon.loads")
def _cached_load(folder: str, extra: tuple[str, ...]) -> Lexicons:
    """`_load`, kept in the cache folder between runs: expanding names to their case forms takes
    about half a second, more than the rest of a one-page correction. The cache key covers every
    file's path, size and modification time, so an edited lexicon is read (and checked) again."""
    import hashlib

    from ocr_fix import __version__, cache

    files = sorted(Path(folder).glob("*.t*")) + [Path(p) for p in extra]
    stamp = [f"{_FORMAT}", __version__]
    for path in files:
        try:
            info = path.stat()
        except OSError:
            return _load(folder, extra)  # let the loader report the missing file
        stamp.append(f"{path.resolve()}:{info.st_size}:{info.st_mtime_ns}")
    key = hashlib.sha256("\n".join(stamp).encode("utf-8")).hexdigest()[:24]
    target = cache.cache_dir() / f"lexicons-{key}.cache"
    kept = cache.load(target, Lexicons)
    if kept is not None:
        return kept
    lexicons = _load(folder, extra)
    if cache.store(target, lexicons) is None:  # else no cache: the lexicons are simply read again next time
        _prune_cache(target.parent, keep=KEPT_LEXICON_CACHES)
    return lexicons


# Each set of lexicon files (every edit of them, every --lexicon list) makes a cache file of its own;
# only the most recent few are kept, so the cache folder does not grow without end.
KEPT_LEXICON_CACHES = 8


def _prune_cache(folder: Path, keep: int) -> None:
    from ocr_fix import cache

    caches = sorted(folder.glob("lexicons-*.cache"), key=lambda p: p.stat().st_mtime_ns, reverse=True)
    # pickles of earlier versions of ocr-fix, which are never read again
    legacy = [p for p in folder.glob("*.pickle") if p.name.startswith(("lexicons-", "word-index-"))]
    cache.remove_own(caches[keep:] + legacy)


def _load(folder: str, extra: tuple[str, ...]) -> Lexicons:
    base = Path(folder)
    palladius = load_palladius(str(base / "palladius.tsv"))
    lex = Lexicons(files=[], palladius=palladius)

    def read(name: str) -> LexiconFile | None:
        path = base / name
        if not path.exists():
            return None
        parsed = parse_lexicon(path)
        lex.files.append(parsed)
        return parsed

    people = read("people.tsv")
    for entry in people.entries if people else ():
        _add_name(lex, entry, "person", entry.columns.get("group", "other") or "other", f"people.tsv:{entry.line}")
    places = read("places.tsv")
    for entry in places.entries if places else ():
        _add_name(lex, entry, "place", "place", f"places.tsv:{entry.line}")
    abbreviations = read("abbreviations.tsv")
    for entry in abbreviations.entries if abbreviations else ():
        for tok in tokenize(entry.text):
            if tok.kind is not Kind.WORD:
                continue
            word = fold(tok.text)
            lex.abbreviations.add(word)
            lex.known.add(word)
            if tok.text.isupper() and len(tok.text) > 1:
                lex.capital_abbreviations.add(word)
            elif tok.text.islower():
                lex.lower_abbreviations.add(word)
            elif not tok.text.islower() and not tok.text.istitle():
                lex.mixed_case.add(tok.text)
    terms = read("terms.txt")
    for entry in terms.entries if terms else ():
        lex.known.update(_words(entry.text))
        lex.terms.update(_words(entry.text))
    furniture = read("page_furniture.txt")
    lex.furniture = [entry.text for entry in furniture.entries] if furniture else []
    phrases = read("phrases.txt")
    for entry in phrases.entries if phrases else ():
        lex.phrases.append(entry.text)
        lex.known.update(_words(entry.text))
        lex.terms.update(_words(entry.text))
    titles = read("titles.txt")
    lex.titles = [entry.text for entry in titles.entries] if titles else []
    for path in extra:
        parsed = parse_lexicon(path)
        lex.files.append(parsed)
        for entry in parsed.entries:
            words = _words(entry.text)
            if len(words) > 1 or entry.text[:1].isupper():
                _add_name(lex, entry, "person", entry.columns.get("group", "other") or "other", f"{path}:{entry.line}")
            lex.known.update(words)
    lex.longest_lower_abbreviation = max(map(len, lex.lower_abbreviations), default=0)
    lex.set_phrases = [set_phrase(t, True) for t in lex.titles] + [set_phrase(p, False) for p in lex.phrases]
    return lex
