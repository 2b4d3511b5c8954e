"""Reading files: encodings, bad files, front matter, HTML."""

import pytest
from conftest import FIXTURES

from briefing.corpus.reading import SkipFile, decode, read_document, read_front_matter


def test_utf8_decodes_cleanly_and_cp1252_is_flagged():
    assert decode("Zelenskyy’s “plan”".encode()) == ("Zelenskyy’s “plan”", None)
    text, warning = decode("Zelenskyy’s “plan”".encode("cp1252"))
    assert text == "Zelenskyy’s “plan”"
    assert "decoded as cp1252" in warning


def test_bytes_undefined_in_cp1252_fall_back_to_latin1():
    text, warning = decode(b"caf\xe9 \x81")
    assert text.startswith("café") and "latin-1" in warning


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty file"),
        (b"   \n\n  ", "empty file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
        (bytes(range(1, 32)) * 40, "binary file"),
    ],
)
def test_unusable_files_are_skipped_with_a_reason(tmp_path, content, message):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(SkipFile, match=message):
        read_document(path)


def test_oversized_file_is_skipped(tmp_path):
    path = tmp_path / "huge.txt"
    path.write_text("Word. " * 2000)
    with pytest.raises(SkipFile, match="over the"):
        read_document(path, max_bytes=1000)


def test_front_matter_gives_metadata_and_offsets_stay_in_the_file():
    text = "---\ntitle: Talks stall\nsource: Example Times\ndate: 2025-05-20\n---\nBody starts here.\n"
    metadata, body_start, warning = read_front_matter(text)
    assert metadata == {"title": "Talks stall", "outlet": "Example Times", "published": "2025-05-20"}
    assert text[body_start:] == "Body starts here.\n" and warning is None


def test_broken_front_matter_is_ignored_with_a_warning():
    metadata, body_start, warning = read_front_matter("---\ntitle: [unclosed\n---\nBody.\n")
    assert metadata == {} and body_start > 0 and "not valid YAML" in warning


def test_html_main_text_and_metadata_are_extracted():
    document = read_document(FIXTURES / "article.html")
    assert document.format == "html"
    assert document.metadata["title"] == "Kremlin rejects European amendments to peace plan"
    assert document.metadata["outlet"] == "Example Herald"
    assert document.metadata["published"].startswith("2025-11-28")
    assert "The Kremlin on Friday rejected" in document.source_text
    for chrome in ["Subscribe to our newsletter", "Cookie settings", "trackPageView"]:
        assert chrome not in document.source_text
