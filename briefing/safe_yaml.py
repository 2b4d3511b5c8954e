"""YAML read with limits: front matter and codebooks come from users and from scraped files.

PyYAML's safe loader still expands aliases (a 401-byte "billion laughs" block becomes a value whose text runs to
hundreds of megabytes) and lets a repeated key silently replace the first. :func:`load` refuses both, and text
over a size limit, so a hostile file costs milliseconds and names its problem.
"""

from __future__ import annotations

import yaml

MAX_YAML_CHARS = 1_000_000  # a codebook is tens of kilobytes; front matter, a few lines


# libyaml's parser, which PyYAML's wheels include, reads a codebook in a tenth of the pure-Python parser's time.
SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class LimitedLoader(SafeLoader):
    """A safe loader without repeated keys (aliases are refused by :func:`load` before it runs)."""

    def construct_mapping(self, node, deep=False):
        seen = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            if isinstance(key, list | dict):
                continue  # the base class reports an unhashable key
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"key '{key}' appears twice in one mapping", key_node.start_mark
                )
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


def load(text: str, limit: int = MAX_YAML_CHARS):
    """Parse ``text`` as YAML with :class:`LimitedLoader`.

    Raises
    ------
    yaml.YAMLError
        When the text is over ``limit`` characters, uses an alias, repeats a key or is not YAML; the message's first
        line says which, with the line number.
    """
    if len(text) > limit:
        raise yaml.YAMLError(f"{len(text):,} characters, over the {limit:,}-character limit")
    for event in yaml.parse(text, Loader=SafeLoader):  # events only: an alias is refused before it is expanded
        if isinstance(event, yaml.AliasEvent):
            raise yaml.composer.ComposerError(
                None, None, f"aliases (*{event.anchor}) are not allowed", event.start_mark
            )
    return yaml.load(text, Loader=LimitedLoader)  # LimitedLoader is a SafeLoader


def first_line(exc: Exception) -> str:
    """A YAML error in one line: the problem and where it is."""
    problem = getattr(exc, "problem", None)
    mark = getattr(exc, "problem_mark", None)
    if problem and mark is not None:
        return f"{problem} (line {mark.line + 1}, column {mark.column + 1})"
    text = str(exc)
    return text.splitlines()[0] if text else type(exc).__name__
