#!/usr/bin/env python3
"""Generates the word-list data files in src/wordlists/ from tests/wordlists/<list>.json (the 13
word lists of oxen-core, copied as data from shared/vectors/mnemonic/wordlists/).

Run from anywhere:  python3 tools/gen_wordlists.py
Then `cargo test -p oxen-mnemonic` checks the data files against the JSON files
(tests/wordlists.rs) and the lookup tables against the crate's own case folding (unit tests).

Three files per list, read into the crate at compile time (src/wordlists/mod.rs):
  <list>.txt           the 1626 words in index order, UTF-8, each followed by "\\n";
  <list>.by_word.bin   1626 little-endian u16: the indices sorted by the lower-cased whole word,
                       ties by index;
  <list>.by_prefix.bin 1626 little-endian u16: the indices sorted by the lower-cased first
                       `unique_prefix_length` code points, ties by index (EnglishOld has shared
                       prefixes; the lookup takes the last of a tie).
Lower-casing here is Python's str.lower(), which equals the crate's simple lower-case folding on
every list word (the unit tests check the order with the crate's own folding).
The names and prefix lengths are written in src/wordlists/mod.rs, one line per list;
tests/wordlists.rs compares them with the JSON.
"""
import json
import os
import struct
import sys

# The JSON file stems, in oxen-core's listing order (EnglishOld last).
LISTS = [
    "german",
    "english",
    "spanish",
    "french",
    "italian",
    "dutch",
    "portuguese",
    "russian",
    "japanese",
    "chinese_simplified",
    "esperanto",
    "lojban",
    "english_old",
]

N_WORDS = 1626


def check_word(stem, i, w):
    """A word is non-empty and has no white space or control character (the text format and the
    decoders' word splitting rely on it; the crate refuses such a file at compile time)."""
    if not w or any(ord(c) <= 0x20 or ord(c) == 0x7F or c.isspace() for c in w):
        sys.exit(f"{stem}: word {i} {w!r} is empty or has white space or a control character")


def u16_le(indices):
    return struct.pack(f"<{len(indices)}H", *indices)


def write(path, data):
    with open(path, "wb") as f:
        f.write(data)


def generate(stem, src_dir, out_dir):
    with open(os.path.join(src_dir, stem + ".json"), encoding="utf-8") as f:
        d = json.load(f)
    words = d["words"]
    p = d["unique_prefix_length"]
    if len(words) != N_WORDS:
        sys.exit(f"{stem}: {len(words)} words, expected {N_WORDS}")
    for i, w in enumerate(words):
        check_word(stem, i, w)
    by_word = sorted(range(N_WORDS), key=lambda i: (words[i].lower(), i))
    by_prefix = sorted(range(N_WORDS), key=lambda i: (words[i][:p].lower(), i))
    out = [
        (stem + ".txt", "".join(w + "\n" for w in words).encode("utf-8")),
        (stem + ".by_word.bin", u16_le(by_word)),
        (stem + ".by_prefix.bin", u16_le(by_prefix)),
    ]
    for name, data in out:
        write(os.path.join(out_dir, name), data)
    return [name for name, _ in out]


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    crate = os.path.dirname(here)
    src_dir = os.path.join(crate, "tests", "wordlists")
    out_dir = os.path.join(crate, "src", "wordlists")
    os.makedirs(out_dir, exist_ok=True)
    for stem in LISTS:
        names = generate(stem, src_dir, out_dir)
        print(f"src/wordlists/{{{', '.join(names)}}}")


if __name__ == "__main__":
    main()
