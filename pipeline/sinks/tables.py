"""Database tables derived from the pydantic records by introspection.

Nothing here names a record field: every field of `ArticleResult` and `Quarantine`
becomes a column (nested models flattened with a prefix, fixed-length lists of models
numbered, other lists and dicts as JSON text), and every variable-length list of models
on `ArticleResult` becomes a child table keyed by (article_sha256, ordinal) — unless the
field says `Store(table=...)`: its items are rows of a table shared by every article (the
`entities`), keyed by the item model's first field. `Event` and `EventMention` make the
`events` and `event_mentions` tables, which pipeline.sinks.events derives from the alliances.

Column types follow the field types: Decimal → NUMERIC (exact: PostgreSQL NUMERIC without a
scale; on SQLite an INTEGER or a REAL, which holds every value with at most 15 significant
digits exactly — `storable_decimal` refuses the others), ISO dates (fields described with
`records.ISO_DATE`) → DATE, bool → BOOLEAN, int → BIGINT, float → FLOAT, str → TEXT, a
Literal of strings → TEXT with a CHECK constraint naming the allowed values. `Store(index=...)`
makes indexes, `Store(references=...)` foreign keys.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import types
import typing
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Literal, Mapping, Union

import annotated_types
import pydantic_core
from pydantic import BaseModel
from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Column,
    Date,
    Float,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    MetaData,
    Table,
    Text,
)
from sqlalchemy.dialects import postgresql
from sqlalchemy.types import TypeDecorator, TypeEngine, UserDefinedType

from pipeline.records import ArticleResult, Event, EventMention, Quarantine, Store

ARTICLE_KEY = "article_sha256"   # child tables: the parent article
ORDINAL = "ordinal"              # child tables: index of the item in its ArticleResult list
RESULT_JSON = "result_json"      # articles: the whole ArticleResult, to re-emit JSONL without re-running
SCHEMA_VERSION_TABLE = "schema_version"
EVENTS, EVENT_MENTIONS = "events", "event_mentions"

SQLITE_EXACT_DIGITS = 15          # significant digits a REAL gives back exactly
INT64 = 2 ** 63
PARQUET_DECIMAL = (38, 10)        # precision, scale of the Parquet/Arrow decimal128 columns
MAX_INTEGER_DIGITS = PARQUET_DECIMAL[0] - PARQUET_DECIMAL[1]


def storable_decimal(value: Decimal) -> str | None:
    """Why `value` cannot be stored exactly on every database and in Parquet, or None."""
    if not value.is_finite():
        return f"amount {value} is not a number"
    sign, digits, exponent = value.normalize().as_tuple()
    if value == value.to_integral_value():
        if abs(value) < INT64:
            return None
    elif -exponent > PARQUET_DECIMAL[1]:
        return f"amount {value} has more than {PARQUET_DECIMAL[1]} decimal places"
    if len(digits) > SQLITE_EXACT_DIGITS:
        return f"amount {value} has more than {SQLITE_EXACT_DIGITS} significant digits"
    if value.adjusted() >= MAX_INTEGER_DIGITS:
        return f"amount {value} has more than {MAX_INTEGER_DIGITS} integer digits"
    return None


def canonical_decimal(value: Decimal) -> Decimal:
    """One spelling per number, whatever the database gave back (1.50 → 1.5, 1E+3 → 1000)."""
    if value == value.to_integral_value():
        return Decimal(int(value))
    return Decimal(format(value.normalize(), "f"))


def decimal_text(value: Decimal) -> str:
    """A decimal as plain text, never in exponent notation (exports, dumps)."""
    return format(canonical_decimal(value), "f")


class _SqliteNumber(UserDefinedType):
    """NUMERIC on SQLite with no conversion on the way: ints and floats go to the driver as they are."""
    cache_ok = True

    def get_col_spec(self, **kw) -> str:
        return "NUMERIC"


class ExactDecimal(TypeDecorator):
    """Decimal as a number: PostgreSQL NUMERIC; SQLite INTEGER (whole numbers below 2**63) or REAL
    (at most 15 significant digits, exact through repr). Read back as the canonical Decimal."""
    impl = postgresql.NUMERIC
    cache_ok = True

    def load_dialect_impl(self, dialect):
        if dialect.name == "sqlite":
            return dialect.type_descriptor(_SqliteNumber())
        return dialect.type_descriptor(postgresql.NUMERIC(asdecimal=True))

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        value = Decimal(value)
        if dialect.name != "sqlite":
            return value
        if value == value.to_integral_value() and abs(value) < INT64:
            return int(value)
        return float(value)

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        return canonical_decimal(Decimal(repr(value)) if isinstance(value, float) else Decimal(value))


class IsoDate(TypeDecorator):
    """A record's ISO date text as a DATE column."""
    impl = Date
    cache_ok = True

    def process_bind_param(self, value, dialect):
        return None if value is None else dt.date.fromisoformat(value) if isinstance(value, str) else value

    def process_result_value(self, value, dialect):
        return None if value is None else value.isoformat()


class JsonText(TypeDecorator):
    """Lists and dicts as compact JSON text (Korean kept unescaped)."""
    impl = Text
    cache_ok = True

    def process_bind_param(self, value, dialect):
        return None if value is None else pydantic_core.to_json(value).decode("utf-8")

    def process_result_value(self, value, dialect):
        return None if value is None else json.loads(value)


_SCALAR_TYPES: dict[type, type[TypeEngine]] = {
    str: Text, bool: Boolean, int: BigInteger, float: Float, Decimal: ExactDecimal,
}


@dataclass(frozen=True)
class Leaf:
    """One column and where its value lives in the model's dump."""
    column: str
    path: tuple[str | int, ...]
    type: TypeEngine
    nullable: bool
    prefix: str = ""                        # of the nested model the field belongs to
    store: Store | None = None
    allowed: tuple[str, ...] = ()           # a Literal's values: CHECK constraint


@dataclass(frozen=True)
class Presence:
    """An optional nested model: absent when `column` is NULL (or, for a flag, false)."""
    path: tuple[str | int, ...]
    column: str
    is_flag: bool


@dataclass
class RecordTable:
    """A table and the mapping between its rows and one record model."""
    name: str
    model: type[BaseModel]
    leaves: list[Leaf]
    presences: list[Presence]
    key_columns: list[str] = field(default_factory=list)   # prepended keys not in the model
    table: Table | None = None

    def to_row(self, data: Mapping[str, Any]) -> dict[str, Any]:
        """A model's `model_dump()` → column values (without the key columns)."""
        row: dict[str, Any] = {}
        for leaf in self.leaves:
            row[leaf.column] = _get(data, leaf.path)
        for presence in self.presences:
            if presence.is_flag:
                row[presence.column] = _get(data, presence.path) is not None
        return row

    def from_row(self, row: Mapping[str, Any]) -> dict[str, Any]:
        """Column values → nested data that `model.model_validate` accepts."""
        data: dict = {}
        for leaf in self.leaves:
            _set(data, leaf.path, row[leaf.column])
        # deepest first, so an absent outer model is not filled in by an inner one
        for presence in sorted(self.presences, key=lambda p: -len(p.path)):
            value = row[presence.column]
            if value is None or (presence.is_flag and not value):
                _set(data, presence.path, None)
        return _listify(data)


@dataclass(frozen=True)
class Schema:
    metadata: MetaData
    articles: RecordTable
    children: dict[str, RecordTable]     # ArticleResult list field → its table
    quarantine: RecordTable
    shared: dict[str, RecordTable]       # ArticleResult list field → the shared table of its items
    events: RecordTable
    event_mentions: RecordTable
    schema_version: Table
    fingerprint: str
    article_model: type[BaseModel]
    quarantine_model: type[BaseModel]

    @property
    def data_tables(self) -> list[Table]:
        """The tables written from the records themselves, parents first."""
        return [self.articles.table, *(c.table for c in self.children.values()), self.quarantine.table]

    @property
    def derived_tables(self) -> list[Table]:
        """Tables derived from the others: entities (shared), events, event_mentions."""
        return [*(s.table for s in self.shared.values()), self.events.table, self.event_mentions.table]

    @property
    def all_tables(self) -> list[Table]:
        return [*self.data_tables, *self.derived_tables, self.schema_version]


# --- introspection -----------------------------------------------------------------

def _unwrap_optional(annotation: Any) -> tuple[Any, bool]:
    origin = typing.get_origin(annotation)
    if origin in (Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        optional = len(args) < len(typing.get_args(annotation))
        if len(args) == 1:
            return args[0], optional
        raise TypeError(f"unions other than Optional[X] are not mapped to columns: {annotation!r}")
    return annotation, False


def _is_model(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


def _list_item(annotation: Any) -> Any | None:
    """The item type of list[X], else None."""
    if typing.get_origin(annotation) is list:
        (item,) = typing.get_args(annotation) or (Any,)
        return item
    return None


def _fixed_length(field_info) -> int | None:
    low = high = None
    for constraint in field_info.metadata:
        if isinstance(constraint, annotated_types.MinLen):
            low = constraint.min_length
        elif isinstance(constraint, annotated_types.MaxLen):
            high = constraint.max_length
    return low if low is not None and low == high else None


def _store(field_info) -> Store | None:
    return next((m for m in field_info.metadata if isinstance(m, Store)), None)


def _singular(name: str) -> str:
    if name.endswith("ies"):
        return name[:-3] + "y"
    if name.endswith("s") and not name.endswith("ss"):
        return name[:-1]
    return name


def _is_date(field_info) -> bool:
    extra = field_info.json_schema_extra
    return isinstance(extra, dict) and extra.get("format") == "date"


def _scalar_type(annotation: Any, field_info, where: str) -> tuple[TypeEngine, tuple[str, ...]]:
    """The column type, and the allowed values of a Literal of strings."""
    if typing.get_origin(annotation) is Literal:
        values = typing.get_args(annotation)
        for kind in (bool, int, str):   # bool before int: True is an int too
            if all(type(v) is kind for v in values):
                return _SCALAR_TYPES[kind](), values if kind is str else ()
        return JsonText(), ()
    if annotation is str and _is_date(field_info):
        return IsoDate(), ()
    if annotation in _SCALAR_TYPES:
        return _SCALAR_TYPES[annotation](), ()
    if typing.get_origin(annotation) in (list, dict, tuple, set, frozenset) or annotation in (list, dict):
        return JsonText(), ()
    raise TypeError(f"{where}: no column type for {annotation!r}; extend pipeline/sinks/tables.py")


def _flatten(model: type[BaseModel], prefix: str, path: tuple) -> tuple[list[Leaf], list[Presence]]:
    """Leaves with nullability relative to `model`, and the optional nested models inside it."""
    leaves: list[Leaf] = []
    presences: list[Presence] = []
    for name, info in model.model_fields.items():
        annotation, optional = _unwrap_optional(info.annotation)
        column, sub_path = prefix + name, path + (name,)
        item = _list_item(annotation)
        if _is_model(annotation):
            sub_leaves, sub_presences = _flatten(annotation, column + "_", sub_path)
            if optional:
                presences.append(_presence_for(sub_leaves, sub_path, column))
                sub_leaves = [Leaf(leaf.column, leaf.path, leaf.type, True, leaf.prefix, leaf.store, leaf.allowed)
                              for leaf in sub_leaves]
            leaves += sub_leaves
            presences += sub_presences
        elif item is not None and _is_model(item) and _fixed_length(info) is not None:
            if optional:
                raise TypeError(f"{model.__name__}.{name}: an optional fixed-length list is not mapped")
            for index in range(_fixed_length(info)):
                sub_leaves, sub_presences = _flatten(item, f"{_singular(column)}{index}_", sub_path + (index,))
                leaves += sub_leaves
                presences += sub_presences
        else:
            sql_type, allowed = _scalar_type(annotation, info, f"{model.__name__}.{name}")
            leaves.append(Leaf(column, sub_path, sql_type, optional, prefix, _store(info), allowed))
    return leaves, presences


def _presence_for(sub_leaves: list[Leaf], path: tuple, column: str) -> Presence:
    """A required column inside the optional model tells presence; else add a flag column."""
    for leaf in sub_leaves:
        if not leaf.nullable:
            return Presence(path, leaf.column, is_flag=False)
    return Presence(path, column + "_present", is_flag=True)


def _columns(record: RecordTable, primary_key: frozenset[str] = frozenset()) -> list[Column]:
    columns = []
    for leaf in record.leaves:
        references = [ForeignKey(leaf.store.references)] if leaf.store and leaf.store.references else []
        columns.append(Column(leaf.column, leaf.type, *references, primary_key=leaf.column in primary_key,
                              nullable=leaf.nullable and leaf.column not in primary_key))
    columns += [Column(p.column, Boolean(), nullable=False) for p in record.presences if p.is_flag]
    return columns


def _constraints(table: str, record: RecordTable) -> list:
    """CHECK constraints of Literal columns and the indexes the fields ask for."""
    constraints: list = []
    for leaf in record.leaves:
        if leaf.allowed:
            values = ", ".join("'" + v.replace("'", "''") + "'" for v in leaf.allowed)
            constraints.append(CheckConstraint(f"{leaf.column} IN ({values})", name=f"ck_{table}_{leaf.column}"))
    groups: dict[str, list[tuple[int, int, str]]] = {}
    for position, leaf in enumerate(record.leaves):
        if leaf.store and leaf.store.index:
            groups.setdefault(leaf.prefix + leaf.store.index, []).append(
                (leaf.store.index_order, position, leaf.column))
    for name, members in groups.items():
        constraints.append(Index(f"ix_{table}_{name}", *(column for _, _, column in sorted(members))))
    return constraints


def _check_unique(table: str, names: list[str]) -> None:
    seen = set()
    for name in names:
        if name in seen:
            raise TypeError(f"table {table}: two fields flatten to the column {name!r}")
        seen.add(name)


def _record_table(name: str, model: type[BaseModel], exclude: set[str] = frozenset()) -> RecordTable:
    leaves, presences = _flatten(model, "", ())
    leaves = [leaf for leaf in leaves if leaf.path[0] not in exclude]
    presences = [p for p in presences if p.path[0] not in exclude]
    return RecordTable(name, model, leaves, presences)


def _table(metadata: MetaData, record: RecordTable, columns: list[Column], *extra) -> Table:
    _check_unique(record.name, [c.name for c in columns])
    record.table = Table(record.name, metadata, *columns, *_constraints(record.name, record), *extra)
    return record.table


def _list_fields(article_model: type[BaseModel]) -> tuple[dict[str, Any], dict[str, tuple[str, Any]]]:
    """(child table fields: name → item model, shared table fields: name → (table, item model))."""
    children, shared = {}, {}
    for name, info in article_model.model_fields.items():
        annotation, _ = _unwrap_optional(info.annotation)
        item = _list_item(annotation)
        if item is not None and _is_model(item) and _fixed_length(info) is None:
            store = _store(info)
            if store and store.table:
                shared[name] = (store.table, item)
            else:
                children[name] = item
    return children, shared


def build_schema(article_model: type[BaseModel] = ArticleResult,
                 quarantine_model: type[BaseModel] = Quarantine) -> Schema:
    """Tables for these models (the defaults are the pipeline's; tests pass subclasses)."""
    metadata = MetaData()
    child_fields, shared_fields = _list_fields(article_model)

    shared = {}
    for name, (table_name, item) in shared_fields.items():
        record = _record_table(table_name, item)
        key = record.leaves[0].column
        _table(metadata, record, _columns(record, frozenset({key})))
        shared[name] = record

    articles = _record_table("articles", article_model, exclude=set(child_fields) | set(shared_fields))
    article_columns = _columns(articles, frozenset({"sha256"})) + [Column(RESULT_JSON, Text, nullable=False)]
    if "sha256" not in {c.name for c in article_columns}:
        raise TypeError("the article model needs a sha256 field: it is the articles key")
    _table(metadata, articles, article_columns)

    children = {}
    for name, item in child_fields.items():
        child = _record_table(name, item)
        child.key_columns = [ARTICLE_KEY, ORDINAL]
        _table(metadata, child, [
            Column(ARTICLE_KEY, Text, ForeignKey("articles.sha256", ondelete="CASCADE"), primary_key=True),
            Column(ORDINAL, Integer, primary_key=True, autoincrement=False),
            *_columns(child),
        ])
        children[name] = child

    quarantine = _record_table("quarantine", quarantine_model)
    _table(metadata, quarantine, _columns(quarantine, frozenset({"path", "stage"})))

    if "alliances" not in children:
        raise TypeError("the article model needs an alliances list: events are made from it")
    events = _record_table(EVENTS, Event)
    _table(metadata, events, _columns(events, frozenset({"event_id"})))
    mentions = _record_table(EVENT_MENTIONS, EventMention)
    _table(metadata, mentions, _columns(mentions, frozenset({ARTICLE_KEY, ORDINAL})),
           ForeignKeyConstraint([ARTICLE_KEY, ORDINAL], [f"alliances.{ARTICLE_KEY}", f"alliances.{ORDINAL}"],
                                ondelete="CASCADE"))

    schema_version = Table(
        SCHEMA_VERSION_TABLE, metadata,
        Column("name", Text, primary_key=True),
        Column("version", Text, nullable=False),
    )
    return Schema(metadata, articles, children, quarantine, shared, events, mentions, schema_version,
                  _fingerprint(metadata), article_model, quarantine_model)


def _fingerprint(metadata: MetaData) -> str:
    """Hash of table/column names, types, nullability, keys, constraints and indexes: changes when
    the models do."""
    shape = [
        [table.name,
         [[c.name, type(c.type).__name__, c.nullable, c.primary_key, sorted(f.target_fullname for f in c.foreign_keys)]
          for c in table.columns],
         sorted(str(getattr(c, "sqltext", "")) for c in table.constraints if isinstance(c, CheckConstraint)),
         sorted([i.name, [c.name for c in i.columns]] for i in table.indexes)]
        for table in sorted(metadata.tables.values(), key=lambda t: t.name)
    ]
    return hashlib.sha256(json.dumps(shape).encode()).hexdigest()[:16]


# --- nested data helpers -----------------------------------------------------------

def _get(data: Any, path: tuple) -> Any:
    for step in path:
        if data is None:
            return None
        data = data[step]
    return data


def _set(data: dict, path: tuple, value: Any) -> None:
    for step in path[:-1]:
        node = data.get(step)
        if node is None:
            node = data[step] = {}
        data = node
    data[path[-1]] = value


def _listify(node: Any) -> Any:
    """Dicts keyed 0..n-1 (fixed-length lists) back into lists."""
    if not isinstance(node, dict):
        return node
    items = {k: _listify(v) for k, v in node.items()}
    if items and all(isinstance(k, int) for k in items):
        return [items[i] for i in range(len(items))]
    return items


SCHEMA = build_schema()
