"""Reading Crossref work messages: the fields claimlint uses, years, and editorial updates."""

from __future__ import annotations

import html
import re
from typing import Any

from claimlint.model import WorkRecord

# Only these fields are requested (`select=`) and cached: they are all matching needs, and
# they keep a batch of a hundred records small (full records carry whole reference lists).
SELECTED_FIELDS: tuple[str, ...] = (
    "DOI",
    "title",
    "subtitle",
    "original-title",
    "short-title",
    "author",
    "container-title",
    "short-container-title",
    "issued",
    "published",
    "published-print",
    "published-online",
    "volume",
    "issue",
    "page",
    "article-number",
    "type",
    "updated-by",
    "update-to",
    "score",
)

RETRACTION_TYPES = frozenset({"retraction", "withdrawal", "removal", "partial_retraction"})
CONCERN_TYPES = frozenset({"correction", "expression_of_concern", "erratum", "corrigendum"})

_TAG = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")


_TEXT_LISTS = ("title", "subtitle", "original-title", "short-title", "container-title", "short-container-title")
_TEXTS = ("DOI", "volume", "issue", "page", "article-number", "type")
_DATES = ("issued", "published", "published-print", "published-online")


def shape_problem(message: Any, doi: str | None = None) -> str | None:
    """Why `message` cannot be a Crossref work record (for `doi`, when given), or None.

    An answer is only believed when it has the shape Crossref documents: a proxy or captive
    portal answering one body for every URL, or fields of other types, must never read as a
    record (and never reach code that expects lists of strings)."""
    if not isinstance(message, dict):
        return "not a JSON object"
    if not isinstance(message.get("DOI"), str):
        return "no DOI in the record"
    if doi is not None and message["DOI"].strip().lower() != doi.lower():
        return f"the record is for another DOI ({message['DOI'][:80]})"
    for key in _TEXT_LISTS:
        value = message.get(key)
        if value is not None and not (isinstance(value, list) and all(isinstance(v, str) for v in value)):
            return f"{key} is not a list of strings"
    for key in _TEXTS:
        if message.get(key) is not None and not isinstance(message[key], str):
            return f"{key} is not a string"
    author = message.get("author")
    if author is not None and not (isinstance(author, list) and all(
            isinstance(a, dict) and all(isinstance(a.get(k), (str, type(None))) for k in ("family", "given", "name"))
            for a in author)):
        return "author is not a list of names"
    for key in _DATES:
        value = message.get(key)
        if value is None:
            continue
        parts = value.get("date-parts") if isinstance(value, dict) else None
        if not (isinstance(parts, list) and all(
                isinstance(p, list) and all(isinstance(n, (int, type(None))) and not isinstance(n, bool) for n in p)
                for p in parts)):
            return f"{key} is not a date"
    for key in ("updated-by", "update-to"):
        value = message.get(key)
        if value is not None and not (isinstance(value, list) and all(
                isinstance(u, dict) and all(isinstance(u.get(k), (str, type(None))) for k in ("DOI", "type", "label",
                                                                                          "source"))
                for u in value)):
            return f"{key} is not a list of updates"
    score = message.get("score")
    if score is not None and (isinstance(score, bool) or not isinstance(score, (int, float))):
        return "score is not a number"
    return None


def trim(message: dict[str, Any]) -> dict[str, Any]:
    """Keep only the fields claimlint reads, so cached entries stay small."""
    return {key: message[key] for key in SELECTED_FIELDS if key in message}


def clean_text(value: str) -> str:
    """Crossref titles may hold JATS/HTML markup, entities and line breaks: plain text."""
    return _SPACE.sub(" ", html.unescape(_TAG.sub(" ", value))).strip()


def first_string(value: Any) -> str | None:
    if isinstance(value, list):
        value = next((v for v in value if isinstance(v, str) and v.strip()), None)
    return clean_text(value) if isinstance(value, str) and value.strip() else None


def title_of(message: dict[str, Any]) -> str | None:
    title = first_string(message.get("title"))
    subtitle = first_string(message.get("subtitle"))
    if title and subtitle and subtitle.lower() not in title.lower():
        return f"{title}: {subtitle}"
    return title


def all_titles(message: dict[str, Any]) -> list[str]:
    """Every title form the record offers (main, with subtitle, original-language, short)."""
    forms = [title_of(message)]
    for key in ("title", "original-title", "short-title"):
        values = message.get(key) or []
        forms.extend(clean_text(v) for v in values if isinstance(v, str))
    return [f for i, f in enumerate(forms) if f and f not in forms[:i]]


def journals_of(message: dict[str, Any]) -> list[str]:
    names: list[str] = []
    for key in ("container-title", "short-container-title"):
        names.extend(clean_text(v) for v in message.get(key) or [] if isinstance(v, str))
    return [n for n in names if n]


def authors_of(message: dict[str, Any]) -> list[str]:
    """Family names in order (an organisation author's name when it has no family name)."""
    names = []
    for author in message.get("author") or []:
        if not isinstance(author, dict):
            continue
        name = author.get("family") or author.get("name")
        if isinstance(name, str) and name.strip():
            names.append(clean_text(name))
    return names


def years_of(message: dict[str, Any]) -> list[int]:
    """Every year the record is dated by: online and print dates often differ by one."""
    years = []
    for key in ("issued", "published", "published-print", "published-online"):
        parts = (message.get(key) or {}).get("date-parts") or []
        if parts and parts[0] and isinstance(parts[0][0], int):
            years.append(parts[0][0])
    return sorted(set(years))


def work_record(message: dict[str, Any], doi: str) -> WorkRecord:
    years = years_of(message)
    issued = (message.get("issued") or {}).get("date-parts") or []
    year = issued[0][0] if issued and issued[0] and isinstance(issued[0][0], int) else None
    authors = authors_of(message)
    journals = journals_of(message)
    return WorkRecord(
        doi=str(message.get("DOI") or doi).lower(),
        title=title_of(message),
        first_author=authors[0] if authors else None,
        year=year if year is not None else (years[0] if years else None),
        journal=journals[0] if journals else None,
        type=message.get("type") if isinstance(message.get("type"), str) else None,
    )


def updates_of(message: dict[str, Any]) -> list[dict[str, Any]]:
    """The record's `updated-by` entries (publisher or Retraction Watch), as plain dicts."""
    return [u for u in message.get("updated-by") or [] if isinstance(u, dict) and u.get("type")]


def notice_updates(notice: dict[str, Any], doi: str) -> list[dict[str, Any]]:
    """A notice found with the `updates:` filter, as `updated-by`-shaped dicts for `doi`."""
    found = []
    for update in notice.get("update-to") or []:
        if isinstance(update, dict) and str(update.get("DOI", "")).lower() == doi:
            found.append(
                {
                    "DOI": str(notice.get("DOI", "")).lower(),
                    "type": update.get("type"),
                    "label": update.get("label"),
                    "source": update.get("source", "publisher"),
                    "updated": update.get("updated"),
                }
            )
    return found


def describe(record: WorkRecord) -> str:
    """'Title' (First author, Year, Journal) for messages."""
    bits = [b for b in (record.first_author, str(record.year) if record.year else None, record.journal) if b]
    title = f'"{record.title}"' if record.title else record.doi
    return f"{title} ({', '.join(bits)})" if bits else title
