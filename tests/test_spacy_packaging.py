"""spaCy packaging: the pipeline is spaCy's Korean (`ko`) with Kiwi as its tokenizer, and a pipeline
saved with `nlp.to_disk` loads with `spacy.load` in a new process that never imports `pipeline`
itself (the package's `spacy_factories` and `spacy_tokenizers` entry points bring it in), giving
the same records."""
from __future__ import annotations

import json
import subprocess
import sys
from importlib.metadata import entry_points

import pytest

from pipeline.spacy_adapter import PIPE_NAMES, get_nlp

TEXT = "삼성전자는 네이버와 손잡고 AI 반도체를 개발한다. 물류 스타트업 '로지올래'는 CJ대한통운에서 50억원을 투자받았다."

LOAD_AND_READ = """
import json, sys
import spacy
nlp = spacy.load(sys.argv[1])
doc = nlp(sys.argv[2])
print(json.dumps({
    "lang": nlp.lang, "meta_lang": nlp.meta["lang"], "pipes": nlp.pipe_names,
    "tokenizer": nlp.config["nlp"]["tokenizer"]["@tokenizers"],
    "imported_before_load": "pipeline" in sys.argv[3:],
    "organizations": [o.model_dump(mode="json") for o in doc._.organizations],
    "amounts": [a.model_dump(mode="json") for a in doc._.amounts],
    "alliances": [a.model_dump(mode="json") for a in doc._.alliances],
    "ents": [(e.text, e.label_) for e in doc.ents],
}, ensure_ascii=False))
"""


def _records(doc) -> dict:
    return {"organizations": [o.model_dump(mode="json") for o in doc._.organizations],
            "amounts": [a.model_dump(mode="json") for a in doc._.amounts],
            "alliances": [a.model_dump(mode="json") for a in doc._.alliances],
            "ents": [[e.text, e.label_] for e in doc.ents]}


def test_the_entry_points_are_installed():
    factories = {e.name: e.value for e in entry_points(group="spacy_factories")}
    tokenizers = {e.name: e.value for e in entry_points(group="spacy_tokenizers")}
    missing = [name for name in PIPE_NAMES if factories.get(name) != f"pipeline.spacy_adapter:make_{name[10:-3]}"]
    assert not missing, f"{missing}: reinstall the package (pip install -e .) to register its entry points"
    assert tokenizers.get("alliances.kiwi_tokenizer.v1") == "pipeline.spacy_adapter:create_kiwi_tokenizer"


def test_the_language_is_korean_with_kiwi():
    nlp = get_nlp()
    assert nlp.lang == "ko" and type(nlp).__name__ == "Korean"
    assert nlp.config["nlp"]["tokenizer"]["@tokenizers"] == "alliances.kiwi_tokenizer.v1"


@pytest.mark.slow
def test_a_saved_pipeline_loads_in_a_new_process_with_the_same_records(tmp_path):
    nlp = get_nlp()
    nlp.to_disk(tmp_path / "model")
    done = subprocess.run([sys.executable, "-c", LOAD_AND_READ, str(tmp_path / "model"), TEXT],
                          cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    loaded = json.loads(done.stdout)
    assert (loaded["lang"], loaded["meta_lang"]) == ("ko", "ko")
    assert loaded["pipes"] == nlp.pipe_names and loaded["tokenizer"] == "alliances.kiwi_tokenizer.v1"
    here = _records(nlp(TEXT))
    assert {k: loaded[k] for k in here} == here
    assert here["alliances"] and here["organizations"]
