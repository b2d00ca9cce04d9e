"""Ingest: input paths → decoded article texts (`SourceDocument`) or quarantine entries.

Nothing lost, nothing invented: every input ends up either as a document or as a
`Quarantine(path, sha256, stage, reason, size)` saying why, and one bad file never stops
a run. Plain text keeps what the file said (line endings become \\n, trailing whitespace
of the whole document goes); HTML becomes its title + "\\n\\n" + article body; each JSON
Lines object becomes one document. Every later offset points into `SourceDocument.text`.

    for item in iter_documents(["corpus/"]):
        if isinstance(item, SourceDocument): ...   # item.text, item.sha256, item.encoding
        else: ...                                  # a Quarantine

Workers that receive paths from `iter_paths` read them with `read_document` (or the lazy
`iter_file`, which keeps a huge JSON Lines file out of memory).

Modules: `settings` (the `ingest:` settings and environment overrides), `discover` (walking
folders), `regular_files` (opening files safely), `decode` (bytes → text), `html` (pages →
title and body), `jsonl_input` (JSON Lines objects), `documents` (`SourceDocument`),
`files` (one file → documents), `inputs` (paths → files and documents).
"""
from pipeline.ingest.documents import SourceDocument

__all__ = ["SourceDocument", "iter_documents", "iter_paths", "read_document", "iter_file", "ingest_settings"]

# The readers (decoding, HTML, JSON Lines) load on first use: the extraction core and the command
# line's checks import this package for `SourceDocument` and `names` only.
_READERS = {"iter_file": "files", "read_document": "files", "iter_documents": "inputs", "iter_paths": "inputs",
            "ingest_settings": "settings"}


def __getattr__(name):
    if name in _READERS:
        from importlib import import_module

        value = globals()[name] = getattr(import_module(f"pipeline.ingest.{_READERS[name]}"), name)
        return value
    raise AttributeError(f"module 'pipeline.ingest' has no attribute {name!r}")
