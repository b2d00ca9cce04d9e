"""The database tables as pandas DataFrames, and as Parquet, CSV or JSON Lines files.

Each file is written to a temp file and renamed, so an export never leaves a half file.
Tables are streamed in chunks, so a large database does not have to fit in memory.
Decimal values stay exact: they are text columns, as in the database.
"""
from __future__ import annotations

from pathlib import Path
from typing import Literal

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.sinks.database import Database
from pipeline.sinks.jsonl import atomic_path

Format = Literal["parquet", "csv", "jsonl"]
FORMATS: tuple[str, ...] = ("parquet", "csv", "jsonl")
CHUNK_ROWS = 10_000
ALLIANCES, CONFIDENCE = "alliances", "confidence"


def read_tables(db_url: str) -> dict[str, pd.DataFrame]:
    """Every pipeline table of the database as a DataFrame (table name → frame)."""
    with Database(db_url) as db:
        db.check()
        return db.dataframes()


def export_tables(db_url: str, fmt: Format, out_dir: str | Path, *, min_confidence: float = 0.0) -> list[Path]:
    """Write each table to `out_dir/<table>.<fmt>`; returns the paths written."""
    return [path for path, _rows in write_tables(db_url, fmt, out_dir, min_confidence=min_confidence)]


def write_tables(db_url: str, fmt: Format, out_dir: str | Path, *,
                 min_confidence: float = 0.0) -> list[tuple[Path, int]]:
    """Write each table to `out_dir/<table>.<fmt>`; returns (path, rows) per table. With
    `min_confidence`, alliance rows below it are left out."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    out_dir = Path(out_dir)
    written = []
    with Database(db_url) as db:
        db.check()
        for table in db.schema.all_tables:
            path = out_dir / f"{table.name}.{fmt}"
            frames = db.iter_frames(table.name, CHUNK_ROWS)
            if min_confidence > 0 and table.name == ALLIANCES:
                frames = (f[f[CONFIDENCE] >= min_confidence] for f in frames)
            with atomic_path(path) as temp:
                rows = _WRITERS[fmt](frames, temp)
            written.append((path, rows))
    return written


def _write_parquet(frames, path: Path) -> int:
    writer, rows = None, 0
    try:
        for frame in frames:
            batch = pa.Table.from_pandas(frame, preserve_index=False)
            if writer is None:
                writer = pq.ParquetWriter(path, batch.schema)
            writer.write_table(batch.cast(writer.schema))
            rows += len(frame)
    finally:
        if writer is not None:
            writer.close()
    return rows


def _write_csv(frames, path: Path) -> int:
    rows = 0
    with open(path, "w", encoding="utf-8", newline="") as out:
        for index, frame in enumerate(frames):
            frame.to_csv(out, index=False, header=index == 0, lineterminator="\n")
            rows += len(frame)
    return rows


def _write_jsonl(frames, path: Path) -> int:
    rows = 0
    with open(path, "w", encoding="utf-8", newline="\n") as out:
        for frame in frames:
            if len(frame):
                text = frame.to_json(orient="records", lines=True, force_ascii=False)
                out.write(text if text.endswith("\n") else text + "\n")
                rows += len(frame)
    return rows


_WRITERS = {"parquet": _write_parquet, "csv": _write_csv, "jsonl": _write_jsonl}
