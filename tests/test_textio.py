"""Reading files exactly: encodings detected and reported, binary and mis-named encodings refused."""

from __future__ import annotations


import pytest

import ocr_fix.textio as textio
from ocr_fix.errors import OcrFixError
from ocr_fix.textio import Decoded, decode, read_text
from ocr_fix.writing import write_output

RUSSIAN = "Вчера, 17 мая, тов. Мао Цзэ-дун просил меня передать вам следующее: обменяться телеграфными агентствами.\n"
TELEGRAM = "ШИФРОВКА № 54611\nВЧЕРА ТОВ. МАО ЦЗЕ-ДУН ПРОСИЛ ПЕРЕДАТЬ СЛЕДУЮЩЕЕ\nКИМ ИР СЕН\n"
ENGLISH_FIRST = ("Telegram from the leader of the group of Soviet specialists in Northeast China to the Chairman "
                 "of the USSR Council of Ministers about the results of the Chinese-Korean talks.\n" * 3
                 + "Скопие копий воспрещается\nЭкз. № 2\n")


def test_utf8_with_and_without_bom():
    plain = decode(RUSSIAN.encode("utf-8"), "a.txt")
    assert (plain.text, plain.encoding, plain.detected, plain.has_bom) == (RUSSIAN, "utf-8", False, False)
    bom = decode(b"\xef\xbb\xbf" + RUSSIAN.encode("utf-8"), "a.txt")
    assert (bom.text, bom.encoding, bom.detected, bom.has_bom) == (RUSSIAN, "utf-8-sig", False, True)
    # writing in the encoding read gives the same bytes back, BOM included
    assert bom.text.encode(bom.encoding) == b"\xef\xbb\xbf" + RUSSIAN.encode("utf-8")
    assert bom.describe() == "utf-8 with BOM"


@pytest.mark.parametrize("text", [RUSSIAN, TELEGRAM, ENGLISH_FIRST], ids=["lower", "capitals", "english-first"])
@pytest.mark.parametrize("encoding", ["cp1251", "koi8-r"])
def test_legacy_encodings_are_detected_and_said(text, encoding):
    raw = text.replace("№", "N").encode(encoding) if encoding == "koi8-r" else text.encode(encoding)
    decoded = decode(raw, "old.txt")
    assert decoded.encoding == encoding and decoded.detected
    assert decoded.text.encode(encoding) == raw
    assert decoded.describe() == f"{encoding} (detected)"


def test_a_telegram_in_capitals_is_not_mistaken_for_the_other_encoding():
    # cp1251 capitals are koi8-r small letters: "mostly small letters" would pick koi8-r here
    decoded = decode(TELEGRAM.encode("cp1251"), "t.txt")
    assert decoded.encoding == "cp1251" and decoded.text == TELEGRAM


def test_named_encoding_is_used_as_given():
    raw = RUSSIAN.encode("cp1251")
    decoded = decode(raw, "x.txt", "CP1251")
    assert (decoded.text, decoded.encoding, decoded.detected) == (RUSSIAN, "cp1251", False)
    bom = decode(b"\xef\xbb\xbf" + RUSSIAN.encode("utf-8"), "x.txt", "utf8")
    assert bom.encoding == "utf-8-sig" and not bom.text.startswith("\ufeff")


def test_bad_named_encoding_and_bytes_it_cannot_read():
    with pytest.raises(OcrFixError) as unknown:
        decode(b"abc", "x.txt", "klingon")
    assert str(unknown.value) == "x.txt: unknown encoding 'klingon'"
    with pytest.raises(OcrFixError) as bad:
        decode("строка\nещё\n".encode("cp1251"), "x.txt", "utf-8")
    assert str(bad.value) == "x.txt:1: not valid utf-8 (byte 0)"


def test_undecodable_text_is_refused_with_its_line():
    raw = "Telegram\nfrom Paris\nle café est fermé\n".encode("latin-1")
    with pytest.raises(OcrFixError) as exc:
        decode(raw, "fr.txt")
    assert str(exc.value) == "fr.txt:3: not valid UTF-8 and not recognisable as cp1251 or koi8-r text (give --encoding)"


def test_binary_files_are_refused():
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" + bytes(range(256)) * 4
    with pytest.raises(OcrFixError) as exc:
        decode(png, "scan.png")
    assert str(exc.value) == "scan.png: looks like a binary file, not text (save it as plain text first)"


def test_utf16_gets_a_hint_rather_than_garbage():
    with pytest.raises(OcrFixError) as with_bom:
        decode(RUSSIAN.encode("utf-16"), "w.txt")
    assert str(with_bom.value) == ("w.txt: looks like UTF-16 text (it starts with a UTF-16 byte-order mark); "
                                   "give --encoding utf-16")
    with pytest.raises(OcrFixError) as without:
        decode("Telegram text".encode("utf-16-le"), "w.txt")
    assert "give --encoding utf-16-le" in str(without.value)
    assert decode(RUSSIAN.encode("utf-16"), "w.txt", "utf-16").text == RUSSIAN


def test_empty_file_nul_bytes_long_lines_and_crlf_come_through_exactly(tmp_path):
    assert decode(b"", "e.txt") == Decoded("", "utf-8", False, textio.digest(b""))
    with_nul = ("Текст " * 400 + "\x00" + " конец\r\n").encode("utf-8")
    assert decode(with_nul, "n.txt").text.encode("utf-8") == with_nul
    long_line = ("слово " * 200_000 + "\r\n").encode("utf-8")
    path = tmp_path / "long.txt"
    path.write_bytes(long_line)
    decoded = read_text(path)
    out = tmp_path / "out.txt"
    write_output(out, decoded.text, decoded.encoding)
    assert out.read_bytes() == long_line


def test_read_errors_name_the_file(tmp_path):
    with pytest.raises(OcrFixError) as missing:
        read_text(tmp_path / "nope.txt")
    assert str(missing.value) == f"{tmp_path / 'nope.txt'}: no such file"
    with pytest.raises(OcrFixError) as folder:
        read_text(tmp_path)
    assert str(folder.value) == f"{tmp_path}: is a directory, not a file"


def test_sha256_is_of_the_bytes_read(tmp_path):
    import hashlib

    path = tmp_path / "a.txt"
    path.write_bytes(RUSSIAN.encode("cp1251"))
    assert read_text(path).sha256 == hashlib.sha256(RUSSIAN.encode("cp1251")).hexdigest()


def test_a_named_encoding_still_refuses_binary_and_adds_no_bom():
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" + bytes(range(256)) * 4
    with pytest.raises(OcrFixError) as exc:
        decode(png, "scan.png", "cp1251")  # every byte is some cp1251 character
    assert "looks like a binary file" in str(exc.value)
    raw = RUSSIAN.encode("utf-8")
    decoded = decode(raw, "x.txt", "utf-8-sig")
    assert decoded.encoding == "utf-8" and decoded.text.encode(decoded.encoding) == raw


def test_a_named_encoding_that_yields_no_russian_or_latin_letters_is_refused():
    with pytest.raises(OcrFixError) as exc:
        decode(RUSSIAN.encode("utf-8"), "doc.txt", "utf-16")  # UTF-8 bytes read in pairs: CJK and Hangul
    assert str(exc.value).startswith("doc.txt: read as utf-16, this has almost no Cyrillic or Latin letters (")
    assert str(exc.value).endswith("it is probably in another encoding (try without --encoding)")
    # digits and punctuation alone are no evidence either way
    assert decode("12.05.1949 — 3:4\n".encode("utf-16"), "n.txt", "utf-16").text == "12.05.1949 — 3:4\n"
