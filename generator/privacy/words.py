"""Is a word Dutch, and is a capitalised word a well-known one? Two lexicons, loaded lazily.

1. Dutch words: the lower-case entries of the OpenTaal word list (357,674 full forms, BSD or
   CC-BY 3.0, see ``data/opentaal-LICENSE.txt``), shipped gzipped in this package (1.1 MB,
   0.15 s to load). OpenTaal writes proper names with a capital, so its lower-case entries
   are ordinary words only: "fatima" or "mirela" is not in it, "roos" and "storm" are.
   Compounds that the list lacks ("huiswerkmaatje") are split into two listed words.
   Measured against wordfreq's Dutch list, which holds 63% of deduce's first names as
   words; see docs/decisions.md.
2. Well-known words: the Dutch words of wordfreq (``large_nl``) with a Zipf frequency of at
   least ``FAMOUS_ZIPF``. A capitalised word that is neither Dutch nor a first name but that
   Dutch text uses this often is a brand, a public figure or a place ("Heijn", "Verstappen",
   "Efteling"), not a neighbour. We read wordfreq's data file directly: importing wordfreq
   and building its dictionary costs 0.7 s, reading the top buckets about 0.05 s.

3. Frisian words: the lower-case entries of tesseract's Frisian dictionary (Debian's
   ``tesseract-ocr-fry``, Apache-2.0, see ``data/frysk-LICENSE.txt``), 35,813 forms, 104 KB. Friesland's
   coordinators write "Tige tank" and "Wolkom"; no other kept Frisian word list exists on
   PyPI or Debian. The OCR dictionary also holds names in lower case ("anne", "douwe"), so it
   only ever excuses a word that no name list knows (``finder.NameFinder.unknown``).

Rebuild the shipped lists from Debian's ``wdutch`` and ``tesseract-ocr-fry`` packages with
``python -m generator.privacy.words /usr/share/dict/dutch`` and (tesseract's own tools)::

    combine_tessdata -u /usr/share/tesseract-ocr/5/tessdata/fry.traineddata /tmp/fry.
    dawg2wordlist /tmp/fry.lstm-unicharset /tmp/fry.lstm-word-dawg /tmp/fry.txt
    python -m generator.privacy.words --frysk /tmp/fry.txt
"""

from __future__ import annotations

import gzip
import importlib.util
import sys
from bisect import bisect_left
from collections.abc import Iterator
from functools import cache, lru_cache
from pathlib import Path

import msgpack

DATA = Path(__file__).parent / "data"
WORDS_FILE = DATA / "opentaal-woorden.txt.gz"
FRISIAN_FILE = DATA / "frysk-woorden.txt.gz"
FAMOUS_ZIPF = 3.0
# Linking letters between the parts of a Dutch compound: "kind-er-opvang", "dorp-s-huis".
_LINKS = ("", "s", "e", "en", "er")


class SortedWords:
    """A sorted word list with ``in`` by binary search.

    Building a set of 357,674 strings took 0.07-0.25 s of every cold start; the sorted list
    that the file already is costs only the split, and a lookup stays ~1 µs.
    """

    def __init__(self, words: list[str]) -> None:
        self.words = words

    def __contains__(self, word: object) -> bool:
        if not isinstance(word, str):
            return False
        i = bisect_left(self.words, word)
        return i < len(self.words) and self.words[i] == word

    def __iter__(self) -> Iterator[str]:
        return iter(self.words)

    def __len__(self) -> int:
        return len(self.words)


@cache
def dutch_words() -> SortedWords:
    """Every lower-case Dutch word form of the OpenTaal list (sorted by code point)."""
    text = gzip.decompress(WORDS_FILE.read_bytes()).decode("utf-8")
    return SortedWords(text.rstrip("\n").split("\n"))


@cache
def frisian_words() -> SortedWords:
    """Every lower-case Frisian word form of tesseract's dictionary (sorted by code point)."""
    text = gzip.decompress(FRISIAN_FILE.read_bytes()).decode("utf-8")
    return SortedWords(text.rstrip("\n").split("\n"))


def is_frisian(word: str) -> bool:
    """Whether ``word`` (any case) is a Frisian word form: "Tige", "wolkom", "Oanmelde"."""
    return word.lower().strip("'’") in frisian_words()


@lru_cache(maxsize=65536)
def is_dutch(word: str) -> bool:
    """Whether ``word`` (any case) is an ordinary Dutch word, a compound or a hyphenation of them."""
    lower = word.lower().strip("'’")
    words = dutch_words()
    if lower in words:
        return True
    if "-" in lower:
        parts = [p for p in lower.split("-") if len(p) > 1]
        return bool(parts) and all(p in words or _compound(p, words) for p in parts)
    return _compound(lower, words)


def _compound(lower: str, words: SortedWords) -> bool:
    if len(lower) < 8:
        return False
    for i in range(4, len(lower) - 3):
        head, tail = lower[:i], lower[i:]
        if tail not in words and not (len(tail) >= 8 and _compound(tail, words)):
            continue
        for link in _LINKS:
            if link and not head.endswith(link):
                continue
            stem = head[: len(head) - len(link)] if link else head
            if len(stem) >= 4 and stem in words:
                return True
    return False


def is_known_compound(word: str) -> bool:
    """A well-known word glued to a Dutch one: "Pokémonkaarten", "Ajax-shirt", "Lego-doos"."""
    lower = word.lower()
    famous, words = famous_words(), dutch_words()
    for i in range(3, len(lower) - 2):
        head, tail = lower[:i].rstrip("-"), lower[i:].lstrip("-")
        if len(tail) < (3 if "-" in lower[i - 1 : i + 1] else 5):
            continue
        if head in famous and (tail in words or _compound(tail, words)):
            return True
    return False


def _wordfreq_file() -> Path | None:
    try:
        spec = importlib.util.find_spec("wordfreq")
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "data" / "large_nl.msgpack.gz"
    return path if path.is_file() else None


@cache
def famous_words() -> frozenset[str]:
    """Lower-case words with a Zipf frequency >= FAMOUS_ZIPF in wordfreq's Dutch data.

    The file is a header followed by buckets of words, bucket ``i`` holding the words whose
    frequency is 10**(-i/100), so Zipf = 9 - i/100.
    """
    path = _wordfreq_file()
    if path is None:
        return frozenset()
    data = msgpack.unpackb(gzip.decompress(path.read_bytes()), raw=False)
    buckets = data[1:]
    last = int((9 - FAMOUS_ZIPF) * 100)
    return frozenset(w for bucket in buckets[: last + 1] for w in bucket)


def main(argv: list[str]) -> None:
    """Rebuild a shipped list from a full-form word list (one word a line): OpenTaal's, or
    with ``--frysk`` tesseract's Frisian one. Only lower-case entries are kept."""
    args = argv[1:]
    target = WORDS_FILE
    if args[:1] == ["--frysk"]:
        target, args = FRISIAN_FILE, args[1:]
    source = Path(args[0]) if args else Path("/usr/share/dict/dutch")
    lines = source.read_text(encoding="utf-8").splitlines()
    kept = sorted({w.strip() for w in lines if w[:1].islower() and len(w.strip()) > 1})
    target.write_bytes(gzip.compress(("\n".join(kept) + "\n").encode("utf-8"), 9, mtime=0))
    print(f"{len(kept)} words -> {target}")


if __name__ == "__main__":
    main(sys.argv)
