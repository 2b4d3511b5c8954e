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
