"""Where a rendered briefing's bytes go: its size broken down by section, by fold and by embedded image.

``python benchmarks/page_size.py reports/briefing.html [--depth 2] [--top 25]`` prints the parts, largest first:
each section (from one ``<h2>`` to the next), and inside it each fold (``<details>``, named by its summary, nested
folds joined by " › ") down to ``--depth``, each embedded image (``<img src="data:…">``, named by its alt text)
and each table; a part's bytes include the parts inside it. ``make bench`` reports the page's size with
:func:`page_parts`.
"""

from __future__ import annotations

import argparse
import itertools
import re
import sys
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd

PART_TAGS = {"details", "img", "table", "figure", "ul"}  # the elements a part can be
VOID = {"img", "br", "meta", "link", "input", "hr", "col", "source", "wbr", "area", "base", "embed", "param", "track"}


class Parts(HTMLParser):
    """Collects (section, path, tag, start, end) of every part, as byte offsets into the page."""

    def __init__(self, text: str, depth: int):
        super().__init__(convert_charrefs=True)
        self.text, self.depth = text, depth
        # character offset of each line's start, to turn getpos() into offsets
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self.stack: list[dict] = []  # open elements that are parts or hold a summary
        self.section = "(before the first section)"
        self.in_h2 = False
        self.h2_text = ""
        self.found: list[dict] = []
        self.sections: list[tuple[str, int]] = [(self.section, 0)]
        self.summary_of: dict | None = None

    def place(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def folds(self) -> list[str]:
        return [e["name"] for e in self.stack if e["tag"] == "details"]

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        start = self.place()
        if tag == "h2":
            self.in_h2, self.h2_text = True, ""
            self.h2_start = start
        if tag == "summary" and self.stack and self.stack[-1]["tag"] == "details":
            self.summary_of = self.stack[-1]
        if tag in PART_TAGS:
            name = {
                "img": "image: " + (attrs.get("alt") or "")[:60],
                "table": "table " + (attrs.get("class") or ""),
                "figure": "figure",
                "ul": "list " + (attrs.get("class") or ""),
                "details": "fold",
            }[tag]
            element = {"tag": tag, "name": name, "start": start, "section": self.section}
            if tag == "img":
                self.found.append({**element, "path": self.folds(), "end": start + len(self.get_starttag_text())})
            elif tag not in VOID:
                self.stack.append(element)

    def handle_data(self, data):
        if self.in_h2:
            self.h2_text += data
        if self.summary_of is not None:
            self.summary_of["name"] = (self.summary_of["name"] if self.summary_of["name"] != "fold" else "") + data

    def handle_endtag(self, tag):
        end = self.place() + len(f"</{tag}>")
        if tag == "h2":
            self.in_h2 = False
            self.section = " ".join(self.h2_text.split())[:60]
            self.sections.append((self.section, self.h2_start))
        if tag == "summary":
            self.summary_of = None
        if tag in PART_TAGS and tag not in VOID:
            for i in range(len(self.stack) - 1, -1, -1):  # close the innermost open element of this tag
                if self.stack[i]["tag"] == tag:
                    element = self.stack.pop(i)
                    self.found.append({**element, "path": self.folds(), "end": end})
                    break


def page_parts(path: str | Path, depth: int = 2) -> pd.DataFrame:
    """The parts of the page at ``path``, largest first: ``kind`` (section, fold, image, table, list), ``part``
    (the section's heading, a fold's path of summaries, an image's alt text), ``bytes`` (UTF-8) and ``share`` of the
    page. Sections tile the page; folds are listed down to ``depth`` levels of nesting, images and tables anywhere.
    """
    text = Path(path).read_text(encoding="utf-8")
    parser = Parts(text, depth)
    parser.feed(text)
    parser.close()

    def size(start: int, end: int) -> int:
        return len(text[start:end].encode("utf-8"))

    total = len(text.encode("utf-8"))
    rows = []
    bounds = [*parser.sections, ("", len(text))]
    for (name, start), (_, end) in itertools.pairwise(bounds):
        rows.append({"kind": "section", "section": name, "part": name, "bytes": size(start, end)})
    for element in parser.found:
        path_names = [*element["path"], element["name"]]
        if element["tag"] == "details" and len(path_names) > depth:
            continue
        if element["tag"] in {"ul", "figure"} and element["name"] != "list evidence":
            continue
        rows.append(
            {
                "kind": {"details": "fold", "img": "image"}.get(element["tag"], element["tag"]),
                "section": element["section"],
                "part": " › ".join(" ".join(p.split())[:70] for p in path_names),
                "bytes": size(element["start"], element["end"]),
            }
        )
    parts = pd.DataFrame(rows, columns=["kind", "section", "part", "bytes"])
    if parts.empty:
        return parts.assign(share=[])
    # evidence lists: summed per section and fold path, not one row each
    evidence = parts["part"].str.endswith("list evidence")
    lists = (
        parts[evidence]
        .assign(part=lambda f: f["part"].str.rsplit(" › ", n=1).str[0] + " › evidence lists (all)")
        .groupby(["kind", "section", "part"], as_index=False)["bytes"]
        .sum()
    )
    parts = pd.concat([parts[~evidence], lists], ignore_index=True)
    parts["share"] = parts["bytes"] / total
    total_row = pd.DataFrame([{"kind": "page", "section": "", "part": Path(path).name, "bytes": total, "share": 1.0}])
    return pd.concat([total_row, parts.sort_values("bytes", ascending=False, kind="stable")], ignore_index=True)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("html", type=Path)
    parser.add_argument("--depth", type=int, default=2, help="levels of nested folds listed (default 2)")
    parser.add_argument("--top", type=int, default=25, help="rows printed (default 25)")
    args = parser.parse_args(argv)
    parts = page_parts(args.html, args.depth)
    shown = parts.head(args.top).assign(
        kB=lambda f: (f["bytes"] / 1000).round(1), share=lambda f: (f["share"] * 100).round(1).astype(str) + "%"
    )
    with pd.option_context("display.max_colwidth", 90, "display.width", 200):
        print(shown[["kind", "kB", "share", "part"]].to_string(index=False))


if __name__ == "__main__":
    main(sys.argv[1:])
