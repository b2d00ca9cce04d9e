"""What a batch run did: the counts the command line prints, and the quarantined inputs."""
from __future__ import annotations

from dataclasses import dataclass, field

from pipeline.ingest.names import terminal_text
from pipeline.records import ArticleResult, Quarantine
from pipeline.sinks.database import PreparedResult


@dataclass
class RunSummary:
    articles: int = 0        # articles in the input (processed + skipped)
    processed: int = 0
    skipped: int = 0         # already stored with this pipeline version and config
    organizations: int = 0
    alliances: int = 0
    amounts: int = 0
    quarantined: int = 0
    seconds: float = 0.0
    quarantine: list[Quarantine] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)   # about the run, not an article (outputs not read)

    def add(self, result: ArticleResult | PreparedResult | None, skipped: bool) -> None:
        self.articles += 1
        self.skipped += skipped
        self.processed += not skipped
        if isinstance(result, PreparedResult):
            self.organizations += result.count("organizations")
            self.alliances += result.count("alliances")
            self.amounts += result.count("amounts")
        elif result is not None:
            self.organizations += len(result.organizations)
            self.alliances += len(result.alliances)
            self.amounts += len(result.amounts)

    def table(self) -> str:
        rows = [("articles", self.articles), ("  processed", self.processed), ("  already stored", self.skipped),
                ("organisations", self.organizations), ("alliances", self.alliances), ("amounts", self.amounts),
                ("quarantined", self.quarantined), ("seconds", f"{self.seconds:.1f}")]
        width = max(len(r[0]) for r in rows)
        return "\n".join(f"{name:<{width}}  {value:>10}" for name, value in rows)

    def notices(self) -> list[str]:
        """The lines for standard error: warnings about the run, then one line per quarantined
        input; control characters of file names escaped, so no name can forge a line."""
        return ([f"warning: {terminal_text(w)}" for w in self.warnings]
                + [terminal_text(f"quarantined: {q.path} [{q.stage}] {q.reason}") for q in self.quarantine])
