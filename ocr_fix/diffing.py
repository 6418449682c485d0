"""A unified diff of two versions of a text, with the changed words highlighted in a terminal.

Plain output is a standard unified diff (`patch` applies it): each line keeps its own line ending,
CRLF included, and a last line without one is followed by `\\ No newline at end of file`. Coloured
output is for reading: removed lines red, added lines green, and within a changed line the words that
differ in reverse video, since an OCR fix usually changes one word in a long line.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from ocr_fix.tokens import tokenize

_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")

RESET = "\x1b[0m"
BOLD = "\x1b[1m"
RED = "\x1b[31m"
GREEN = "\x1b[32m"
CYAN = "\x1b[36m"
RED_WORD = "\x1b[1;7;31m"
GREEN_WORD = "\x1b[1;7;32m"
NO_NEWLINE = "\\ No newline at end of file"


# Control characters of the document shown as what they are, not sent to the terminal: an escape
# sequence in an OCR text (`ESC ] 0 ; ... BEL` retitles the window, others move the cursor or hide
# lines) must not act on the screen of the person reading the diff. C0 controls become their Unicode
# control pictures (ESC as ␛), DEL ␡, and C1 controls (CSI, 0x9B, starts a sequence on some terminals)
# their code point.
_SHOWN_CONTROLS = {code: chr(0x2400 + code) for code in range(32) if chr(code) not in "\t\n\r"}
_SHOWN_CONTROLS[0x7F] = "\u2421"
_SHOWN_CONTROLS.update({code: f"<U+{code:04X}>" for code in range(0x80, 0xA0)})


def show_controls(text: str) -> str:
    """`text` with its control characters (tabs and line breaks aside) made visible."""
    return text.translate(_SHOWN_CONTROLS)


def split_lines(text: str) -> list[str]:
    """Lines with their endings; only CR, LF and CRLF end a line (not form feeds or U+2028, which
    str.splitlines would also split on)."""
    return _LINE.findall(text)


def _range(start: int, stop: int) -> str:
    """A hunk range as GNU diff writes it: `3` for one line, `3,4` for four, `2,0` for none after line 2."""
    beginning = start + 1
    length = stop - start
    if length == 1:
        return f"{beginning}"
    if not length:
        beginning -= 1
    return f"{beginning},{length}"


def _body(line: str) -> str:
    return line.rstrip("\r\n")


def highlight_pair(old: str, new: str, shown=show_controls) -> tuple[str, str]:
    """The two versions of a line (without endings) with the words that differ marked in colour, each
    piece passed through `shown` (by default, its control characters made visible)."""
    a = tokenize(old)
    b = tokenize(new)
    matcher = SequenceMatcher(None, [t.text for t in a], [t.text for t in b], autojunk=False)
    left, right = [], []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        old_part = shown("".join(t.text for t in a[i1:i2]))
        new_part = shown("".join(t.text for t in b[j1:j2]))
        if tag == "equal":
            left.append(old_part)
            right.append(new_part)
            continue
        if old_part:
            left.append(RED_WORD + old_part + RESET + RED)
        if new_part:
            right.append(GREEN_WORD + new_part + RESET + GREEN)
    return RED + "-" + "".join(left) + RESET, GREEN + "+" + "".join(right) + RESET


def word_diff_line(old: str, new: str, shown=show_controls) -> str:
    """One line (without ending) with the words that differ marked as git's `--word-diff=plain` marks
    them: `[-removed-]{+added+}`, the rest as it is."""
    a = tokenize(old)
    b = tokenize(new)
    matcher = SequenceMatcher(None, [t.text for t in a], [t.text for t in b], autojunk=False)
    out = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        old_part = shown("".join(t.text for t in a[i1:i2]))
        new_part = shown("".join(t.text for t in b[j1:j2]))
        if tag == "equal":
            out.append(old_part)
            continue
        if old_part:
            out.append(f"[-{old_part}-]")
        if new_part:
            out.append(f"{{+{new_part}+}}")
    return "".join(out)


def unified_diff(old: str, new: str, old_name: str, new_name: str, context: int = 3, color: bool = False,
                 for_terminal: bool | None = None, word_diff: bool = False) -> str:
    """The differences between two texts as a unified diff; "" when they are equal. For a terminal
    (by default, when coloured) the document's control characters are shown, not passed on (see
    _SHOWN_CONTROLS); otherwise every byte stays as it is, so that `patch` applies the diff. With
    `word_diff` (and no colour), a changed line is shown once with its changed words marked
    (`word_diff_line`) instead of as a removed and an added line: an OCR fix changes a word in a
    paragraph that is often one long line."""
    if old == new:
        return ""
    if for_terminal is None:
        for_terminal = color
    a = split_lines(old)
    b = split_lines(new)
    shown = show_controls if for_terminal else str
    old_name, new_name = shown(old_name), shown(new_name)
    out: list[str] = []
    if color:
        out.append(f"{BOLD}--- {old_name}{RESET}\n{BOLD}+++ {new_name}{RESET}\n")
    else:
        out.append(f"--- {old_name}\n+++ {new_name}\n")
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    for group in matcher.get_grouped_opcodes(context):
        first, last = group[0], group[-1]
        header = f"@@ -{_range(first[1], last[2])} +{_range(first[3], last[4])} @@"
        out.append(f"{CYAN}{header}{RESET}\n" if color else header + "\n")
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                out.extend(_plain_line(" ", line, color, shown) for line in a[i1:i2])
            else:
                out.extend(_changed_lines(tag, a[i1:i2], b[j1:j2], color, word_diff, shown))
    return "".join(out)


def _plain_line(prefix: str, line: str, color: bool, shown) -> str:
    """One line of a diff as it is, after its prefix (" ", "-" or "+")."""
    body = _body(line)
    if color:
        paint = {"-": RED, "+": GREEN}.get(prefix, "")
        return f"{paint}{prefix}{shown(body)}{RESET if paint else ''}\n"
    if line.endswith(("\n", "\r")):
        return prefix + shown(body) + line[len(body):]
    return prefix + shown(line) + "\n" + NO_NEWLINE + "\n"


def _changed_lines(tag: str, removed: list[str], added: list[str], color: bool, word_diff: bool, shown) -> list[str]:
    """The lines of one change in a hunk: paired lines with their changed words marked (in colour, or
    once with --word-diff), the rest as removed and added lines."""
    def plain(prefix: str, lines: list[str]) -> list[str]:
        return [_plain_line(prefix, line, color, shown) for line in lines]

    if tag != "replace" or not (color or word_diff):
        return plain("-", removed) + plain("+", added)
    pairs = min(len(removed), len(added))
    if not color:
        marked = [" " + word_diff_line(_body(x), _body(y), shown) + "\n" for x, y in zip(removed, added)]
        return marked + plain("-", removed[pairs:]) + plain("+", added[pairs:])
    marked = [highlight_pair(_body(x), _body(y), shown) for x, y in zip(removed, added)]
    return ([m[0] + "\n" for m in marked] + plain("-", removed[pairs:])
            + [m[1] + "\n" for m in marked] + plain("+", added[pairs:]))
