"""An input as every command works on it (`Input`: its path, its text, how its bytes were decoded,
its kind), and the reader of plain text. The kinds that keep markup around their text (hOCR, ALTO,
PAGE: `ocr_fix.ocr_files`) subclass `Input`; `ocr_fix.inputs` asks them which file is theirs."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ocr_fix.errors import OcrFixError
from ocr_fix.options import PassOptions
from ocr_fix.textio import Decoded

Edit = tuple[int, int, str]  # (start, end, replacement) on the input's text


@dataclass(frozen=True)
class Input:
    """One input read: `text` is what the corrector works on, `decoded` how the bytes were read, `kind`
    the reader that read it ("text" for plain text)."""

    path: Path
    text: str
    decoded: Decoded
    # the file's format, but named `kind` as the public `inputs.register`/`read_input(kind=...)` and
    # `ocr_fix.formats` (docs/formats.md) name it, so that callers' code keeps working
    kind: str = "text"

    @property
    def name(self) -> str:
        """As messages name it: the path, or '-' for standard input."""
        return str(self.path)

    @property
    def is_stdin(self) -> bool:
        return str(self.path) == "-"

    @property
    def readings(self):
        """The OCR engine's word confidences and other readings (`ocr_fix.readings`); plain text has none."""
        return None

    @property
    def left_out(self) -> Sequence:
        """Corrections the last `render` could not write ((edit, reason) pairs); plain text takes all."""
        return ()

    def located(self, start: int, end: int) -> str | None:
        """Where a span of the text lies in the file's own structure (page, line, word), if it has one."""
        return None

    def render(self, corrected: str, edits: Sequence[Edit] = (), encoding: str | None = None,
               target: str | Path | None = None, to: str | None = None) -> bytes:
        """The bytes to write for the corrected text. Plain text: `corrected` in `encoding` (default: the
        input's own, a BOM kept), and `edits` are not needed; a kind that keeps markup around the text
        overrides this and splices `edits` into its original bytes. `to` asks for another format (plain
        text has no layout to write as anything but text). An error names `target` (default: the input)."""
        from ocr_fix.textio import encode

        if to not in (None, "text"):
            raise OcrFixError(f"plain text has no layout to write as {to}; --to {to} needs an hOCR, ALTO or "
                              "PAGE input", str(self.path))
        return encode(corrected, encoding or self.decoded.encoding, self.path if target is None else target)

    def unchanged(self, corrected: str, encoding: str | None = None) -> bool:
        """Whether writing `corrected` in `encoding` would give back the input as it is."""
        return corrected == self.text and (encoding or self.decoded.encoding) == self.decoded.encoding


Reader = Callable[[bytes, Path, PassOptions], Input]
Sniffer = Callable[[bytes, Path], bool]


def read_text_input(raw: bytes, path: Path, options: PassOptions) -> Input:
    """Plain text, decoded exactly (see ocr_fix.textio.decode)."""
    from ocr_fix.textio import decode

    decoded = decode(raw, "<stdin>" if str(path) == "-" else str(path), options.encoding)
    return Input(path, decoded.text, decoded, "text")
