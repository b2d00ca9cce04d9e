"""What `alliances extract` reports: the run's counts as a table, and its quarantined inputs.

The table keeps one layout everywhere (label, two spaces, value right-aligned), so scripts can
read it: each line ends with its number. Counts of organisations, alliances and amounts are
those of the articles extracted by this run; already stored ones are counted as such.

Quarantined inputs: on a terminal they are grouped by reason, with a few names each and a
pointer to the full list; into a file or a pipe every entry is one `quarantined:` line.
"""
from __future__ import annotations

import json
import re
from collections import OrderedDict
from dataclasses import dataclass, field

from pipeline.ingest.names import terminal_text
from pipeline.records import ArticleResult, Quarantine
from pipeline.run.summary import RunSummary
from pipeline.sinks.database import PreparedResult

LABEL_WIDTH, VALUE_WIDTH = 18, 8
GROUPS_SHOWN, NAMES_PER_GROUP = 8, 3
_NUMBERS = re.compile(r"\d[\d,.]*")


@dataclass
class ExtractSummary(RunSummary):
    """RunSummary with the figures the command line shows about the articles it extracted."""
    mentions: int = 0
    canonical_names: set[str] = field(default_factory=set)
    extracted_alliances: int = 0
    extracted_amounts: int = 0
    vague_amounts: int = 0
    unresolved_dates: int = 0
    with_warnings: int = 0

    def add(self, result: ArticleResult | PreparedResult | None, skipped: bool) -> None:
        super().add(result, skipped)
        if skipped or result is None:
            return
        if isinstance(result, PreparedResult):
            self._add_rows(result)
        else:
            self.mentions += len(result.organizations)
            self.canonical_names.update(o.canonical for o in result.organizations)
            self.extracted_alliances += len(result.alliances)
            self.extracted_amounts += len(result.amounts)
            self.vague_amounts += len(result.vague_amounts)
            self.unresolved_dates += sum(1 for a in result.alliances if a.date_text and not a.date_start)
            self.with_warnings += bool(result.warnings)

    def _add_rows(self, result: PreparedResult) -> None:
        children = result.children
        organizations = children.get("organizations", ())
        alliances = children.get("alliances", ())
        self.mentions += len(organizations)
        self.canonical_names.update(row.get("canonical") or row.get("name") for row in organizations)
        self.extracted_alliances += len(alliances)
        self.extracted_amounts += len(children.get("amounts", ()))
        self.vague_amounts += len(children.get("vague_amounts", ()))
        self.unresolved_dates += sum(1 for row in alliances if row.get("date_text") and not row.get("date_start"))
        warnings = (result.row or {}).get("warnings") or []
        if isinstance(warnings, str):   # a JSON list, in tables that store lists as text
            warnings = json.loads(warnings or "[]")
        self.with_warnings += bool(warnings)

    def rows(self) -> list[tuple[str, str]]:
        rate = f"{self.articles / self.seconds:.1f}" if self.seconds > 0 else "-"
        return [("articles", f"{self.articles}"), ("  extracted", f"{self.processed}"),
                ("  already stored", f"{self.skipped}"), ("  with warnings", f"{self.with_warnings}"),
                ("quarantined", f"{self.quarantined}"),
                ("organisations", f"{len(self.canonical_names)}"), ("  mentions", f"{self.mentions}"),
                ("alliances", f"{self.extracted_alliances}"), ("  dates unresolved", f"{self.unresolved_dates}"),
                ("amounts", f"{self.extracted_amounts}"), ("  vague", f"{self.vague_amounts}"),
                ("seconds", f"{self.seconds:.1f}"), ("articles/s", rate)]

    def table_lines(self) -> list[str]:
        return [f"{label:<{LABEL_WIDTH}}  {value:>{VALUE_WIDTH}}" for label, value in self.rows()]

    def note(self) -> str | None:
        """A line under the table when some articles were not extracted now."""
        if not self.skipped:
            return None
        stored = f"{self.skipped} article{'s' if self.skipped != 1 else ''}"
        if not self.processed:
            return (f"(nothing new: {stored} stored already with this pipeline and configuration; "
                    "--force extracts them again)")
        return (f"(organisations, alliances and amounts: of the {self.processed} extracted now; "
                f"{stored} stored already)")


PLACE_WIDTH = 12


def print_summary(summary: ExtractSummary, places: list[tuple[str, str]], stream) -> None:
    """The table, its note, and where the records went (`database  URL`); on a terminal with
    labels in bold and figures in colour (the same characters either way)."""
    note = summary.note()
    if not stream.isatty():
        lines = summary.table_lines() + ([note] if note else [])
        lines += [f"{name:<{PLACE_WIDTH}}  {value}" for name, value in places]
        print("\n".join(lines), file=stream)
        return
    from rich.console import Console  # lazy: Rich only for a terminal
    from rich.text import Text

    console = Console(file=stream, highlight=False, soft_wrap=True)
    for label, value in summary.rows():
        console.print(Text.assemble((f"{label:<{LABEL_WIDTH}}", "" if label.startswith(" ") else "bold"),
                                    (f"  {value:>{VALUE_WIDTH}}", "cyan")))
    if note:
        console.print(Text(note, style="dim"))
    for name, value in places:
        console.print(Text.assemble((f"{name:<{PLACE_WIDTH}}", "bold"), f"  {value}"))


def quarantine_lines(entries: list[Quarantine]) -> list[str]:
    """One line per entry, control characters escaped (for files and pipes)."""
    return [terminal_text(f"quarantined: {q.path} [{q.stage}] {q.reason}") for q in entries]


def _reason_key(entry: Quarantine) -> tuple[str, str]:
    return entry.stage, _NUMBERS.sub("#", entry.reason)


def grouped_quarantine(entries: list[Quarantine], where: str) -> list[str]:
    """The entries grouped by reason (numbers in reasons ignored), most frequent first, capped."""
    groups: OrderedDict[tuple[str, str], list[Quarantine]] = OrderedDict()
    for entry in entries:
        groups.setdefault(_reason_key(entry), []).append(entry)
    ranked = sorted(groups.values(), key=len, reverse=True)
    lines = [f"quarantined {len(entries)} input{'s' if len(entries) != 1 else ''} (every entry: {where}):"]
    for members in ranked[:GROUPS_SHOWN]:
        first = members[0]
        names = ", ".join(q.path for q in members[:NAMES_PER_GROUP])
        more = f", … {len(members) - NAMES_PER_GROUP} more" if len(members) > NAMES_PER_GROUP else ""
        lines.append(terminal_text(f"  {len(members):>6}  [{first.stage}] {first.reason}"))
        lines.append(terminal_text(f"          {names}{more}"))
    hidden = ranked[GROUPS_SHOWN:]
    if hidden:
        lines.append(f"  {sum(len(m) for m in hidden):>6}  for {len(hidden)} other reasons")
    return lines
