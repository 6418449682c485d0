"""The one read/deliver core (ocr_fix.inputs) and the pass options (ocr_fix.options): the reader
registry, rendering that keeps the input's encoding and BOM, every refusal of `deliver` and
`check_target`, numbered backups, devices written into; and the CLI's output through the core being
the API's corrected text, encoded as the input was."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

import ocr_fix.cli  # noqa: F401  (registers the commands)
from ocr_fix import api, inputs
from ocr_fix.commands.app import app
from ocr_fix.errors import OcrFixError
from ocr_fix.inputs import Input, check_target, deliver, deliver_text, pass_options, read_input
from ocr_fix.options import PassOptions

TEXT = "Вчера тов. МАС просил передать, что японских войскак нет.\r\nСкопие копий воспрещается.\r\n"


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


# --- options ---------------------------------------------------------------------------------------


def test_pass_options_are_checked_and_canonical(tmp_path):
    options = pass_options([tmp_path / "names.txt"], encoding="CP1251", output_encoding="utf8", jobs=0,
                           join_hyphenation=True)
    assert options == PassOptions((str(tmp_path / "names.txt"),), None, "cp1251", "utf-8", 0, True)
    with pytest.raises(OcrFixError, match="^--jobs must be 0"):
        pass_options(jobs=-1)
    with pytest.raises(OcrFixError) as unknown:
        pass_options(output_encoding="klingon")
    assert str(unknown.value) == "--output-encoding: unknown encoding 'klingon'"


def test_the_translation_is_read_once_in_the_input_encoding(tmp_path):
    translation = write(tmp_path / "en.txt", TEXT.encode("cp1251"))
    heard = []
    options = pass_options(translation=translation, note=heard.append)
    assert options.translation == TEXT
    assert heard == [f"{translation}: read as cp1251 (detected; give --encoding if that is wrong)"]
    assert pass_options(translation=translation, encoding="cp1251").translation == options.translation


def test_the_api_takes_the_options_as_one_value():
    text = TEXT.replace("\r\n", "\n")
    by_value = api.correct_text(text, options=PassOptions(join_hyphenation=True))
    by_name = api.correct_text(text, join_hyphenation=True)
    assert by_value == by_name and by_value.text != text
    assert api.check_text(text, options=PassOptions()).findings == api.check_text(text).findings


# --- reading ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("encoding,bom", [("utf-8", b""), ("utf-8-sig", b""), ("cp1251", b"")])
def test_text_is_read_and_rendered_back_byte_for_byte(tmp_path, encoding, bom):
    raw = TEXT.encode(encoding)
    source = read_input(write(tmp_path / "doc.txt", raw))
    assert (source.kind, source.text, source.decoded.encoding) == ("text", TEXT, encoding)
    assert source.render(source.text) == raw  # a BOM and cp1251 kept
    assert source.render("войска\n", [(0, 5, "x")]) == "войска\n".encode(encoding)  # plain text: no edits needed
    assert source.render("войска\n", encoding="koi8-r") == "войска\n".encode("koi8-r")
    assert source.unchanged(TEXT) and not source.unchanged(TEXT, "koi8-r") and not source.unchanged("x")


def test_a_detected_encoding_is_said_once(tmp_path):
    doc = write(tmp_path / "doc.txt", TEXT.encode("cp1251"))
    heard = []
    read_input(doc, note=heard.append, hint="")
    assert heard == [f"{doc}: read as cp1251 (detected)"]
    heard.clear()
    read_input(doc, PassOptions(encoding="cp1251"), note=heard.append)
    assert heard == []


def test_an_error_names_the_file_or_standard_input(tmp_path, monkeypatch):
    with pytest.raises(OcrFixError, match="no such file"):
        read_input(tmp_path / "missing.txt")
    import io
    import sys

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(TEXT.encode())))
    source = read_input("-")
    assert source.is_stdin and source.name == "-" and source.text == TEXT
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"\xff\xfe")))
    with pytest.raises(OcrFixError, match="^<stdin>:1: not valid utf-8"):
        read_input("-", PassOptions(encoding="utf-8"))


@dataclass(frozen=True)
class Tagged(Input):
    """A stand-in for a kind with markup: <w>word</w>...; the text is the words, one a line."""

    raw: bytes = b""

    def render(self, corrected, edits=(), encoding=None, target=None):
        out = self.raw.decode()
        for start, end, replacement in sorted(edits, reverse=True):
            word = self.text[start:end]
            out = out.replace(f"<w>{word}</w>", f"<w>{replacement}</w>", 1)
        return out.encode()


def read_tagged(raw: bytes, path: Path, options: PassOptions) -> Input:
    import re

    from ocr_fix.textio import Decoded, digest

    text = "".join(word + "\n" for word in re.findall(r"<w>(.*?)</w>", raw.decode()))
    return Tagged(path, text, Decoded(text, "utf-8", False, digest(raw)), "tagged", raw)


@pytest.fixture
def tagged_kind():
    inputs.register("tagged", read_tagged, sniff=lambda raw, path: raw.startswith(b"<tagged>"))
    yield
    inputs.unregister("tagged")


def test_plain_text_and_the_ocr_files_are_registered():
    assert inputs.sniff("Текст телеграммы".encode(), Path("a.xml")) == "text"
    assert inputs.sniff(b"<alto><Layout/></alto>", Path("a.txt")) == "ocr-xml"  # the content decides
    assert set(inputs.READERS) == {"text", "ocr-xml"}
    with pytest.raises(ValueError):
        inputs.unregister("text")


def test_a_kind_of_ones_own_is_asked_before_the_built_in_ones(tagged_kind):
    assert inputs.sniff(b"<tagged><w>x</w>", Path("a.xml")) == "tagged"


def test_another_kind_plugs_in_as_one_reader(tmp_path, tagged_kind):
    raw = "<tagged><w>войскак</w> <w>нет</w></tagged>".encode()
    doc = write(tmp_path / "doc.xml", raw)
    source = read_input(doc)
    assert (source.kind, source.text) == ("tagged", "войскак\nнет\n")
    payload = source.render("войск\nнет\n", [(0, 7, "войск")])
    assert payload == "<tagged><w>войск</w> <w>нет</w></tagged>".encode()
    assert deliver(source, payload, tmp_path / "out.xml") == f"wrote {tmp_path / 'out.xml'}"
    assert (tmp_path / "out.xml").read_bytes() == payload
    plain = write(tmp_path / "plain.txt", "войскак\n".encode())
    assert read_input(plain).kind == "text"
    assert read_input(doc, kind="text").text == raw.decode()  # asked for by name
    with pytest.raises(OcrFixError, match="no reader for inputs of kind 'hocr'"):
        read_input(doc, kind="hocr")


# --- delivering ------------------------------------------------------------------------------------


@pytest.fixture
def doc(tmp_path):
    return write(tmp_path / "doc.txt", TEXT.encode("cp1251"))


def test_the_input_itself_is_refused_as_output(doc, tmp_path):
    for same in (doc, tmp_path / "." / "doc.txt"):
        with pytest.raises(OcrFixError) as refused:
            check_target(doc, same, force=True)
        assert str(refused.value) == f"{same}: is the input file; use --in-place to change it"
    link = tmp_path / "link.txt"
    link.symlink_to(doc)
    with pytest.raises(OcrFixError, match="is the input file"):
        deliver(read_input(doc), b"x", link, force=True)
    assert doc.read_bytes() == TEXT.encode("cp1251")


def test_an_existing_output_needs_force(doc, tmp_path):
    out = write(tmp_path / "out.txt", b"kept")
    with pytest.raises(OcrFixError) as refused:
        deliver(doc, b"new", out)
    assert str(refused.value) == f"{out}: already exists; use --force to overwrite it"
    with pytest.raises(OcrFixError, match=r"already exists \(and may hold decisions\); use --force"):
        check_target(None, out, False, " (and may hold decisions)")
    assert out.read_bytes() == b"kept"
    assert deliver(doc, b"new", out, force=True) == f"wrote {out}"
    assert out.read_bytes() == b"new"
    with pytest.raises(OcrFixError, match="is a directory, not a file"):
        check_target(doc, tmp_path, True)
    check_target(doc, None, False)  # standard output: nothing to refuse
    check_target(doc, "-", False)


def test_in_place_refusals(doc, tmp_path):
    with pytest.raises(OcrFixError) as both:
        deliver(doc, b"x", tmp_path / "out.txt", in_place=True)
    assert str(both.value) == "give either -o OUT or --in-place, not both"
    with pytest.raises(OcrFixError) as stdin:
        deliver("-", b"x", in_place=True)
    assert str(stdin.value) == "--in-place needs a file, not standard input"
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    with pytest.raises(OcrFixError) as pipe:
        deliver(fifo, b"x", in_place=True)
    assert str(pipe.value) == (f"{fifo}: --in-place changes a regular file, and this is a FIFO; "
                               "write the result with -o OUT instead")
    assert not (tmp_path / "out.txt").exists()


def test_in_place_keeps_numbered_backups(doc):
    source = read_input(doc)
    assert deliver_text(source, source.text, PassOptions(), in_place=True) == f"no changes; {doc} left as it is"
    assert not Path(f"{doc}.orig").exists()
    notes = []
    for number in range(3):
        notes.append(deliver_text(read_input(doc), f"{number}: {TEXT}", PassOptions(), in_place=True))
    assert notes[0] == f"wrote {doc}; the text it replaced is kept as {doc}.orig"
    assert notes[2] == f"wrote {doc}; the text it replaced is kept as {doc}.orig.2"
    assert doc.read_bytes() == f"2: {TEXT}".encode("cp1251")  # in the input's encoding
    assert Path(f"{doc}.orig").read_bytes() == TEXT.encode("cp1251")
    assert Path(f"{doc}.orig.1").read_bytes() == f"0: {TEXT}".encode("cp1251")


def test_devices_are_written_into_and_standard_output_gets_the_bytes(doc, capsysbinary):
    assert deliver(doc, b"anything", "/dev/null") == "wrote /dev/null (character device)"
    assert deliver(doc, b"\xef\xbb\xbfbytes", None) is None
    assert deliver(doc, b"more", "-") is None
    assert capsysbinary.readouterr().out == b"\xef\xbb\xbfbytesmore"


def test_a_result_the_output_encoding_cannot_hold_names_the_output(doc, tmp_path):
    out = tmp_path / "out.txt"
    with pytest.raises(OcrFixError) as refused:
        deliver_text(read_input(doc), "№ 94\n", PassOptions(output_encoding="koi8-r"), out)
    assert str(refused.value).startswith(f"{out}:1: the result cannot be written in koi8-r")
    assert not out.exists()


# --- the CLI through the core: the API's text, encoded as the input was ----------------------------

SHORT = ["Вчера тов. МАС ЦЗЭ-ДУИ просил передать, что японских войскак нет.\n",
         "Скопие копий воспрещается.\r\nТоварищу Ф И Л И П П О В У\r\n",
         "обиспываться телеграфными агенствами\n"]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1251"])
def test_fix_writes_the_api_text_in_the_input_encoding(tmp_path, encoding):
    runner = CliRunner()
    for number, text in enumerate(SHORT):
        doc = write(tmp_path / f"doc{number}.txt", text.encode(encoding))
        expected = api.correct_text(text).text.encode(encoding)
        out = tmp_path / f"out{number}.txt"
        result = runner.invoke(app, ["fix", str(doc), "-o", str(out)])
        assert result.exit_code == 0, result.output
        assert out.read_bytes() == expected
        printed = runner.invoke(app, ["fix", str(doc)])
        assert printed.stdout_bytes == expected
        copy = write(tmp_path / f"copy{number}.txt", text.encode(encoding))
        assert runner.invoke(app, ["fix", str(copy), "--in-place"]).exit_code == 0
        assert copy.read_bytes() == expected
        koi8 = tmp_path / f"koi8{number}.txt"
        assert runner.invoke(app, ["fix", str(doc), "--output-encoding", "KOI8-R", "-o", str(koi8)]).exit_code == 0
        assert koi8.read_bytes() == api.correct_text(text).text.encode("koi8-r")
