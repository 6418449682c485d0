"""Reading an input and delivering its result: the one place every command goes through.

    source = read_input(path, options, note=say)       # a file or '-' (standard input), decoded
    check_target(source.path, output, force)            # before the slow work: the refusals on -o
    corrected = correct(source.text, options)           # (ocr_fix.options)
    payload = source.render(corrected.text, edits, encoding=options.output_encoding_for(source.decoded))
    where = deliver(source, payload, output, in_place=in_place, force=force)

Reading. `read_input` reads the bytes, asks the registered kinds whether the file is theirs (`sniff`)
and hands the bytes to that kind's reader, plain text (`"text"`, via `ocr_fix.textio`) when no kind
claims them. An `Input` holds the path, the text to work on, its decoding (`Decoded`: encoding, BOM,
sha256) and its `kind`. Another kind (hOCR, ALTO, PAGE XML) plugs in with one call,

    register("alto", read_alto, sniff=looks_like_alto)

where `read_alto(raw, path, options) -> Input` returns an `Input` subclass whose `render(corrected,
edits)` splices the edits (the applied proposals' `(start, end, replacement)` on `Input.text`) into its
own original bytes; plain text ignores the edits and encodes the corrected text.

Delivering. `deliver` is the one place with the rules that keep the user's text safe (and the messages
that say them): an output that is the input is refused (`--in-place` changes it), an existing output is
not overwritten without `--force` (`check_target` makes the same checks, for a command to call before
its slow work), -o and --in-place do not go together, --in-place needs a regular file (not standard
input, a device or a pipe) and keeps what it replaces as FILE.orig, FILE.orig.1... (atomically, see
`ocr_fix.writing`), no output or '-' is standard output, and a device or a pipe is written into.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from ocr_fix.errors import OcrFixError
from ocr_fix.options import OUTPUT_FORMATS, PassOptions
from ocr_fix.plain_input import Edit, Input, Reader, Sniffer, read_text_input
from ocr_fix.resources import cached

# --- the readers -----------------------------------------------------------------------------------

# kind -> reader; "text" reads whatever no other kind claims
READERS: dict[str, Reader] = {"text": read_text_input}
# (kind, does this look like mine?) in the order they are asked
_SNIFFERS: list[tuple[str, Sniffer]] = []


def register(kind: str, reader: Reader, sniff: Sniffer | None = None) -> None:
    """Add (or replace) the reader of `kind`; `sniff(raw, path)` says whether a file is of this kind
    (without one, a kind is read only when asked for by name, `read_input(..., kind=KIND)`). The kind
    registered last is asked first, so a kind of one's own is asked before the built-in ones."""
    _register_builtin_kinds()
    _add_kind(kind, reader, sniff)


def _add_kind(kind: str, reader: Reader, sniff: Sniffer | None) -> None:
    READERS[kind] = reader
    _SNIFFERS[:] = [(k, s) for k, s in _SNIFFERS if k != kind]
    if sniff is not None:
        _SNIFFERS.insert(0, (kind, sniff))


@cached("inputs.builtin_kinds")
def _register_builtin_kinds() -> None:
    """Register the OCR file kinds (hOCR, ALTO, PAGE: `ocr_fix.ocr_files`) the first time a file is
    sniffed, before any kind of one's own (so those are asked first); not on import, which would load
    the OCR files' module for every command."""
    from ocr_fix.ocr_files import looks_like_ocr_xml, read_ocr_input

    _add_kind("ocr-xml", read_ocr_input, looks_like_ocr_xml)


def unregister(kind: str) -> None:
    if kind == "text":
        raise ValueError("plain text is always read")
    READERS.pop(kind, None)
    _SNIFFERS[:] = [(k, s) for k, s in _SNIFFERS if k != kind]


def sniff(raw: bytes, path: Path) -> str:
    """The kind of the input: the first registered kind that claims it, else "text"."""
    _register_builtin_kinds()
    for kind, claims in _SNIFFERS:
        if claims(raw, path):
            return kind
    return "text"


def read_input(path: Path | str, options: PassOptions = PassOptions(), note: Callable[[str], None] | None = None,
               hint: str = "; give --encoding if that is wrong", kind: str | None = None) -> Input:
    """`path` (a file, or '-' for standard input) read and decoded by its kind's reader. An encoding
    ocr-fix chose itself is said once through `note` ("PATH: read as cp1251 (detected{hint})")."""
    from ocr_fix.textio import read_bytes

    path = Path(path)
    return decode_input(read_bytes(path), path, options, note, hint, kind)


def decode_input(raw: bytes, path: Path | str, options: PassOptions = PassOptions(),
                 note: Callable[[str], None] | None = None, hint: str = "; give --encoding if that is wrong",
                 kind: str | None = None) -> Input:
    """`read_input` of bytes already read: `path` only names them (in messages, and for a kind that
    looks at the name), so the bytes may have been read on another machine."""
    path = Path(path)
    kind = kind or sniff(raw, path)
    try:
        reader = READERS[kind]
    except KeyError:
        raise OcrFixError(f"no reader for inputs of kind {kind!r}", str(path)) from None
    source = reader(raw, path, options)
    if source.decoded.detected and note is not None:
        note(f"{path}: read as {source.decoded.encoding} (detected{hint})")
    return source


# --- the options of a command ---------------------------------------------------------------------


def pass_options(lexicon: Iterable[str | Path] | None = None, translation: Path | str | None = None,
                 encoding: str | None = None, output_encoding: str | None = None, jobs: int | None = None,
                 join_hyphenation: bool = False,
                 note: Callable[[str], None] | None = None, to: str | None = None,
                 profile: Path | str | None = None, decisions: Iterable[str | Path] | None = None) -> PassOptions:
    """The options of one command, checked: `--jobs` below 0 refused, the encodings' names made
    canonical (`CP1251` -> `cp1251`; an unknown one refused naming the option), the translation file
    read once (in the input encoding; `note` hears of an encoding ocr-fix detected for it). A profile
    and decision files are read here, so that a file that is not one is refused before any work."""
    from ocr_fix.textio import canonical_encoding

    if jobs is not None and jobs < 0:
        raise OcrFixError("--jobs must be 0 (one per core) or more")
    if to is not None and to not in OUTPUT_FORMATS:
        raise OcrFixError(f"unknown --to {to!r} (use {', '.join(OUTPUT_FORMATS)})")
    if encoding:
        encoding = canonical_encoding(encoding, "--encoding")
    if output_encoding:
        output_encoding = canonical_encoding(output_encoding, "--output-encoding")
    text = None
    if translation is not None:
        text = read_input(Path(translation), PassOptions(encoding=encoding), note=note).text
    if profile is not None:
        from ocr_fix.archive.profile import load_profile

        load_profile(profile)
    decisions = tuple(str(p) for p in decisions or ())
    if decisions:
        from ocr_fix.archive.decisions import load_decisions

        load_decisions(decisions)
    return PassOptions(tuple(str(p) for p in lexicon or ()), text, encoding or None, output_encoding or None, jobs,
                       join_hyphenation, to, None if profile is None else str(profile), decisions)


# --- delivering ------------------------------------------------------------------------------------


def _is_stdout(output: Path | str | None) -> bool:
    return output is None or str(output) == "-"


def same_file(a: Path | str, b: Path | str) -> bool:
    """Whether `b` is the regular file `a` (a device or a pipe named twice is not "the same file")."""
    from ocr_fix.writing import is_stream

    a, b = Path(a), Path(b)
    if str(a) == "-" or str(b) == "-" or is_stream(b):
        return False
    try:
        return (a.exists() and b.exists() and os.path.samefile(a, b)) or a.resolve() == b.resolve()
    except OSError:
        return False


def check_target(source: Path | str | None, output: Path | str | None, force: bool, why: str = "") -> None:
    """The refusals on an output, for a command to make before its (slow) work as well as `deliver` makes
    them before writing: the input itself (`source`; None: not checked), an existing file without
    `force` (`why` says more: " (and may hold decisions)"), a folder. Standard output passes."""
    from ocr_fix.writing import refuse_to_overwrite

    if _is_stdout(output):
        return
    assert output is not None
    if source is not None and same_file(source, output):
        raise OcrFixError("is the input file; use --in-place to change it", str(output))
    refuse_to_overwrite(output, force, why)


def check_in_place(source: Path | str, output: Path | str | None = None) -> None:
    """The refusals on --in-place: not with -o, not on standard input, only on a regular file."""
    from ocr_fix.writing import kind_of

    if output is not None:
        raise OcrFixError("give either -o OUT or --in-place, not both")
    if str(source) == "-":
        raise OcrFixError("--in-place needs a file, not standard input")
    kind = kind_of(source)
    if kind != "file":
        raise OcrFixError(f"--in-place changes a regular file, and this is a {kind}; "
                          "write the result with -o OUT instead", str(source))


def _stdout(payload: bytes) -> None:
    import typer

    stream = typer.get_binary_stream("stdout")
    stream.write(payload)
    stream.flush()


def deliver(source: Input | Path | str, payload: bytes | None, output: Path | str | None = None,
            in_place: bool = False, force: bool = False, parents: bool = False) -> str | None:
    """Write `payload` (the rendered result of `source`) where it was asked for, by the rules above;
    returns a note on where it went (None: standard output). `payload` None means nothing changed: in
    place the file is left as it is (no backup made). `parents`: make the output's folder first."""
    from ocr_fix.writing import kind_of, write_output

    path = source.path if isinstance(source, Input) else Path(source)
    if in_place:
        check_in_place(path, output)
        if payload is None:
            return f"no changes; {path} left as it is"
        written = write_output(path, payload, backup=True)
        where = f"{written.path} (through the link {path})" if written.path != path else str(path)
        return f"wrote {where}; the text it replaced is kept as {written.backup}"
    if payload is None:
        raise ValueError("nothing to deliver")
    if _is_stdout(output):
        _stdout(payload)
        return None
    assert output is not None
    output = Path(output)
    check_target(path, output, force)
    if parents:
        output.parent.mkdir(parents=True, exist_ok=True)
    written = write_output(output, payload)
    return f"wrote {output}" + (f" ({kind_of(output)})" if written.stream else "")


def deliver_text(source: Input, corrected: str, options: PassOptions, output: Path | str | None = None,
                 in_place: bool = False, force: bool = False, edits: Sequence[Edit] = (),
                 parents: bool = False) -> str | None:
    """`corrected` rendered the way `source` was read (in the output encoding) and delivered; in place, a
    result that would give back the input as it is is not written."""
    encoding = options.output_encoding_for(source.decoded)
    if in_place:
        check_in_place(source.path, output)
        if source.unchanged(corrected, encoding):
            return deliver(source, None, in_place=True)
        return deliver(source, source.render(corrected, edits, encoding, to=options.to), in_place=True)
    target = "<stdout>" if _is_stdout(output) else output
    return deliver(source, source.render(corrected, edits, encoding, target, to=options.to), output, force=force,
                   parents=parents)


def applied_edits(proposals) -> list[Edit]:
    """The (start, end, replacement) of the proposals a pass applied."""
    from ocr_fix.proposal import AUTO

    return [(p.start, p.end, p.replacement) for p in proposals if p.bin == AUTO and p.changes_text]


__all__ = ["Edit", "Input", "READERS", "Reader", "Sniffer", "applied_edits", "check_in_place", "check_target",
           "decode_input", "deliver", "deliver_text", "pass_options", "read_input", "read_text_input", "register",
           "same_file", "sniff", "unregister"]
