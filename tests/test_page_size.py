"""benchmarks/page_size.py: a page's bytes broken down by section, fold and image."""

import importlib.util

from briefing.paths import PROJECT_ROOT

spec = importlib.util.spec_from_file_location("page_size", PROJECT_ROOT / "benchmarks" / "page_size.py")
page_size = importlib.util.module_from_spec(spec)
spec.loader.exec_module(page_size)


def test_a_page_breaks_down_into_sections_that_tile_it_and_the_folds_and_images_inside(tmp_path):
    image = '<img src="data:image/png;base64,' + "A" * 5000 + '" alt="Grid of 30 of 275 holders">'
    evidence = '<ul class="evidence">' + "<li>“Putin rejected a truce.” — RT</li>" * 40 + "</ul>"
    page = (
        "<html><head><style>" + "p{}" * 100 + "</style></head><body>"
        '<h2 id="stances">Stances: who takes which position</h2><p>Täglich</p>'
        f'<details class="long"><summary>The matrix as a chart</summary><figure>{image}</figure></details>'
        '<h2 id="evidence">Evidence appendix</h2>'
        f'<details class="long"><summary>Evidence for 2 matrix cells</summary><h4>Russia</h4>{evidence}'
        f'<details class="long"><summary>Inner</summary><p>x</p></details></details>'
        "</body></html>"
    )
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    parts = page_size.page_parts(path, depth=1)
    total = len(page.encode("utf-8"))
    assert parts.iloc[0]["bytes"] == total and parts.iloc[0]["kind"] == "page"
    sections = parts[parts["kind"] == "section"].set_index("part")["bytes"]
    assert sections.sum() == total  # sections tile the page, multi-byte letters counted as bytes
    assert set(sections.index) == {
        "(before the first section)",
        "Stances: who takes which position",
        "Evidence appendix",
    }
    assert sections.is_monotonic_decreasing and sections.index[0].startswith("Stances")  # largest first: the image
    folds = parts[parts["kind"] == "fold"].set_index("part")["bytes"]
    assert folds["The matrix as a chart"] > 5000 and "Inner" not in " ".join(folds.index)  # depth 1: outer folds only
    images = parts[parts["kind"] == "image"]
    assert images["part"].str.endswith("image: Grid of 30 of 275 holders").all() and len(images) == 1
    lists = parts[parts["part"].str.endswith("evidence lists (all)")]
    assert lists["bytes"].sum() == len(evidence.encode("utf-8"))
