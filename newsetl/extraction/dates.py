"""Dates: raw strings from pages, feeds and sitemaps turned into timezone-aware UTC
datetimes, by one set of rules (:func:`parse_date`, :func:`plausible`)."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from email.utils import parsedate_to_datetime

_ISO_FIX = re.compile(r"(\d{2}:\d{2}(?::\d{2})?(?:\.\d+)?)\s*([+-]\d{2})(\d{2})$")
_ZULU = re.compile(r"(?i)\s*(?:z|utc|gmt)$")
_LABEL = re.compile(
    r"^(?:(?:last\s+)?(?:posted|published|updated|modified)|publié|publicado|veröffentlicht|"
    r"pubblicato|actualizado|mis à jour)\s*(?:on|le|el|am|il)?\s*:?\s*",
    re.IGNORECASE,
)
_URL_DATE = re.compile(
    r"/((?:19|20)\d{2})[/-](0?[1-9]|1[0-2])[/-](0?[1-9]|[12]\d|3[01])(?:/|[-_]|$)"
)
_URL_DATE_COMPACT = re.compile(r"/((?:19|20)\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])/")


EARLIEST_YEAR, LATEST_YEAR = 1990, 2100  # a news date outside these is a parsing accident


def plausible(dt: datetime) -> bool:
    return EARLIEST_YEAR <= dt.year <= LATEST_YEAR


def parse_date(raw: str | None, language: str | None = None) -> datetime | None:
    """Parse a date as pages write it; the result is aware and in UTC (naive times: UTC).
    ``language`` (the page's, ISO 639-1) narrows the month and day names looked for: without
    it every language dateparser knows is tried, which is slow the first time for each."""
    dt = _parse(raw, language)
    if dt is None:
        return None
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=UTC)
    return dt.astimezone(UTC).replace(microsecond=0)


def local_date(raw: str | None, language: str | None = None) -> date | None:
    """The day of ``raw`` in the page's own time zone (``2026-12-01T23:30-05:00`` is the
    1st, though in UTC it is the 2nd): the day a reader of the page sees."""
    dt = _parse(raw, language)
    return dt.date() if dt is not None else None


_CLOCK = re.compile(r"(?<!\d)(\d{1,2})(?::|h)(\d{2})(?!\d)")


def has_time_of_day(raw: str | None) -> bool:
    """Whether ``raw`` gives a time of day: "09:15", "17h30" (an exact midnight such as
    ``T00:00:00`` is how many sites write a date alone, and does not count)."""
    m = _CLOCK.search(raw or "") if raw and not _DAY_ONLY.match(raw.strip()) else None
    return bool(m) and (m[1], m[2]) not in {("0", "00"), ("00", "00"), ("24", "00")}


_DAY_ONLY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _parse(raw: str | None, language: str | None = None) -> datetime | None:
    if not raw or not isinstance(raw, str):
        return None
    text = raw.strip()
    if not text or not any(c.isdigit() for c in text):
        return None
    dt = _iso(text)
    if dt is None:
        dt = _rfc2822(text)
    if dt is None:
        text = _LABEL.sub("", text)
        dt = _english(text) or _dateparser(text, language)
    if dt is None or not plausible(dt):
        return None
    return dt


def _iso(text: str) -> datetime | None:
    t = _ZULU.sub(
        "+00:00", text.replace(" ", "T", 1) if re.match(r"\d{4}-\d\d-\d\d \d", text) else text
    )
    t = _ISO_FIX.sub(r"\1\2:\3", t)
    try:
        return datetime.fromisoformat(t)
    except ValueError:
        return None


def _rfc2822(text: str) -> datetime | None:
    if "," not in text and not re.match(r"^\d{1,2} \w{3} \d{4}", text):
        return None
    try:
        return parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None


_MONTHS = (
    "january february march april may june july august september october november december"
).split()
_MONTH = {name: n for n, month in enumerate(_MONTHS, 1) for name in (month, month[:3])}
_MONTH["sept"] = 9
_M = "(?P<month>[A-Za-z]{3,9})\\.?"
_TIME = r"(?:,?\s+(?:at\s+)?(?P<hour>\d{1,2}):(?P<minute>\d{2}))?(?P<utc>\s+(?:UTC|GMT))?"
_ENGLISH = (
    re.compile(rf"^(?P<day>\d{{1,2}})\s+{_M}\s+(?P<year>\d{{4}}){_TIME}$"),  # 2 December 2026
    re.compile(rf"^{_M}\s+(?P<day>\d{{1,2}}),?\s+(?P<year>\d{{4}}){_TIME}$"),  # December 2, 2026
)


def _english(text: str) -> datetime | None:
    """The commonest written dates, "2 December 2026" and "Dec. 2, 2026", with an optional
    "09:15" and "UTC", read as dateparser reads them (it takes a millisecond a date)."""
    m = next((m for pattern in _ENGLISH if (m := pattern.match(text))), None)
    month = _MONTH.get(m["month"].lower()) if m else None
    if month is None:
        return None
    try:
        dt = datetime(
            int(m["year"]), month, int(m["day"]), int(m["hour"] or 0), int(m["minute"] or 0)
        )
    except ValueError:  # 31 November, 25:00: dateparser decides
        return None
    return dt.replace(tzinfo=UTC) if m["utc"] else dt


def _dateparser(text: str, language: str | None = None) -> datetime | None:
    if len(text) > 80:
        return None
    import dateparser  # imported lazily: slow to import and rarely needed

    languages = list(dict.fromkeys((language, "en"))) if language else None
    settings = {"PREFER_DAY_OF_MONTH": "first"}  # aware when the text names a zone
    try:
        return dateparser.parse(text, languages=languages, settings=settings)
    except ValueError:  # a language dateparser does not know: try them all
        return _dateparser(text) if languages else None
    except Exception:  # noqa: BLE001 - dateparser raises assorted errors on odd input
        return None


_NUMERIC_DAY = re.compile(r"^(\d{1,2})([-/.])(\d{1,2})\2((?:19|20)\d\d)$")


def both_readings(raw: str | None) -> tuple[date, date] | None:
    """An all-numeric date that reads two ways ("02-12-2025": 12 February or 2 December):
    (month first, day first); ``None`` for any other date."""
    m = _NUMERIC_DAY.match((raw or "").strip())
    if not m:
        return None
    first, second, year = int(m[1]), int(m[3]), int(m[4])
    if first == second or not (0 < first <= 12 and 0 < second <= 12):
        return None
    return date(year, first, second), date(year, second, first)


def date_from_url(url: str) -> tuple[str, datetime] | None:
    """``/2024/05/17/`` or ``/20240517/`` in the URL path -> midnight UTC of that day."""
    path = url.split("?", 1)[0]
    m = _URL_DATE.search(path) or _URL_DATE_COMPACT.search(path)
    if not m:
        return None
    try:
        dt = datetime(int(m[1]), int(m[2]), int(m[3]), tzinfo=UTC)
    except ValueError:
        return None
    return m[0].strip("/-_"), dt
