"""Korean news → alliance records.

    >>> from pipeline import extract_text
    >>> result = extract_text("삼성전자는 네이버와 손잡고 AI 반도체를 개발한다.")
    >>> [(a.relation, a.parties[0].name, a.parties[1].name) for a in result.alliances]
    [('partnership', '삼성전자', '네이버')]

`get_nlp()` returns the spaCy pipeline (Kiwi tokenizer + our components) whose Docs
carry `doc._.organizations`, `doc._.amounts` and `doc._.alliances`.
"""
from pipeline.version import PIPELINE_VERSION as __version__

__all__ = ["extract_text", "get_nlp", "parse_money", "find_amounts", "read_tables", "__version__"]


def __getattr__(name):  # keep `import pipeline` light; Kiwi and spaCy load on first use
    if name == "extract_text":
        from pipeline.extract.core import extract_text
        return extract_text
    if name == "get_nlp":
        from pipeline.spacy_adapter import get_nlp
        return get_nlp
    if name in ("parse_money", "find_amounts"):
        from pipeline.extract import money
        return getattr(money, name)
    if name == "read_tables":
        from pipeline.sinks.export import read_tables
        return read_tables
    raise AttributeError(name)
