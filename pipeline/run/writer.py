"""The batch writer: engine items in input order → database transactions and JSONL lines."""
from __future__ import annotations

from pipeline.records import ArticleResult, Quarantine
from pipeline.run.engines import FileRead, Skipped
from pipeline.run.summary import RunSummary
from pipeline.sinks.database import Database, PreparedResult, prepare_result
from pipeline.sinks.jsonl import AtomicJsonlWriter


class BatchWriter:
    """Collects items in input order and flushes them: one database transaction per
    batch, JSONL lines in input order (stored results re-read for skipped articles).
    A file's `FileRead` marker clears the quarantine entries earlier runs left for it, in the
    batch that stores the first of its items."""

    def __init__(self, db: Database, jsonl: AtomicJsonlWriter | None, summary: RunSummary, batch_size: int,
                 force: bool = False):
        self.db, self.jsonl, self.summary, self.batch_size = db, jsonl, summary, batch_size
        # --force re-extracts what is stored: only a set of what this run wrote tells its copies from
        # earlier rows (it grows with the run; without --force the database is asked per batch)
        self.written: set[str] | None = set() if force else None
        self.entries: list[PreparedResult | Skipped] = []
        self.quarantined: list[Quarantine] = []
        self.files: list[str] = []       # files read since the last flush
        self.batch: dict[str, PreparedResult] = {}   # SHA-256 → the first result of it in this batch

    def add(self, item: ArticleResult | PreparedResult | Skipped | Quarantine | FileRead) -> None:
        if isinstance(item, FileRead):
            self.files.append(item.path)
            return
        if isinstance(item, ArticleResult):  # the runner's workers send PreparedResults; this is for other callers
            item = prepare_result(item, self.db.schema)
        if isinstance(item, PreparedResult) and item.unstorable:
            item = Quarantine(path=item.article, sha256=item.sha256, stage="process", reason=item.unstorable)
        if isinstance(item, PreparedResult):
            # A copy of an article met earlier in this batch is skipped (copies stored by an earlier
            # batch are found at the flush), as a re-run after a crash would skip it: the first path
            # in input order keeps the row either way. Nothing grows with the run.
            if item.sha256 in self.batch:
                item = Skipped(item.article, item.sha256)
            else:
                self.batch[item.sha256] = item
        if isinstance(item, Quarantine):
            self.quarantined.append(item)
        else:
            self.entries.append(item)
        if len(self.entries) >= self.batch_size:
            self.flush()

    def flush(self) -> None:
        self._skip_stored_copies()
        fresh = [e for e in self.entries if isinstance(e, PreparedResult)]
        self.db.write_batch(fresh, self.quarantined,
                            cleared=[e.path for e in self.entries if isinstance(e, Skipped)], replaced_files=self.files)
        skipped = {e.sha256 for e in self.entries if isinstance(e, Skipped)}
        stored = {r.sha256: r for r in self.db.iter_results(skipped)} if skipped and self.jsonl else {}
        for sha in skipped.difference(stored).intersection(self.batch) if self.jsonl else ():
            stored[sha] = ArticleResult.model_validate_json(self.batch[sha].json)   # no database: this batch's copy
        for entry in self.entries:
            if isinstance(entry, Skipped):
                result = stored.get(entry.sha256)
                if result is not None and result.article != entry.path:
                    result = result.model_copy(update={"article": entry.path})
                self.summary.add(result, skipped=True)
                if self.jsonl and result is not None:
                    self.jsonl.write(result)
            else:
                self.summary.add(entry, skipped=False)
                if self.jsonl:
                    self.jsonl.write_json(entry.json)
        self.summary.quarantined += len(self.quarantined)
        self.summary.quarantine.extend(self.quarantined)
        self.entries, self.quarantined, self.files, self.batch = [], [], [], {}

    def _skip_stored_copies(self) -> None:
        """Results whose article an earlier batch of this run (or another run of the same
        version and config) has stored meanwhile become `Skipped`: one query per batch."""
        fresh = [e for e in self.entries if isinstance(e, PreparedResult)]
        if not fresh:
            return
        if self.written is not None:
            stored = self.written.intersection(e.sha256 for e in fresh)
            self.written.update(e.sha256 for e in fresh)
        else:
            stored = self._stored_among(fresh)
        if stored:
            self.entries = [Skipped(e.article, e.sha256) if isinstance(e, PreparedResult) and e.sha256 in stored
                            else e for e in self.entries]

    def _stored_among(self, fresh: list[PreparedResult]) -> set[str]:
        versions: dict[tuple[str, str], list[str]] = {}
        for entry in fresh:
            versions.setdefault((entry.row["pipeline_version"], entry.row["config_hash"]), []).append(entry.sha256)
        return set().union(*(self.db.current_among(shas, *version) for version, shas in versions.items()))
