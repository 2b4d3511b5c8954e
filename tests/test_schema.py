"""The schema: the taggers' rows are the exported columns they fill, and the positions are named once."""

import math

import pytest

from briefing import schema
from briefing.codebook import load_codebook
from briefing.paths import DEFAULT_CODEBOOK
from briefing.run.columns import PARTS
from briefing.taggers.stances.stance_rows import Claim

# Each part of a per-article result that becomes an exported table, with the table.
EXPORTED_PARTS = {
    "claims": "stances",
    "frames": "frames",
    "loaded": "loaded_wording",
    "attributions": "sources",
    "themes": "themes",
    "mentions": "actor_mentions",
    "dates": "timeline",
}


def test_every_exported_part_has_its_tables_columns_in_the_tables_order():
    for part, table in EXPORTED_PARTS.items():
        exported = [field for field in PARTS[part]._fields if field in schema.columns(table)]
        required = [field for field in exported if field not in PARTS[part]._field_defaults]
        assert required == [column for column in schema.columns(table) if column in required], part


def test_a_row_type_puts_defaults_after_the_columns_and_extra_fields_last():
    assert Claim._fields[-3:] == ("probability", "condition", "holder_side")
    assert Claim._field_defaults.keys() == {"probability", "condition", "holder_side"}
    assert math.isnan(Claim._field_defaults["probability"]) and Claim._field_defaults["condition"] == ""
    assert Claim.__module__ == "briefing.taggers.stances.stance_rows"
    assert Claim.__doc__.startswith("One holder's position")
    row = schema.row_type("Row", "A row.", "input_problems", defaults={"file": "x"}, extra={"note": None})
    assert row._fields == ("problem", "file", "note") and row("gone") == ("gone", "x", None)
    with pytest.raises(ValueError, match="fiel: not columns of the input_problems table"):
        schema.row_type("Row", "A row.", "input_problems", ["fiel"])


def test_the_positions_are_the_codebooks_and_the_documented_ones():
    codebook = load_codebook(DEFAULT_CODEBOOK)
    assert tuple(codebook.positions) == schema.POSITIONS
    assert all(f"`{position}`" in schema.TABLE_DOCS["stances"].columns["position"] for position in schema.POSITIONS)
    assert codebook.other_side == schema.OTHER_SIDE


def test_every_typed_column_is_a_column_of_its_table_and_of_a_known_type():
    for name, doc in schema.TABLE_DOCS.items():
        assert set(doc.types) <= set(doc.columns), name  # a misspelt column would leave the real one as text
        assert set(doc.types.values()) <= set(schema.COLUMN_TYPES), name
    sources = schema.TABLE_DOCS["sources"]
    assert sources.column_type("cue_start") == schema.INTEGER and sources.column_type("quote") == schema.TEXT
    assert schema.TABLE_DOCS["sentences"].column_type("polarity") == schema.DECIMAL


def test_a_table_holds_its_in_memory_columns_after_the_exported_ones_and_only_articles_export_the_text():
    for name, doc in schema.TABLE_DOCS.items():
        assert set(doc.in_memory).isdisjoint(doc.columns), name
        assert schema.columns(name) == [*doc.columns, *doc.in_memory], name
    exporting_text = [name for name, doc in schema.TABLE_DOCS.items() if "text" in doc.columns]
    assert exporting_text == ["articles", "removed_text"]  # removed text is not in the articles' text
    for name in ("paragraphs", "sentences"):
        assert "text" in schema.TABLE_DOCS[name].in_memory and set(schema.TEXT_OFFSETS) <= set(schema.columns(name))
