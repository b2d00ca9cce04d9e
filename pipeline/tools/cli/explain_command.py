"""`alliances explain`: how one article (or a literal text) is read, rule by rule.

A file is read exactly as `extract` reads it (encoding detection, HTML → title and body, one
line of a JSON Lines file), so what is explained is what a run extracts. An argument that is no
file is taken as the text itself when it reads as Korean and does not look like a file name.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Optional

import typer

from pipeline.tools.cli.errors import EXIT_OK, RunError, State, UsageError, set_verbose
from pipeline.tools.cli.options import Verbose, published_option
from pipeline.tools.cli.stdin_input import SHOWN_NAME, STDIN, check_stdin

HELP = ("Show how a text is read: sentences, morphemes, organisations with the rule that found them, relation "
        "triggers, each rule that bound a pair, and the records that come out.\n\n"
        "A file is read exactly as extract reads it (encoding, HTML, one line of JSON Lines). An argument that is "
        "no file is taken as the text itself when it is Korean and does not look like a file name.")
EPILOG = """\
[bold]Examples[/bold]

  [dim]# a literal text: the first line of an article[/dim]
  alliances explain --text "$(head -n 1 corpus/101_wire_chip_euv.txt)"
  alliances explain corpus/101_wire_chip_euv.txt
  [dim]# the article on line 3 of a JSON Lines file; standard input[/dim]
  alliances explain crawl.jsonl#3
  cat page.html | alliances explain -

More: docs/cli.md, docs/architecture.md (the rules).
"""


_FILE_SUFFIXES = (".txt", ".html", ".htm", ".xhtml", ".jsonl", ".ndjson", ".json")
_LINE = re.compile(r"^(?P<path>.+)#(?P<line>[1-9][0-9]*)$")


@lru_cache(maxsize=1)
def _hangul() -> re.Pattern:
    # lazy: importing pipeline.korean reads the grammar (pydantic, YAML), too slow for every --help
    from pipeline.korean.script import HANGUL_SYLLABLES
    return re.compile(f"[{HANGUL_SYLLABLES}]")


def _looks_like_text(argument: str) -> bool:
    return bool(_hangul().search(argument)) and "/" not in argument and \
        not argument.lower().endswith(_FILE_SUFFIXES)


def explain_command(
    source: Annotated[Optional[str], typer.Argument(
        metavar="SOURCE", show_default=False,
        help="An article file (FILE, or FILE.jsonl#LINE for one line of JSON Lines), - for standard input, "
             "or Korean text.")] = None,
    text: Annotated[Optional[str], typer.Option(
        "--text", "-t", show_default=False, help="Explain this text (never read as a file name).")] = None,
    published: Annotated[Optional[str], published_option()] = None,
    html: Annotated[Optional[Path], typer.Option(
        "--html", metavar="FILE.html", show_default=False,
        help="Also write displaCy's span view of the text: parties by role, trigger, amount and date of each "
             "record.")] = None,
    verbose: Verbose = False,
) -> int:
    """Show how a text is read: sentences, morphemes, organisations with the rule that found them,
    relation triggers, each rule that bound a pair, and the records that come out."""
    set_verbose(verbose)
    if (source is None) == (text is None):
        raise UsageError("give a FILE (or - for standard input, or a text) or --text TEXT, one of them")
    State.quick_exit = True   # Kiwi and the rules load in this process
    if text is not None:
        body, date, note = text, published, None
    else:
        body, date, note = _read_source(source, published)
    from pipeline.tools.explain import explain  # lazy: spaCy and Kiwi only for this command

    if note:
        print(note)
    print(explain(body, date))
    if html is not None:
        from pipeline.report.spans_view import write_explain_html  # lazy: Jinja2, displaCy

        print(f"span view: {write_explain_html(html, body, date)}")
    return EXIT_OK


def _read_source(source: str, published):
    """The text to explain, its publication date, and a note saying which article of the file it is."""
    line = None
    path = source
    match = _LINE.match(source)
    if match and not Path(source).exists():
        path, line = match.group("path"), int(match.group("line"))
    if path == STDIN:
        check_stdin([STDIN])
        return _read_stdin(line, published)
    if not Path(path).exists():
        if line is None and _looks_like_text(source):
            return source, published, None
        raise UsageError(f"{source}: no such file (to explain a text, use --text)")
    if Path(path).is_dir():
        raise UsageError(f"{path}: is a folder: explain reads one article file")
    return _document(Path(path), path, line, published)


def _read_stdin(line: Optional[int], published):
    from pipeline.tools.cli.stdin_input import spool_stdin, stdin_folder

    with stdin_folder() as folder:
        spooled = spool_stdin(Path(folder))
        return _document(spooled, SHOWN_NAME, line, published)


def _document(path: Path, shown: str, line: Optional[int], published):
    # lazy: the ingest stage (HTML parsing, decoding) and the dateline finder
    from pipeline.extract.core import publication_date
    from pipeline.ingest import SourceDocument, iter_file

    items = list(iter_file(path))
    real = str(path)
    documents = [i for i in items if isinstance(i, SourceDocument)]
    if line is not None:
        wanted = f"{real}#{line}"
        item = next((i for i in items if getattr(i, "path", None) == wanted), None)
        if item is None:
            raise UsageError(f"{shown}#{line}: no such line with an article ({len(documents)} articles in the file)")
    elif len(items) == 1:
        item = items[0]
    else:
        item = documents[0] if documents else items[0]
    if not isinstance(item, SourceDocument):
        where = item.path.replace(real, shown, 1)
        raise RunError(f"{where} is not read as an article: [{item.stage}] {item.reason}")
    note = None
    if line is None and len(items) > 1:
        note = (f"({item.path.replace(real, shown, 1)}: the first of {len(documents)} articles in the file; "
                f"name another as {shown}#LINE)\n")
    return item.text, publication_date(item, published), note
