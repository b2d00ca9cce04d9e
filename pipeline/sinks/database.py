"""SQLite and PostgreSQL through SQLAlchemy: idempotent, all-or-nothing batch writes.

One transaction per batch. An article replaces whatever was stored under its SHA-256
(articles upserted with ON CONFLICT, child rows deleted and re-inserted), so writing
the same batch twice changes nothing. In the same transaction the `entities` rows the batch
refers to are merged in and the events of every group the batch touches are rebuilt from all of
the group's alliance records (pipeline.sinks.events): the derived tables never lag behind.
Passwords in URLs never reach a message: every SQLAlchemy error is re-raised as `DatabaseError`
with the URL redacted.

Concurrent runs on one SQLite file: every write transaction (table creation included) starts
with BEGIN IMMEDIATE, so a second writer waits for the first (busy timeout) instead of failing
when its read turns into a write. On PostgreSQL a batch takes a transaction-level advisory lock
first, for the same reason: two batches rebuilding the same events must not interleave.
PostgreSQL gets a connect timeout and a statement timeout (settings `run.db_connect_timeout`,
`run.db_statement_timeout`): the server cancels a statement that runs over, and a watchdog
shuts the connection's socket a few seconds later when the server does not answer at all
(stopped, frozen, unreachable mid-run).
"""
from __future__ import annotations

import datetime as dt
import logging
import math
import os
import re
import socket
import threading
import weakref
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Iterator, Sequence
from urllib.parse import quote, quote_plus, unquote

from pydantic_core import PydanticSerializationError
from sqlalchemy import (
    Boolean,
    Float,
    Integer,
    Table,
    Text,
    and_,
    create_engine,
    delete,
    event,
    func,
    inspect,
    or_,
    select,
    text,
    tuple_,
    type_coerce,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import URL, Engine, make_url
from sqlalchemy.exc import DBAPIError, SQLAlchemyError
from sqlalchemy.types import TypeDecorator

from pipeline.records import ArticleResult, Quarantine
from pipeline.sinks import entities, events
from pipeline.sinks.tables import (
    ARTICLE_KEY,
    ORDINAL,
    RESULT_JSON,
    SCHEMA,
    ExactDecimal,
    IsoDate,
    JsonText,
    Schema,
    decimal_text,
    storable_decimal,
)

if TYPE_CHECKING:   # pandas is imported on first use: writers and workers never need it
    import pandas as pd

log = logging.getLogger(__name__)

IN_CHUNK = 500                 # keys per IN (...) list: far below SQLite's variable limit
SQLITE_BUSY_MS = 30_000        # wait this long for another writer before failing
SCHEMA_ROW = "tables"          # schema_version row holding the tables' fingerprint
CONNECT_TIMEOUT = 15.0         # seconds (settings run.db_connect_timeout)
STATEMENT_TIMEOUT = 300.0      # seconds (settings run.db_statement_timeout)
UNANSWERED_GRACE = 5.0         # after the statement timeout, seconds before the socket is shut
WRITE_LOCK = 0x616C6C69        # PostgreSQL advisory lock key taken by every batch ("alli")
MIGRATE_HINT = "upgrade it in place with `alliances migrate` (pipeline.sinks.migrate.migrate(URL))"

# user:password@ up to the last @ of the URL's first word: a password may hold @, : and /
_URL_PASSWORD = re.compile(r"(://[^:/?#@\s]*:)\S*@")
_URL_PARTS = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*)://([^?]*)(\?.*)?$", re.DOTALL)
_PARAM_PASSWORD = re.compile(r"(password\s*=\s*)('[^']*'|\"[^\"]*\"|[^\s&;]+)", re.IGNORECASE)


class DatabaseError(RuntimeError):
    """A database operation failed. The message never contains a password."""


class SchemaVersionError(DatabaseError):
    """The database holds tables of another schema version."""


class UnstorableResultError(ValueError):
    """Results whose text a database cannot store (NUL characters, lone surrogates)."""

    def __init__(self, problems: list[tuple[str, str]]):
        self.problems = problems
        super().__init__("; ".join(f"{article}: {reason}" for article, reason in problems))


# --- URLs --------------------------------------------------------------------------

def _encoded_userinfo(url: str) -> str:
    """`url` with its user name and password percent-encoded. A password written raw may hold
    '@', ':' and '/': the user information ends at the last '@' before the query, while
    SQLAlchemy's parser stops at the first one (and would take the rest for the host)."""
    match = _URL_PARTS.match(url)
    if not match or match.group(1).startswith("sqlite"):
        return url
    scheme, head, query = match.group(1), match.group(2), match.group(3) or ""
    at = head.rfind("@")
    if at < 0:
        return url
    user, colon, password = head[:at].partition(":")
    userinfo = quote(unquote(user), safe="") + (colon + quote(unquote(password), safe="") if colon else "")
    return f"{scheme}://{userinfo}@{head[at + 1:]}{query}"


def normalize_url(url: str | URL) -> URL:
    """Parse a database URL; bare postgresql:// (or postgres://) gets the psycopg 3 driver."""
    if isinstance(url, str) and url.startswith("postgres://"):
        url = "postgresql://" + url[len("postgres://"):]
    try:
        parsed = make_url(_encoded_userinfo(url) if isinstance(url, str) else url)
    except Exception:
        raise DatabaseError(f"not a database URL: {redact_url(str(url))}") from None
    if parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed


def redact_url(url: str | URL) -> str:
    """The URL with any password (in the authority or the query) replaced by ***."""
    try:
        parsed = make_url(_encoded_userinfo(url) if isinstance(url, str) else url)
    except Exception:
        return _scrub_text(str(url))
    secret_keys = [k for k in parsed.query if "password" in k.lower()]
    if isinstance(url, str) and parsed.password is None and not secret_keys:
        return url   # nothing to hide: shown as given (a file name with '@' stays as it is)
    query = {k: ("***" if k in secret_keys else v) for k, v in parsed.query.items()}
    return parsed.set(query=query).render_as_string(hide_password=True).replace("%2A%2A%2A", "***")


def _scrub_text(text: str, secrets: Sequence[str] = ()) -> str:
    for secret in secrets:
        if secret:
            for form in {secret, quote(secret, safe=""), quote_plus(secret)}:
                text = text.replace(form, "***")
    text = _URL_PASSWORD.sub(r"\1***@", text)
    return _PARAM_PASSWORD.sub(r"\1***", text)


# --- what can be stored ------------------------------------------------------------

def unstorable_reason(result: ArticleResult) -> str | None:
    """Why a database would reject this result, or None. Check before `write_batch`
    to quarantine such an article instead of failing its batch."""
    try:
        return _unstorable_json_reason(result, result.model_dump_json())
    except PydanticSerializationError:
        return "contains a lone surrogate (not valid UTF-8)"


def _unstorable_json_reason(result: ArticleResult, json_text: str) -> str | None:
    # JSON escapes U+0000 as \u0000: search the serialised form once, walk the fields only on a hit
    if "\\u0000" in json_text and any("\x00" in text for text in _strings(result.model_dump())):
        return "contains U+0000, which PostgreSQL text cannot store"
    return _unstorable_value_reason(result)


_DECIMAL_FIELDS = ("value", "min", "max", "krw_equivalent")


def _unstorable_value_reason(result: ArticleResult) -> str | None:
    """Numbers and dates the typed columns cannot hold exactly (pipeline.sinks.tables.storable_decimal)."""
    amounts = [*result.amounts, *result.vague_amounts, *(a.amount for a in result.alliances if a.amount)]
    for amount in amounts:
        for name in _DECIMAL_FIELDS:
            value = getattr(amount, name, None)
            if value is not None and (reason := storable_decimal(value)):
                return reason
    dates = [result.published, *(d for a in result.alliances for d in (a.date_start, a.date_end))]
    for date in dates:
        if date is not None:
            try:
                dt.date.fromisoformat(date)
            except ValueError:
                return f"date {date!r} is not an ISO calendar date"
    return None


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _strings(item)


def _storable_text(text: str | None) -> str | None:
    """Quarantine entries must always store: escape what a database cannot hold."""
    if text is None:
        return None
    return text.encode("utf-8", "backslashreplace").decode("utf-8").replace("\x00", "\\x00")


def _chunks(items: Sequence, size: int = IN_CHUNK) -> Iterator[Sequence]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


def _none_safe(row: tuple) -> tuple:
    return tuple((0, "") if v is None else (1, v) for v in row)


_PANDAS_DTYPES = ((Boolean, "boolean"), (Integer, "Int64"), (Float, "Float64"))


def _pandas_dtype(column) -> str:
    """Decimals stay Decimal objects (exact), dates become datetime64, JSON columns their text."""
    if isinstance(column.type, ExactDecimal):
        return "object"
    if isinstance(column.type, IsoDate):
        return "datetime64[s]"
    for sql_type, dtype in _PANDAS_DTYPES:
        if isinstance(column.type, sql_type) and not isinstance(column.type, TypeDecorator):
            return dtype
    return "string"


def _frame(rows, names: list[str], dtypes: dict[str, str]) -> pd.DataFrame:
    import pandas as pd  # lazy: writers and workers never need pandas

    frame = pd.DataFrame.from_records(rows, columns=names)
    for name, dtype in dtypes.items():
        if dtype == "datetime64[s]":
            frame[name] = pd.to_datetime(frame[name], format="%Y-%m-%d").astype(dtype)
        elif dtype == "object":
            frame[name] = frame[name].astype(object).where(frame[name].notna(), None)
        else:
            frame[name] = frame[name].astype(dtype)
    return frame


def _converted(value: Any, convert) -> Any:
    return value if convert is None or value is None else convert(value)


def _dump_value(value: Any) -> Any:
    """A stored value as text any database gives back alike (decimals in one spelling)."""
    return decimal_text(value) if isinstance(value, Decimal) else value


# The columns of an alliances row that pipeline.sinks.events.mention_of reads.
_MENTION_COLUMNS = (ARTICLE_KEY, ORDINAL, "relation", "status", "confidence", "party0_entity_id", "party1_entity_id",
                    "party0_canonical", "party1_canonical", "amount_value", "amount_currency", "amount_text",
                    "date_start", "date_end")


# --- results as rows ---------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class PreparedResult:
    """An article result as the tables store it, with its JSON line: made where the
    article was extracted, it crosses to the writing process ~7x cheaper than the
    pydantic model, and nothing is serialised twice."""
    article: str
    sha256: str
    json: str                                  # ArticleResult.model_dump_json() ("" if unstorable)
    row: dict[str, Any] | None                 # the articles row (None if unstorable)
    children: dict[str, list[dict[str, Any]]]  # child table → its rows for this article
    schema: str                                # fingerprint of the schema the rows are for
    unstorable: str | None = None              # why a database would reject the result
    shared: dict[str, list[dict[str, Any]]] | None = None   # shared table (entities) → the rows it uses

    def count(self, name: str) -> int:
        """Items in one list of the result (organizations, amounts, alliances …)."""
        return len(self.children.get(name, ()))


def prepare_result(result: ArticleResult, schema: Schema = SCHEMA) -> PreparedResult:
    """The rows and JSON line of `result` (or why a database cannot store it)."""
    try:
        json_text = result.model_dump_json()
        reason = _unstorable_json_reason(result, json_text)
    except PydanticSerializationError:
        json_text, reason = "", "contains a lone surrogate (not valid UTF-8)"
    if reason:
        return PreparedResult(result.article, result.sha256, "", None, {}, schema.fingerprint, reason)
    data = result.model_dump()
    row = schema.articles.to_row(data)
    row[RESULT_JSON] = json_text
    children: dict[str, list[dict[str, Any]]] = {}
    for name, child in schema.children.items():
        rows = children[name] = []
        for ordinal, item in enumerate(data[name]):
            child_row = child.to_row(item)
            child_row[ARTICLE_KEY], child_row[ORDINAL] = result.sha256, ordinal
            rows.append(child_row)
    shared = {}
    for name, table in schema.shared.items():
        columns = [leaf.column for leaf in table.leaves]
        shared[table.name] = entities.article_entity_rows(data, [table.to_row(item) for item in data[name]], columns)
    return PreparedResult(result.article, result.sha256, json_text, row, children, schema.fingerprint, None, shared)


# --- the database ------------------------------------------------------------------

class Database:
    """The pipeline's tables in one SQLite or PostgreSQL database."""

    def __init__(self, url: str | URL, schema: Schema = SCHEMA, *, connect_timeout: float | None = None,
                 statement_timeout: float | None = None):
        self.schema = schema
        self.connect_timeout = connect_timeout or CONNECT_TIMEOUT
        self.statement_timeout = statement_timeout or STATEMENT_TIMEOUT
        self._connections: weakref.WeakSet = weakref.WeakSet()   # PostgreSQL: for the watchdog
        self._unanswered: str | None = None
        self.url = normalize_url(url)
        self.redacted_url = redact_url(self.url)
        self._secrets = [self.url.password or ""] + [
            v for k, v in self.url.query.items() if "password" in k.lower() and isinstance(v, str)]
        self.dialect = self.url.get_backend_name()
        if self.dialect not in ("sqlite", "postgresql"):
            raise DatabaseError(f"unsupported database {self.redacted_url}: use sqlite:/// or postgresql://")
        with self._guard("opening"):
            self.engine = self._make_engine()

    def __repr__(self) -> str:
        return f"Database({self.redacted_url!r})"

    def __enter__(self) -> "Database":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self.engine.dispose()

    # engine and errors

    @property
    def sqlite_path(self) -> Path | None:
        """The database file for file-backed SQLite, else None."""
        if self.dialect != "sqlite" or self.url.database in (None, "", ":memory:"):
            return None
        return Path(self.url.database)

    def _make_engine(self) -> Engine:
        if self.dialect == "postgresql":
            # libpq takes whole seconds, at least 2
            engine = create_engine(self.url, pool_pre_ping=True, connect_args={
                "application_name": "alliances", "connect_timeout": max(2, math.ceil(self.connect_timeout))})
            event.listen(engine, "connect", self._postgresql_on_connect)
            return engine
        if self.sqlite_path is not None:
            self.sqlite_path.parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(self.url, connect_args={"timeout": SQLITE_BUSY_MS / 1000})
        event.listen(engine, "connect", _sqlite_on_connect)
        event.listen(engine, "begin", _sqlite_on_begin)
        return engine

    def _postgresql_on_connect(self, dbapi_connection, _record) -> None:
        """Every connection: a statement timeout the server enforces, and a place in the watchdog's list."""
        self._connections.add(dbapi_connection)
        autocommit = dbapi_connection.autocommit
        dbapi_connection.autocommit = True    # a SET inside a transaction would be rolled back with it
        try:
            with dbapi_connection.cursor() as cursor:
                cursor.execute(f"SET statement_timeout = {int(self.statement_timeout * 1000)}")
        finally:
            dbapi_connection.autocommit = autocommit

    def _shut_sockets(self, action: str) -> None:
        """The watchdog: the server did not answer. Shutting the sockets makes the waiting call fail."""
        self._unanswered = action
        for connection in list(self._connections):
            try:
                with socket.socket(fileno=os.dup(connection.fileno())) as sock:
                    sock.shutdown(socket.SHUT_RDWR)
            except (OSError, ValueError, AttributeError):   # closed already, or no socket
                pass

    @contextmanager
    def _watchdog(self, action: str) -> Iterator[None]:
        if self.dialect != "postgresql":
            yield
            return
        timer = threading.Timer(self.statement_timeout + UNANSWERED_GRACE, self._shut_sockets, args=(action,))
        timer.daemon = True
        timer.start()
        try:
            yield
        finally:
            timer.cancel()

    @contextmanager
    def _guard(self, action: str, *, watched: bool = True) -> Iterator[None]:
        """Database errors as DatabaseError; `watched`: the watchdog times the block (not for
        blocks that yield rows to a caller, whose own time would count)."""
        self._unanswered = None
        try:
            with self._watchdog(action) if watched else nullcontext():
                yield
        except SQLAlchemyError as error:
            raise self._error(action, error) from None

    def _error(self, action: str, error: SQLAlchemyError) -> DatabaseError:
        """A one-line DatabaseError without secrets, saying which timeout fired if one did."""
        detail = error.orig if isinstance(error, DBAPIError) and error.orig is not None else error
        text = " ".join(str(detail).split())
        log.debug("%s failed on %s", action, self.redacted_url)
        if self._unanswered is not None:
            return DatabaseError(f"{action} failed on {self.redacted_url}: no answer from the server within "
                                 f"{self.statement_timeout + UNANSWERED_GRACE:g} s (run.db_statement_timeout "
                                 f"{self.statement_timeout:g} s, plus {UNANSWERED_GRACE:g}): is it stopped or "
                                 "overloaded?")
        message = f"{type(detail).__name__}: {text}"   # one line
        if "statement timeout" in text:
            message += f" (run.db_statement_timeout {self.statement_timeout:g} s)"
        elif "timeout expired" in text:
            message += f" (run.db_connect_timeout {self.connect_timeout:g} s)"
        statement = getattr(error, "statement", None)
        if statement:
            message += f" [SQL: {' '.join(statement.split())[:160]}]"
        message = _scrub_text(message, self._secrets)[:1500]
        return DatabaseError(f"{action} failed on {self.redacted_url}: {message}")

    @contextmanager
    def _writing(self) -> Iterator:
        """A write transaction. On SQLite it takes the write lock at its start (BEGIN IMMEDIATE):
        concurrent writers then wait for each other (busy timeout) instead of one failing with
        "database is locked" when its read turns into a write."""
        with self.engine.connect() as conn:
            conn.execution_options(alliances_write=True)
            with conn.begin():
                yield conn

    def _insert(self, table: Table):
        return (postgresql if self.dialect == "postgresql" else sqlite).insert(table)

    def _insert_rows(self, conn, table: Table, rows: list[dict[str, Any]], *, upsert: bool = False) -> None:
        """Insert rows (`upsert`: or replace those stored under the same key). Values go through
        the columns' own conversions, as in SQLAlchemy's INSERT, and then straight to the driver:
        SQLAlchemy's per-row parameter handling cost as much as SQLite's own work. On PostgreSQL
        they are copied (COPY, one stream) into a temporary table of the same columns, then moved
        with one INSERT … SELECT: an INSERT per row cost the server a statement each."""
        if not rows:
            return
        dialect = conn.dialect
        preparer = dialect.identifier_preparer
        target = preparer.format_table(table)
        columns = [(c.name, c.type.dialect_impl(dialect).bind_processor(dialect)) for c in table.columns]
        names = ", ".join(preparer.quote(name) for name, _ in columns)
        values = ([_converted(row.get(name), convert) for name, convert in columns] for row in rows)
        conflict = ""
        if upsert:
            keys = [c.name for c in table.primary_key.columns]
            updates = ", ".join(f"{preparer.quote(n)} = EXCLUDED.{preparer.quote(n)}"
                                for n, _ in columns if n not in keys)
            conflict = f" ON CONFLICT ({', '.join(preparer.quote(k) for k in keys)}) DO UPDATE SET {updates}"
        if self.dialect != "postgresql":
            marks = ", ".join("?" * len(columns))
            conn.exec_driver_sql(f"INSERT INTO {target} ({names}) VALUES ({marks}){conflict}", list(map(tuple, values)))
            return
        stage = preparer.quote(f"staged_{table.name}")
        # a session's temporary table, emptied at every commit (and by any rollback)
        conn.exec_driver_sql(f"CREATE TEMPORARY TABLE IF NOT EXISTS {stage} (LIKE {target}) ON COMMIT DELETE ROWS")
        error_class = dialect.loaded_dbapi.Error
        cursor = conn.connection.dbapi_connection.cursor()
        try:
            with cursor.copy(f"COPY {stage} ({names}) FROM STDIN") as copy:
                for row in values:
                    copy.write_row(row)
        except error_class as error:   # reported as SQLAlchemy's own statements are (`_guard`)
            raise DBAPIError.instance(f"COPY {stage} FROM STDIN", None, error, error_class, dialect=dialect) from None
        finally:
            cursor.close()
        conn.exec_driver_sql(f"INSERT INTO {target} ({names}) SELECT {names} FROM {stage}{conflict}")
        conn.exec_driver_sql(f"TRUNCATE {stage}")

    def _upsert(self, table: Table):
        keys = [c.name for c in table.primary_key.columns]
        stmt = self._insert(table)
        return stmt.on_conflict_do_update(
            index_elements=keys,
            set_={c.name: stmt.excluded[c.name] for c in table.columns if c.name not in keys},
        )

    def _entries_of(self, file: str):
        """Quarantine rows of a file: its own path, and FILE#LINE (the range of paths after FILE#)."""
        path = self.schema.quarantine.table.c.path
        ordered = path.collate("C") if self.dialect == "postgresql" else path   # byte order, as SQLite's
        return or_(path == file, and_(ordered >= f"{file}#", ordered < f"{file}$"))   # '$' follows '#'

    def _order_by(self, table: Table) -> list:
        """Primary key order, byte-wise on PostgreSQL too (as SQLite's BINARY collation)."""
        columns = list(table.primary_key.columns)
        if self.dialect == "postgresql":
            return [c.collate("C") if isinstance(c.type, Text) else c for c in columns]
        return columns

    # schema

    def create(self) -> None:
        """Create missing tables and record (or verify) the schema version."""
        schema = self.schema
        version_table = schema.schema_version
        with self._guard("creating tables"):
            with self._writing() as conn:
                existing = set(inspect(conn).get_table_names())
                schema.metadata.create_all(conn)
                stored = conn.execute(select(version_table.c.version)
                                      .where(version_table.c.name == SCHEMA_ROW)).scalar_one_or_none()
                if stored is None:
                    self._verify_columns(conn, existing)
                    conn.execute(self._insert(version_table).values(name=SCHEMA_ROW, version=schema.fingerprint))
                elif stored != schema.fingerprint:
                    raise self._version_error(stored)

    def check(self) -> None:
        """Raise unless the tables exist in this schema version; creates nothing."""
        if self.sqlite_path is not None and not self.sqlite_path.exists():
            raise DatabaseError(f"no database file at {self.redacted_url}")
        version_table = self.schema.schema_version
        with self._guard("reading the schema version"):
            with self.engine.connect() as conn:
                if version_table.name not in inspect(conn).get_table_names():
                    raise DatabaseError(f"no pipeline tables in {self.redacted_url}")
                stored = conn.execute(select(version_table.c.version)
                                      .where(version_table.c.name == SCHEMA_ROW)).scalar_one_or_none()
        if stored != self.schema.fingerprint:
            raise self._version_error(stored)

    def _version_error(self, stored: str | None) -> SchemaVersionError:
        return SchemaVersionError(
            f"{self.redacted_url} holds tables of schema version {stored}, this pipeline writes "
            f"{self.schema.fingerprint}: {MIGRATE_HINT}, or use a new database")

    def _verify_columns(self, conn, existing: set[str]) -> None:
        """Tables made elsewhere without a schema_version row must at least have our columns."""
        inspector = inspect(conn)
        for table in [*self.schema.data_tables, *self.schema.derived_tables]:
            if table.name in existing:
                found = [c["name"] for c in inspector.get_columns(table.name)]
                if sorted(found) != sorted(c.name for c in table.columns):
                    raise SchemaVersionError(
                        f"{self.redacted_url} has a table {table.name} with other columns than this pipeline's: "
                        f"{MIGRATE_HINT}")

    # writing

    def write_batch(self, results: Sequence[ArticleResult | PreparedResult], quarantined: Sequence[Quarantine] = (),
                    cleared: Iterable[str] = (), replaced_files: Iterable[str] = ()) -> None:
        """Store a batch in one transaction: all of it or (on any error) none of it.

        Each article replaces the rows stored under its SHA-256; within a batch the first
        result per SHA-256 wins (later duplicates are copies of the same text). A stored
        article's path leaves the quarantine table, since it has now been processed, and so
        do the `cleared` paths (inputs read fine whose article was already stored) and every
        entry of the `replaced_files` (FILE and FILE#LINE): files read again, whose entries are
        now the ones in `quarantined` (of this batch or a later one).
        Results may come as `PreparedResult`s (`prepare_result`, e.g. in a worker process).
        """
        schema = self.schema
        first_by_sha: dict[str, ArticleResult | PreparedResult] = {}
        for result in results:
            first_by_sha.setdefault(result.sha256, result)
        unique = [r if isinstance(r, PreparedResult) else prepare_result(r, schema) for r in first_by_sha.values()]
        if any(p.schema != schema.fingerprint for p in unique):
            raise ValueError("a result was prepared for another table schema")
        problems = [(p.article, p.unstorable) for p in unique if p.unstorable]
        if problems:
            raise UnstorableResultError(problems)
        quarantine_rows = {}
        for entry in quarantined:
            row = schema.quarantine.to_row(entry.model_dump())
            row = {k: _storable_text(v) if isinstance(v, str) else v for k, v in row.items()}
            quarantine_rows[(row["path"], row["stage"])] = row
        paths = sorted({r.article for r in unique} | set(cleared))
        with self._guard("writing a batch"), self._writing() as conn:
            if self.dialect == "postgresql":   # batches rebuilding the same events take turns
                conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": WRITE_LOCK})
            self._store_articles(conn, unique)
            quarantine_table = schema.quarantine.table
            for chunk in _chunks(paths):
                conn.execute(delete(quarantine_table).where(quarantine_table.c.path.in_(chunk)))
            for file in dict.fromkeys(replaced_files):
                conn.execute(delete(quarantine_table).where(self._entries_of(file)))
            if quarantine_rows:
                conn.execute(self._upsert(quarantine_table), list(quarantine_rows.values()))

    def _store_articles(self, conn, unique: Sequence[PreparedResult]) -> None:
        """Articles, their rows, the entities they use and the events of the groups they touch."""
        if not unique:
            return
        schema = self.schema
        shas = [p.sha256 for p in unique]
        mentions_table = schema.event_mentions.table
        touched: set[str] = set()
        for chunk in _chunks(shas):
            touched.update(conn.execute(select(mentions_table.c.group_key).distinct()
                                        .where(mentions_table.c[ARTICLE_KEY].in_(chunk))).scalars())
            conn.execute(delete(mentions_table).where(mentions_table.c[ARTICLE_KEY].in_(chunk)))
        for name, shared in schema.shared.items():
            self._store_entities(conn, shared.table, [row for p in unique for row in (p.shared or {}).get(name, ())])
        self._insert_rows(conn, schema.articles.table, [p.row for p in unique], upsert=True)
        for name, child in schema.children.items():
            for chunk in _chunks(shas):
                conn.execute(delete(child.table).where(child.table.c[ARTICLE_KEY].in_(chunk)))
            self._insert_rows(conn, child.table, [row for p in unique for row in p.children[name]])
        fresh = [events.mention_of(row, p.row) for p in unique for row in p.children["alliances"]]
        self._rebuild_events(conn, fresh, touched | {m.key for m in fresh})

    def _store_entities(self, conn, table: Table, rows: list[dict[str, Any]]) -> None:
        """Merge the batch's entity rows with the stored ones (pipeline.sinks.entities) and upsert
        those that change (most organisations of a batch are stored already, as they were)."""
        if not rows:
            return
        key = table.c[entities.ENTITY_KEY]
        ids = sorted({row[entities.ENTITY_KEY] for row in rows})
        stored = {}
        for chunk in _chunks(ids):
            for found in conn.execute(select(table).where(key.in_(chunk))).mappings():
                stored[found[entities.ENTITY_KEY]] = dict(found)
        changed = [row for row in entities.merged(rows, stored) if stored.get(row[entities.ENTITY_KEY]) != row]
        self._insert_rows(conn, table, changed, upsert=True)

    def _rebuild_events(self, conn, fresh: list[events.Mention], groups: set[str]) -> None:
        """Replace the events of `groups` with those of all their records: the stored ones and `fresh`
        (whose own links are gone already). Only what changes is written: events that appear,
        change or vanish, and the links of records whose event changes (a group's other records
        keep their rows: rewriting them all made every batch cost as much as the whole group)."""
        if not groups:
            return
        schema = self.schema
        links, event_table = schema.event_mentions.table, schema.events.table
        alliances, articles = schema.children["alliances"].table, schema.articles.table
        keys = sorted(groups)
        members = list(fresh)
        linked: dict[tuple[str, int], tuple[str, Any]] = {}   # stored record → (its event, its mention date)
        query = (select(*(alliances.c[name] for name in _MENTION_COLUMNS), articles.c.published, articles.c.url,
                        links.c.event_id, links.c.mention_date)
                 .join(links, and_(links.c[ARTICLE_KEY] == alliances.c[ARTICLE_KEY],
                                   links.c[ORDINAL] == alliances.c[ORDINAL]))
                 .join(articles, articles.c.sha256 == alliances.c[ARTICLE_KEY]))
        for chunk in _chunks(keys):
            for row in conn.execute(query.where(links.c.group_key.in_(chunk))).mappings():
                members.append(events.mention_of(row, row))
                linked[(row[ARTICLE_KEY], row[ORDINAL])] = (row["event_id"], row["mention_date"])
        event_rows, link_rows = events.build_events(m for m in members if m.key in groups)
        built = {row["event_id"] for row in event_rows}
        vanished: list[str] = []
        for chunk in _chunks(keys):
            vanished += [e for e in conn.execute(select(event_table.c.event_id).where(
                event_table.c.group_key.in_(chunk))).scalars() if e not in built]
        self._insert_rows(conn, event_table, event_rows, upsert=True)
        moved = [row for row in link_rows
                 if linked.get((row[ARTICLE_KEY], row[ORDINAL])) != (row["event_id"], row["mention_date"])]
        stale = [(row[ARTICLE_KEY], row[ORDINAL]) for row in moved if (row[ARTICLE_KEY], row[ORDINAL]) in linked]
        for chunk in _chunks(stale):
            conn.execute(delete(links).where(tuple_(links.c[ARTICLE_KEY], links.c[ORDINAL]).in_(chunk)))
        self._insert_rows(conn, links, moved)
        for chunk in _chunks(sorted(vanished)):   # after the links that pointed at them have moved
            conn.execute(delete(event_table).where(event_table.c.event_id.in_(chunk)))

    # reading

    def current_among(self, sha256s: Iterable[str], pipeline_version: str, config_hash: str) -> set[str]:
        """Those of `sha256s` already stored by this pipeline version and config."""
        table = self.schema.articles.table
        wanted = list(dict.fromkeys(sha256s))
        found: set[str] = set()
        with self._guard("looking up stored articles"), self.engine.connect() as conn:
            for chunk in _chunks(wanted):
                found.update(conn.execute(select(table.c.sha256).where(
                    table.c.sha256.in_(chunk),
                    table.c.pipeline_version == pipeline_version,
                    table.c.config_hash == config_hash)).scalars())
        return found

    def holds_version(self, pipeline_version: str, config_hash: str) -> bool:
        """Whether any article is stored by this pipeline version and config."""
        table = self.schema.articles.table
        with self._guard("looking up stored articles"), self.engine.connect() as conn:
            return conn.execute(select(table.c.sha256).where(
                table.c.pipeline_version == pipeline_version, table.c.config_hash == config_hash).limit(1)
            ).first() is not None

    def is_current(self, sha256: str, pipeline_version: str, config_hash: str) -> bool:
        return bool(self.current_among([sha256], pipeline_version, config_hash))

    def stored_versions(self) -> dict[str, tuple[str, str]]:
        """sha256 → (pipeline_version, config_hash) of every stored article."""
        table = self.schema.articles.table
        with self._guard("reading stored versions"), self.engine.connect() as conn:
            rows = conn.execute(select(table.c.sha256, table.c.pipeline_version, table.c.config_hash))
            return {sha: (version, config) for sha, version, config in rows}

    def iter_result_json(self, sha256s: Iterable[str]) -> Iterator[str]:
        """The stored JSON line of each article, in the order asked; KeyError if one is missing."""
        table = self.schema.articles.table
        with self._guard("reading results", watched=False), self.engine.connect() as conn:
            wanted = list(sha256s)
            for chunk in _chunks(wanted):
                rows = conn.execute(select(table.c.sha256, table.c[RESULT_JSON])
                                    .where(table.c.sha256.in_(set(chunk))))
                stored = {sha: line for sha, line in rows}
                for sha in chunk:
                    if sha not in stored:
                        raise KeyError(sha)
                    yield stored[sha]

    def iter_results(self, sha256s: Iterable[str]) -> Iterator[ArticleResult]:
        for line in self.iter_result_json(sha256s):
            yield self.schema.article_model.model_validate_json(line)

    def load_result(self, sha256: str) -> ArticleResult:
        return next(self.iter_results([sha256]))

    def rebuild_result(self, sha256: str) -> ArticleResult:
        """The article rebuilt from the table columns alone (not result_json): proves the
        tables hold every field. Its shared items (entities) are the stored rows of the ids its
        mentions and parties use, with their parents, by id."""
        schema = self.schema
        articles = schema.articles.table
        with self._guard("reading an article"), self.engine.connect() as conn:
            row = conn.execute(select(articles).where(articles.c.sha256 == sha256)).mappings().one_or_none()
            if row is None:
                raise KeyError(sha256)
            data = schema.articles.from_row(row)
            for name, child in schema.children.items():
                rows = conn.execute(select(child.table).where(child.table.c[ARTICLE_KEY] == sha256)
                                    .order_by(child.table.c[ORDINAL])).mappings()
                data[name] = [child.from_row(r) for r in rows]
            for name, shared in schema.shared.items():
                data[name] = [shared.from_row(r) for r in self._entities_of(conn, shared.table, data)]
        return schema.article_model.model_validate(data)

    def _entities_of(self, conn, table: Table, data: dict) -> list:
        """Stored entity rows of the ids an article's mentions and parties carry, and their parents."""
        wanted = {o["entity_id"] for o in data.get("organizations", ()) if o.get("entity_id")}
        wanted |= {p["entity_id"] for a in data.get("alliances", ()) for p in a["parties"] if p.get("entity_id")}
        found: dict[str, Any] = {}
        while wanted - set(found):
            rows = conn.execute(select(table).where(table.c[entities.ENTITY_KEY].in_(sorted(wanted - set(found)))))
            batch = {r[entities.ENTITY_KEY]: r for r in rows.mappings()}
            if not batch:
                break
            found.update(batch)
            wanted |= {r["parent_id"] for r in batch.values() if r.get("parent_id")}
        return [found[k] for k in sorted(found)]

    def counts(self) -> dict[str, int]:
        """Rows per table."""
        with self._guard("counting rows"), self.engine.connect() as conn:
            return {t.name: conn.execute(select(func.count()).select_from(t)).scalar_one()
                    for t in self.schema.all_tables}

    def _raw_select(self, table: Table):
        """Every column typed (decimals as Decimal, dates as ISO text), JSON as its stored text, in key order."""
        columns = [type_coerce(c, Text).label(c.name) if isinstance(c.type, JsonText) else c for c in table.columns]
        return select(*columns).order_by(*self._order_by(table))

    def dump(self, *, derived: bool = False) -> dict[str, list[tuple]]:
        """Each table's rows, sorted, decimals as plain text: equal across SQLite and PostgreSQL for
        equal data. `derived` adds the tables derived from the others (entities, events,
        event_mentions), which depend on every article stored, not on one."""
        tables = [*self.schema.data_tables, self.schema.schema_version]
        if derived:
            tables += self.schema.derived_tables
        with self._guard("dumping tables"), self.engine.connect() as conn:
            return {t.name: sorted((tuple(_dump_value(v) for v in r) for r in conn.execute(self._raw_select(t))),
                                   key=_none_safe)
                    for t in tables}

    def iter_frames(self, table_name: str, chunk_rows: int = 10_000) -> Iterator[pd.DataFrame]:
        """A table as DataFrames of at most `chunk_rows` rows (at least one, maybe empty).

        Types follow the columns, not the data: decimals → Decimal objects (exact), dates →
        datetime64[s], integers → Int64, booleans → boolean, floats → Float64, text and JSON → string.
        """
        import pandas as pd  # lazy: writers and workers never need pandas

        table = self.schema.metadata.tables[table_name]
        names = [c.name for c in table.columns]
        dtypes = {c.name: _pandas_dtype(c) for c in table.columns}
        emitted = False
        with self._guard(f"reading {table_name}", watched=False), self.engine.connect() as conn:
            result = conn.execution_options(stream_results=True).execute(self._raw_select(table))
            for rows in result.partitions(chunk_rows):
                emitted = True
                yield _frame(rows, names, dtypes)
        if not emitted:
            yield _frame([], names, dtypes) if names else pd.DataFrame()

    def iter_query_frames(self, query, dtypes: dict[str, str], chunk_rows: int = 10_000) -> Iterator[pd.DataFrame]:
        """The rows of a select as typed DataFrames (as `iter_frames`)."""
        names = list(dtypes)
        emitted = False
        with self._guard("reading a view", watched=False), self.engine.connect() as conn:
            result = conn.execution_options(stream_results=True).execute(query)
            for rows in result.partitions(chunk_rows):
                emitted = True
                yield _frame(rows, names, dtypes)
        if not emitted:
            yield _frame([], names, dtypes)

    def dataframes(self) -> dict[str, pd.DataFrame]:
        """Every table as one DataFrame."""
        import pandas as pd  # lazy: writers and workers never need pandas

        return {t.name: pd.concat(list(self.iter_frames(t.name)), ignore_index=True)
                for t in self.schema.all_tables}


def _sqlite_on_connect(dbapi_connection, _record) -> None:
    # The driver's own transaction handling is off; `_sqlite_on_begin` emits BEGIN so that
    # DDL and DML share one real transaction (the SQLAlchemy-documented pysqlite recipe).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")       # readers never block the writer
    cursor.execute("PRAGMA synchronous=FULL")       # a committed batch survives power loss too
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_MS}")
    cursor.close()


def _sqlite_on_begin(connection) -> None:
    writing = connection.get_execution_options().get("alliances_write")
    connection.exec_driver_sql("BEGIN IMMEDIATE" if writing else "BEGIN")
