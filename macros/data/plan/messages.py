"""Turn pydantic's validation errors into messages a maintainer can act on.

Errors are mapped by their `type`, never by pydantic's English text, so that an
upgrade of pydantic cannot change what maintainers read.
"""

from __future__ import annotations

import difflib
import re
import types
import typing
from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel, ValidationError

from macros.data.plan.characters import character_message, quoted
from macros.data.plan.dimensions import DEFAULT_DIMENSIONS
from macros.data.plan.labels import HORIZON_LABELS, STATUS_LABELS, label_hint
from macros.data.plan.problems import Problem
from macros.data.plan.read import Document, Location, field_name

# Parts of an error location that name a member of a union, not a key of the data.
_UNION_TAGS = {"int", "float", "str", "bool", "none", "list", "tuple", "dict"}

_PATTERN_HINTS = {
    "id": "use letters, digits and single `-` only, e.g. GOV-01",
    "dimension": "use a lowercase key such as governance",
    "element": "use a lowercase key such as layanan-publik",
    "repository": "write owner/repo, e.g. kota-mojokerto/rencana",
    "color": "write a colour as #rrggbb, e.g. #1d4ed8",
    "icon": "write a Material icon name such as material/bank-outline",
    "reporters": "write a GitHub user name: letters, digits and single `-`, without @, e.g. dinas-kominfo",
}


# Fields whose allowed keys have Indonesian labels on the site, which maintainers may write instead.
# Dimension and element labels are those of the national default (a city's own are checked in rules).
_LABELS: dict[str, dict[str, str]] = {
    "status": STATUS_LABELS,
    "horizon": HORIZON_LABELS,
    "dimension": {key: dimension["label"] for key, dimension in DEFAULT_DIMENSIONS.items()},
    "element": {
        key: label for dimension in DEFAULT_DIMENSIONS.values() for key, label in dimension["elements"].items()
    },
}


def problems_from(error: ValidationError, document: Document, model: type[BaseModel]) -> list[Problem]:
    chosen: dict[Location, Any] = {}
    for detail in error.errors():
        location = tuple(part for part in detail["loc"] if part not in _UNION_TAGS)
        earlier = chosen.get(location)
        # A union reports once per member; keep one: "a number" says more than "a whole number".
        number = detail["type"].startswith("float") or detail["type"] == "finite_number"
        if earlier is None or (earlier["type"].startswith("int") and number):
            chosen[location] = detail
    # `titel:` already says "did you mean `title`?"; "`title` is missing" would say it twice.
    suggested = {
        (*location[:-1], close)
        for location, detail in chosen.items()
        if detail["type"] == "extra_forbidden"
        and (close := _close_key(str(location[-1]), allowed_keys(model, location[:-1])))
    }
    return [
        _problem(detail, location, document, model)
        for location, detail in chosen.items()
        if not (detail["type"] == "missing" and location in suggested)
    ]


def _problem(detail: Any, location: Location, document: Document, model: type[BaseModel]) -> Problem:
    kind: str = detail["type"]
    context: dict[str, Any] = detail.get("ctx") or {}
    value = detail.get("input")
    name = location[-1] if location else ""
    if kind == "missing":
        # A YAML file points at the mapping that lacks the key; a spreadsheet at the empty cell.
        return document.problem(location, f"required field is missing; add `{name}: …`")
    if kind == "extra_forbidden":
        return document.problem(location, _unknown_key(str(name), allowed_keys(model, location[:-1])), at_key=True)
    if kind == "period_order":  # a check of the whole period, shown where its start is written
        location = (*location, "start")
    if kind == "refused_character":
        return _refused_character(context, location, document)
    # List items have no name of their own: a pattern hint is found by the key of the list.
    key = next((str(part) for part in reversed(location) if isinstance(part, str)), "")
    return document.problem(location, _message(kind, context, value, key, detail["msg"]))


def _refused_character(context: dict[str, Any], location: Location, document: Document) -> Problem:
    """At the escape that wrote the character (`\\e` in `"\\e[31m"`), named as the file writes it."""
    character, several_lines = context["character"], context["several_lines"]
    if character == "\n" and not several_lines:  # the whole text is at fault, not one of its breaks
        (line, column), written = document.position(location), None
    else:
        line, column, written = document.character_position(location, character)
    message = character_message(character, written, several_lines=several_lines, last_only=context["last_only"])
    return Problem(document.path, line, column, field_name(location), message)


def _message(kind: str, context: dict[str, Any], value: Any, name: str, custom: str) -> str:
    got = _describe(value)
    match kind:
        case "literal_error":
            allowed = re.findall(r"'([^']*)'", str(context.get("expected", "")))
            if labelled := label_hint(value, _LABELS.get(name, {})):
                return labelled
            return f"{_shown(value)} is not allowed; use one of: {', '.join(allowed)}{_did_you_mean(value, allowed)}"
        case "string_type":
            if isinstance(value, (list, dict)):
                return f"expected one text, got {got}; write the text on the same line after the `:`"
            if value is None:
                return "the value is empty; write the text"
            return f"expected text, got {got}; put it in quotes"
        case "int_type" | "int_from_float" | "int_parsing":
            return f"expected a whole number, got {got}{_number_hint(value, whole=True)}"
        case "finite_number":
            written = "`.nan`, not-a-number" if value != value else f"`{'-' if value < 0 else ''}.inf`, infinity"
            return f"{written} to YAML, is not a figure; write the number"
        case "float_type" | "float_parsing":
            return f"expected a number, got {got}{_number_hint(value, whole=False)}"
        case "bool_type" | "bool_parsing":
            unquote = "; remove the quotes" if str(value).lower() in ("true", "false") else ""
            return f"expected true or false, got {got}{unquote}"
        case "tuple_type" | "list_type":
            return f"expected a list, got {got}; write one `- ` item per line"
        case "model_type" | "model_attributes_type" | "dict_type":
            return f"expected keys with values (`key: value` on indented lines below), got {got}"
        case "greater_than_equal":
            return f"{_shown(value)} is too small; it must be at least {context.get('ge')}"
        case "less_than_equal":
            return f"{_shown(value)} is too large; it must be at most {context.get('le')}"
        case "string_too_short":
            return "must not be empty; write the text"
        case "string_too_long":
            return f"is {len(str(value))} characters long; at most {context.get('max_length')} are allowed: shorten it"
        case "too_short":
            return "the list is empty; write at least one entry"
        case "string_pattern_mismatch":
            if labelled := label_hint(value, _LABELS.get(name, {})):
                return labelled
            return f"{_shown(value)} is not valid; {_PATTERN_HINTS.get(name, 'check its format')}"
        case "day_format":
            return f"expected a date, got {got}; write it as YYYY-MM-DD, e.g. 2024-03-01"
        case "month_format":
            return f"expected a month, got {got}; write it as YYYY-MM or YYYY-MM-DD, e.g. 2025-06"
        case _:
            # Our own PydanticCustomError types carry a message written for maintainers.
            return custom


def _shown(value: Any) -> str:
    """A value as the maintainer wrote it (YAML spelling for booleans and empty values)."""
    if value is None:
        return "an empty value"
    if isinstance(value, bool):
        return f"`{str(value).lower()}`"
    if isinstance(value, (int, float)):
        return str(value)
    text = str(value)
    return f"`{quoted(text[:60])}…`" if len(text) > 60 else f"`{quoted(text)}`"


def _describe(value: Any) -> str:
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, bool):
        return f"{str(value).lower()} (YAML reads yes, no, on and off as true or false)"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        return (
            f"the text {quoted(value[:60], always=True)}…"
            if len(value) > 60
            else f"the text {quoted(value, always=True)}"
        )
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "keys with values"
    return type(value).__name__


def _number_hint(value: Any, *, whole: bool) -> str:
    """How to write the figure that `value` was meant to be."""
    if isinstance(value, float) and whole:
        return "; write a whole number, without decimals"
    if not isinstance(value, str):
        return ""
    text = value.strip()
    if re.fullmatch(r"-?\d+", text) or (not whole and re.fullmatch(r"-?\d+\.\d+", text)):
        return "; remove the quotes"
    if not whole and re.fullmatch(r"-?\d+,\d+", text):
        return f"; write decimals with a point: {text.replace(',', '.')}"
    try:
        figure = float(text)
    except ValueError:
        figure = None
    if whole and figure is not None and figure.is_integer() and abs(figure) < 1e18:
        return f"; write it in full digits, without quotes: {int(figure)}"
    digits = re.sub(r"[^\d]", "", text)
    if digits and re.fullmatch(r"-?[\d.,\s]+", text) and whole:
        return f"; write the digits only, without dots, commas or spaces: {digits}"
    if digits:
        return f"; write the number alone, without quotes, units or signs, e.g. {digits}"
    return ""


def _did_you_mean(value: Any, allowed: list[str]) -> str:
    if not isinstance(value, str):
        return ""
    by_case = {option.lower(): option for option in allowed}
    close = by_case.get(value.strip().lower()) or next(iter(difflib.get_close_matches(value, allowed, n=1)), None)
    return f" (did you mean `{close}`?)" if close else ""


def _close_key(key: str, allowed: list[str]) -> str | None:
    return next(iter(difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)), None)


def _unknown_key(key: str, allowed: list[str]) -> str:
    close = _close_key(key, allowed)
    if close:
        return f"unknown key `{quoted(key)}`; did you mean `{close}`?"
    return f"unknown key `{quoted(key)}`; allowed keys: {', '.join(allowed)}"


def allowed_keys(model: type[BaseModel], location: Location) -> list[str]:
    """The field names of the model that sits at `location` (list indices and dict keys skipped)."""
    current: type[BaseModel] = model
    for part in location:
        if isinstance(part, int):
            continue
        field = current.model_fields.get(str(part))
        if field is None:  # a free dict key, such as a dimension key
            continue
        nested = next(_models_in(field.annotation), None)
        if nested is None:
            return []
        current = nested
    return list(current.model_fields)


def _models_in(annotation: Any) -> Iterator[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield annotation
        return
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is not None:
        for argument in typing.get_args(annotation):
            yield from _models_in(argument)
