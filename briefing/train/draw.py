"""The draw of the pool articles coded for training (``data/annotations/war-2022/``), kept as code so that it can
be checked and repeated: the pool's files in its order from ``a05000.txt`` on, each of 150–1,000 words with at
least three sentences naming an issue of the war codebook by its cues.

``python -m briefing.train.draw POOL CODEBOOK COUNT`` prints the drawn files as CSV.
"""

from __future__ import annotations

import csv
import re
import sys
from collections.abc import Iterator
from pathlib import Path

from briefing.codebook import Codebook, load_codebook

FIRST = "a05000.txt"  # the files before it are left for benchmarks
WORDS = (150, 1000)
ISSUE_SENTENCES = 3
SENTENCE_END = re.compile(r"(?<=[.!?])\s+")  # rough, as a filter needs: the coders split sentences themselves


def drawn(pool: Path, codebook: Codebook) -> Iterator[dict[str, str]]:
    """The manifest rows of the pool that the draw keeps, in the pool's order."""
    with (pool / "manifest.csv").open(encoding="utf-8", newline="") as manifest:
        for row in csv.DictReader(manifest):
            if row["file"] < FIRST:
                continue
            text = (pool / row["file"]).read_text(encoding="utf-8")
            if not WORDS[0] <= len(text.split()) <= WORDS[1]:
                continue
            if sum(1 for s in SENTENCE_END.split(text) if codebook.mentions(s, "issues")) >= ISSUE_SENTENCES:
                yield row


def main(argv: list[str]) -> None:
    pool, codebook, count = Path(argv[0]), load_codebook(argv[1]), int(argv[2])
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(["file", "outlet", "date"])
    for number, row in enumerate(drawn(pool, codebook)):
        if number == count:
            break
        writer.writerow([row["file"], row["outlet"], row["date"]])


if __name__ == "__main__":
    main(sys.argv[1:])
