"""Random OCR-like damage to words (confusions, specks, lost and added letters), shared by the tests
that hold a compiled algorithm to its Python twin over many inputs."""

import random

_READ_INSTEAD = "аеосзвбинмйцлпдякхжшщьъыт.,'il1"
_ADDED = ".,'ilнь"


def garbled(rng: random.Random, word: str, edits: int, shortest: int = 1) -> str:
    """`word` with `edits` random misreadings; a letter is lost only from a word longer than `shortest`."""
    letters = list(word)
    for _ in range(edits):
        i = rng.randrange(len(letters))
        move = rng.random()
        if move < 0.5:
            letters[i] = rng.choice(_READ_INSTEAD)
        elif move < 0.75 and len(letters) > shortest:
            del letters[i]
        else:
            letters.insert(i, rng.choice(_ADDED))
    return "".join(letters)
