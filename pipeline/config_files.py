"""YAML files of `configs/`, each validated by its pydantic schema.

A module that reads a config file declares the file's shape once:

    @config_schema("dates.yaml")
    class DatesConfig(ConfigModel):
        years: dict[str, int]
        ...

and reads it with `load_config("dates.yaml")`, which returns the validated model (cached
per process). A typo or a wrong type fails loading with `configs/dates.yaml:12: …`, the
line of the offending key (a folder other than the checkout's is named in full); unknown keys
are errors too (`extra="forbid"`), and the message lists the keys allowed there.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError

from pipeline.locations import CHECKOUT_ROOT, ENVIRONMENT_VARIABLE, find_config_dir

# $ALLIANCES_CONFIG_DIR, the package's own copy, or the checkout's configs/ (pipeline.locations)
CONFIG_DIR = find_config_dir()


class ConfigModel(BaseModel):
    """Base of every config schema: unknown keys are typos, values are never changed."""
    model_config = ConfigDict(extra="forbid", frozen=True)


# libyaml's parser when this PyYAML was built with it; the same data as the pure-Python SafeLoader
FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

Model = TypeVar("Model", bound=ConfigModel)
CONFIG_SCHEMAS: dict[str, type[ConfigModel]] = {}


class ConfigError(ValueError):
    """A config file that does not match its schema: the message starts with file:line."""


def config_schema(name: str):
    """Register the decorated model as the schema of `configs/<name>`."""
    def register(model: type[Model]) -> type[Model]:
        CONFIG_SCHEMAS[name] = model
        return model
    return register


def _node_at(node: yaml.Node, loc: tuple[Any, ...]) -> yaml.Node:
    """The deepest YAML node along a pydantic error location."""
    for key in loc:
        if isinstance(node, yaml.MappingNode):
            match = next((v for k, v in node.value if k.value == str(key)), None)
            if match is None:  # an unknown or missing key: point at the key itself, or the mapping
                match = next((k for k, _ in node.value if k.value == str(key)), node)
                return match
            node = match
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
            node = node.value[key]
        else:
            break
    return node


def read_yaml(text: str) -> Any:
    """YAML `text` as Python data, with libyaml's parser when PyYAML has it (ten times faster than
    the pure-Python one: 0.05 s against 0.5 s for configs/). A syntax error is raised by the
    pure-Python parser, whose messages are the ones the files' users have seen."""
    try:
        return yaml.load(text, Loader=FAST_LOADER)
    except yaml.YAMLError:
        if FAST_LOADER is yaml.SafeLoader:
            raise
    return yaml.safe_load(text)


def parse_config(text: str, schema: type[Model], where: str) -> Model:
    """Validate YAML `text` against `schema`; errors name `where` and the line."""
    try:
        data = read_yaml(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f":{mark.line + 1}" if mark is not None else ""
        raise ConfigError(f"{where}{line}: not valid YAML: {getattr(exc, 'problem', exc)}") from None
    try:
        return schema.model_validate(data if data is not None else {})
    except ValidationError as exc:
        errors = exc.errors()
        # an unknown key is usually the misspelling of a missing one: point at the misspelling
        error = next((e for e in errors if e["type"] == "extra_forbidden"), errors[0])
        root = yaml.compose(text, Loader=FAST_LOADER)   # the nodes' lines: only for the message
        node = _node_at(root, error["loc"]) if root is not None else None
        line = f":{node.start_mark.line + 1}" if node is not None else ""
        field = ".".join(str(k) for k in error["loc"])
        more = f" (and {exc.error_count() - 1} more)" if exc.error_count() > 1 else ""
        allowed = _allowed_keys(schema, error["loc"][:-1]) if error["type"] == "extra_forbidden" else None
        known = f"; allowed keys: {', '.join(allowed)}" if allowed else ""
        raise ConfigError(f"{where}{line}: {field}: {error['msg']}{known}{more}") from None


def _allowed_keys(schema: type[ConfigModel], loc: tuple[Any, ...]) -> list[str] | None:
    """The keys the mapping at `loc` may hold, when a config model describes it (None otherwise)."""
    model: Any = schema
    for key in loc:
        field = model.model_fields.get(str(key)) if isinstance(model, type) and issubclass(model, BaseModel) \
            else None
        if field is None:
            return None
        model = field.annotation
    if isinstance(model, type) and issubclass(model, BaseModel):
        return list(model.model_fields)
    return None


def load_config(name: str, config_dir: Path | str | None = None) -> ConfigModel:
    """The validated model of `configs/<name>` (or of `<config_dir>/<name>`), read once per process."""
    folder = Path(config_dir).resolve() if config_dir is not None else None
    return _load(name, None if folder is None or folder == CONFIG_DIR.resolve() else str(folder))


@lru_cache(maxsize=None)
def _load(name: str, config_dir: str | None) -> ConfigModel:
    schema = CONFIG_SCHEMAS.get(name)
    if schema is None:
        raise ConfigError(f"configs/{name}: no schema is registered for this file")
    path = (Path(config_dir) if config_dir else CONFIG_DIR) / name
    where = f"configs/{name}" if config_dir is None and _is_checkout(CONFIG_DIR) else str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(f"{where}: not found in {path.parent} (point ${ENVIRONMENT_VARIABLE} at a configs "
                          "folder, or reinstall the package)") from None
    return parse_config(text, schema, where)


def _is_checkout(folder: Path) -> bool:
    """Errors name the checkout's files as configs/NAME; any other folder's (the package's copy,
    $ALLIANCES_CONFIG_DIR) by their full path, which is where the user finds them."""
    return folder.resolve() == (CHECKOUT_ROOT / "configs").resolve()


def config_path(relative: str) -> Path:
    """A path named in a config file, relative to the configs folder."""
    return (CONFIG_DIR / relative).resolve()
