"""Database tables derived from the pydantic records by introspection.

Nothing here names a record field: every field of `ArticleResult` and `Quarantine`
becomes a column (nested models flattened with a prefix, fixed-length lists of models
numbered, other lists and dicts as JSON text), and every variable-length list of models
on `ArticleResult` becomes a child table keyed by (article_sha256, ordinal).

Decimals are stored as TEXT holding `str(value)`: SQLite has no exact decimal type
(NUMERIC degrades to float) and PostgreSQL NUMERIC(p, s) pads the scale, so text is the
only type that gives back the identical Decimal on both.
"""
from __future__ import annotations

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
from sqlalchemy import BigInteger, Boolean, Column, Float, ForeignKey, Integer, MetaData, Table, Text
from sqlalchemy.types import TypeDecorator, TypeEngine

from pipeline.records import ArticleResult, Quarantine

ARTICLE_KEY = "article_sha256"   # child tables: the parent article
ORDINAL = "ordinal"              # child tables: index of the item in its ArticleResult list
RESULT_JSON = "result_json"      # articles: the whole ArticleResult, to re-emit JSONL without re-running
SCHEMA_VERSION_TABLE = "schema_version"


class DecimalText(TypeDecorator):
    """Decimal stored as its exact string form (see module docstring)."""
    impl = Text
    cache_ok = True

    def process_bind_param(self, value, dialect):
        return None if value is None else str(Decimal(value))

    def process_result_value(self, value, dialect):
        return None if value is None else Decimal(value)


class JsonText(TypeDecorator):
    """Lists and dicts as compact JSON text (Korean kept unescaped)."""
    impl = Text
    cache_ok = True

    def process_bind_param(self, value, dialect):
        return None if value is None else pydantic_core.to_json(value).decode("utf-8")

    def process_result_value(self, value, dialect):
        return None if value is None else json.loads(value)


_SCALAR_TYPES: dict[type, type[TypeEngine]] = {
    str: Text, bool: Boolean, int: BigInteger, float: Float, Decimal: DecimalText,
}


@dataclass(frozen=True)
class Leaf:
    """One column and where its value lives in the model's dump."""
    column: str
    path: tuple[str | int, ...]
    type: TypeEngine
    nullable: bool


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
    schema_version: Table
    fingerprint: str
    article_model: type[BaseModel]
    quarantine_model: type[BaseModel]

    @property
    def data_tables(self) -> list[Table]:
        """Tables in dependency order (parents first)."""
        return [self.articles.table, *(c.table for c in self.children.values()), self.quarantine.table]

    @property
    def all_tables(self) -> list[Table]:
        return [*self.data_tables, self.schema_version]


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


def _singular(name: str) -> str:
    if name.endswith("ies"):
        return name[:-3] + "y"
    if name.endswith("s") and not name.endswith("ss"):
        return name[:-1]
    return name


def _scalar_type(annotation: Any, where: str) -> TypeEngine:
    if typing.get_origin(annotation) is Literal:
        values = typing.get_args(annotation)
        for kind in (bool, int, str):   # bool before int: True is an int too
            if all(type(v) is kind for v in values):
                return _SCALAR_TYPES[kind]()
        return JsonText()
    if annotation in _SCALAR_TYPES:
        return _SCALAR_TYPES[annotation]()
    if typing.get_origin(annotation) in (list, dict, tuple, set, frozenset) or annotation in (list, dict):
        return JsonText()
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
                sub_leaves = [Leaf(leaf.column, leaf.path, leaf.type, True) for leaf in sub_leaves]
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
            leaves.append(Leaf(column, sub_path, _scalar_type(annotation, f"{model.__name__}.{name}"), optional))
    return leaves, presences


def _presence_for(sub_leaves: list[Leaf], path: tuple, column: str) -> Presence:
    """A required column inside the optional model tells presence; else add a flag column."""
    for leaf in sub_leaves:
        if not leaf.nullable:
            return Presence(path, leaf.column, is_flag=False)
    return Presence(path, column + "_present", is_flag=True)


def _columns(record: RecordTable, primary_key: frozenset[str] = frozenset()) -> list[Column]:
    columns = [
        Column(leaf.column, leaf.type, primary_key=leaf.column in primary_key,
               nullable=leaf.nullable and leaf.column not in primary_key)
        for leaf in record.leaves
    ]
    columns += [Column(p.column, Boolean(), nullable=False) for p in record.presences if p.is_flag]
    return columns


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


def build_schema(article_model: type[BaseModel] = ArticleResult,
                 quarantine_model: type[BaseModel] = Quarantine) -> Schema:
    """Tables for these models (the defaults are the pipeline's; tests pass subclasses)."""
    metadata = MetaData()

    child_fields = {}
    for name, info in article_model.model_fields.items():
        annotation, _ = _unwrap_optional(info.annotation)
        item = _list_item(annotation)
        if item is not None and _is_model(item) and _fixed_length(info) is None:
            child_fields[name] = item

    articles = _record_table("articles", article_model, exclude=set(child_fields))
    article_columns = _columns(articles, frozenset({"sha256"})) + [Column(RESULT_JSON, Text, nullable=False)]
    _check_unique("articles", [c.name for c in article_columns])
    if "sha256" not in {c.name for c in article_columns}:
        raise TypeError("the article model needs a sha256 field: it is the articles key")
    articles.table = Table("articles", metadata, *article_columns)

    children = {}
    for name, item in child_fields.items():
        child = _record_table(name, item)
        child.key_columns = [ARTICLE_KEY, ORDINAL]
        columns = [
            Column(ARTICLE_KEY, Text, ForeignKey("articles.sha256", ondelete="CASCADE"), primary_key=True),
            Column(ORDINAL, Integer, primary_key=True, autoincrement=False),
            *_columns(child),
        ]
        _check_unique(name, [c.name for c in columns])
        child.table = Table(name, metadata, *columns)
        children[name] = child

    quarantine = _record_table("quarantine", quarantine_model)
    quarantine_columns = _columns(quarantine, frozenset({"path", "stage"}))
    _check_unique("quarantine", [c.name for c in quarantine_columns])
    quarantine.table = Table("quarantine", metadata, *quarantine_columns)

    schema_version = Table(
        SCHEMA_VERSION_TABLE, metadata,
        Column("name", Text, primary_key=True),
        Column("version", Text, nullable=False),
    )
    return Schema(metadata, articles, children, quarantine, schema_version,
                  _fingerprint(metadata), article_model, quarantine_model)


def _fingerprint(metadata: MetaData) -> str:
    """Hash of table/column names, types, nullability and keys: changes when the models do."""
    shape = [
        [table.name, [[c.name, type(c.type).__name__, c.nullable, c.primary_key] for c in table.columns]]
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
