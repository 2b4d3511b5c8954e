"""Every stage notebook runs on its own, with parameters, on another corpus and codebook (slow)."""

import papermill
import pytest

from briefing.paths import CODEBOOKS_DIR, PROJECT_ROOT

pytestmark = pytest.mark.slow
STAGES = sorted((PROJECT_ROOT / "notebooks").glob("*.ipynb"))


def test_there_is_one_notebook_per_stage():
    assert [p.stem for p in STAGES] == ["01_load_and_clean", "02_stances", "03_sources", "04_themes_and_tone"]


@pytest.mark.parametrize("notebook", STAGES, ids=lambda p: p.stem)
def test_stage_notebook_runs_with_parameters_on_another_topic(notebook, make_corpus, tmp_path):
    corpus = make_corpus(
        {
            "a.txt": "Phones in class\nMinister Hale insisted on a phone ban from September. "
            "“Phones harm wellbeing,” Hale said.\n",
            "b.txt": "Union pushes back\nThe teachers' union rejected the ban on smartphones, a moral panic.\n",
        }
    )
    declared = papermill.inspect_notebook(str(notebook))
    assert {"corpus", "codebook", "max_rows"} <= set(declared)
    assert all(p["help"] and p["inferred_type_name"] != "None" for p in declared.values())
    output = tmp_path / notebook.name
    papermill.execute_notebook(
        str(notebook),
        str(output),
        kernel_name="python3",
        progress_bar=False,
        cwd=str(PROJECT_ROOT),
        parameters={"corpus": str(corpus), "codebook": str(CODEBOOKS_DIR / "school-phone-ban.yaml"), "max_rows": 5},
        extra_arguments=["--IPKernelApp.log_level=ERROR"],
    )
    assert "Smartphones in schools" in output.read_text()


def test_the_briefing_notebook_is_stored_without_outputs_and_validated_by_running():
    """Stored outputs made analysis.ipynb 2 MB and every diff unreadable; nbval runs its cells instead."""
    import nbformat

    notebook = nbformat.read(PROJECT_ROOT / "analysis.ipynb", as_version=4)
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    assert not any(cell.outputs for cell in code)
    assert [cell for cell in code if "parameters" in cell.metadata.get("tags", [])]
    assert all(
        "nbval-ignore-output" in cell.metadata.get("tags", [])
        for cell in code
        if "parameters" not in cell.metadata.get("tags", [])
    )
    assert (PROJECT_ROOT / "analysis.ipynb").stat().st_size < 100_000
