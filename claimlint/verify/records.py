"""Normalised work records (model.WorkRecord), whichever source described them: update types,
messages, and the record as cached data (written as JSON, read back field by field)."""

from __future__ import annotations

import html
import re
from dataclasses import asdict, fields
from typing import Any

from claimlint.model import WorkRecord

# Update (relation) types, in Crossref's vocabulary; other sources map theirs onto it.
RETRACTION_TYPES = frozenset({"retraction", "withdrawal", "removal", "partial_retraction"})
CONCERN_TYPES = frozenset({"correction", "expression_of_concern", "erratum", "corrigendum"})

_TAG = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")

_STRINGS = ("source", "doi", "pmid", "pmcid", "title", "container", "volume", "issue", "pages", "article_number",
            "type")
_STRING_LISTS = ("titles", "authors", "containers", "publication_types", "mesh")


def clean_text(value: str) -> str:
    """Titles may hold JATS/HTML markup, entities and line breaks: plain text."""
    return _SPACE.sub(" ", html.unescape(_TAG.sub(" ", value))).strip()


def describe(record: WorkRecord) -> str:
    """'Title' (First author, Year, Journal) for messages."""
    bits = [b for b in (record.first_author, str(record.year) if record.year else None, record.container) if b]
    title = f'"{record.title}"' if record.title else record.identifier
    return f"{title} ({', '.join(bits)})" if bits else title


def all_titles(record: WorkRecord) -> list[str]:
    forms = [record.title, *record.titles]
    return [f for i, f in enumerate(forms) if f and f not in forms[:i]]


def all_years(record: WorkRecord) -> list[int]:
    return sorted({*record.years, *([record.year] if record.year else [])})


def all_containers(record: WorkRecord) -> list[str]:
    forms = [record.container, *record.containers]
    return [f for i, f in enumerate(forms) if f and f not in forms[:i]]


def merge_relations(record: WorkRecord, more: list[dict[str, Any]]) -> None:
    """Add updates found elsewhere (Crossref's notices) to the record, each (notice, type) once."""
    seen = {(str(u.get("DOI", u.get("PMID", ""))).lower(), u.get("type")) for u in record.relations}
    for update in more:
        key = (str(update.get("DOI", update.get("PMID", ""))).lower(), update.get("type"))
        if key not in seen:
            seen.add(key)
            record.relations.append(update)


def to_payload(record: WorkRecord) -> dict[str, Any]:
    return asdict(record)


def from_payload(payload: Any) -> WorkRecord | None:
    """A cached record read back field by field; anything of another shape is None (a miss)."""
    if not isinstance(payload, dict) or set(payload) - {f.name for f in fields(WorkRecord)}:
        return None
    for key in _STRINGS:
        if payload.get(key) is not None and not isinstance(payload[key], str):
            return None
    for key in _STRING_LISTS:
        value = payload.get(key, [])
        if not (isinstance(value, list) and all(isinstance(v, str) for v in value)):
            return None
    for key in ("year",):
        value = payload.get(key)
        if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
            return None
    years = payload.get("years", [])
    if not (isinstance(years, list) and all(isinstance(y, int) and not isinstance(y, bool) for y in years)):
        return None
    for key in ("relations", "notice_for"):
        relations = payload.get(key, [])
        if not (isinstance(relations, list) and all(
                isinstance(r, dict) and all(isinstance(v, (str, type(None))) for v in r.values()) for r in relations)):
            return None
    score = payload.get("score")
    if score is not None and (isinstance(score, bool) or not isinstance(score, (int, float))):
        return None
    return WorkRecord(**payload)
