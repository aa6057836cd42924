"""Time in the site's zone (Asia/Shanghai), UTC in the database.

The database stores naive UTC (`db.utcnow`); the pages and the API speak the
site's zone. Periods are half-open, [start, end)."""

from __future__ import annotations

import calendar
import re
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

SITE_ZONE = ZoneInfo("Asia/Shanghai")


def to_utc(value: datetime) -> datetime:
    """An aware datetime as naive UTC, the way it is stored."""
    if value.tzinfo is None:
        raise ValueError("naive datetime")
    return value.astimezone(UTC).replace(tzinfo=None)


def to_local(stored: datetime) -> datetime:
    """A stored (naive UTC) datetime in the site's zone."""
    return stored.replace(tzinfo=UTC).astimezone(SITE_ZONE)


def local_midnight(day: date) -> datetime:
    return datetime.combine(day, time(0), tzinfo=SITE_ZONE)


def local_at(day: date, hour: int = 0) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=SITE_ZONE)


def today_local(now_utc: datetime) -> date:
    return to_local(now_utc).date()


def iso(stored: datetime) -> str:
    """A stored datetime as ISO 8601 in the site's zone, with its offset."""
    return to_local(stored).isoformat()


# Bookings and availability speak of this century: outside it the arithmetic of
# periods overflows (year 9999 + a day) and old dates get local mean time offsets
# (+08:05:43 in Shanghai before 1901).
FIRST_YEAR, LAST_YEAR = 2000, 2100
_ISO_DATE_TIME = re.compile(
    r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?([+-]\d{2}:\d{2}|Z)", re.IGNORECASE
)


def in_range(day: date) -> bool:
    """Whether a day lies in the years bookings may use."""
    return FIRST_YEAR <= day.year <= LAST_YEAR


def parse_iso(text: object) -> datetime:
    """An ISO 8601 date-time that carries a zone offset; ValueError otherwise.

    Only the calendar form `YYYY-MM-DDTHH:MM[:SS[.ffffff]]` with `Z` or `±HH:MM`
    (no week dates, ordinal dates or second offsets), in the years 2000–2100. A bare
    date or a time without an offset is refused: "10:00" means different instants
    in Hangzhou and on a server in another zone."""
    if not isinstance(text, str) or not text.strip() or len(text) > 40:
        raise ValueError("not an ISO date-time")
    raw = text.strip()
    if "T" not in raw and "t" not in raw and " " not in raw:
        raise ValueError("a date without a time")
    if not _ISO_DATE_TIME.fullmatch(raw):
        raise ValueError("not an ISO date-time with an offset")
    if raw.endswith(("Z", "z")):
        raw = raw[:-1] + "+00:00"
    value = datetime.fromisoformat(raw)
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError("no zone offset")
    if not in_range(value.date()):
        raise ValueError("out of range")
    return value


def parse_day(text: object) -> date | None:
    """A calendar date `YYYY-MM-DD` in the years bookings use; None otherwise."""
    if not isinstance(text, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return None
    try:
        day = date.fromisoformat(text)
    except ValueError:
        return None
    return day if in_range(day) else None


def is_whole_hour(value: datetime) -> bool:
    local = value.astimezone(SITE_ZONE)
    return local.minute == 0 and local.second == 0 and local.microsecond == 0


def is_local_midnight(value: datetime) -> bool:
    local = value.astimezone(SITE_ZONE)
    return local.time() == time(0)


def add_months(day: date, months: int) -> date:
    """The same day `months` later, clamped to the month's last day (31 Jan + 1 = 28/29 Feb)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def months_and_days(start: date, end: date) -> tuple[int, int]:
    """Whole calendar months from `start`, then the days left over, up to `end`."""
    months = 0
    while add_months(start, months + 1) <= end:
        months += 1
    return months, (end - add_months(start, months)).days


def whole_months(start: date, end: date) -> int | None:
    """The number of months if [start, end) is exactly whole months, else None."""
    months, days = months_and_days(start, end)
    return months if days == 0 and months > 0 else None


def hour_floor(value: datetime) -> datetime:
    return value.replace(minute=0, second=0, microsecond=0)


def day_bounds(first: date, days: int) -> list[datetime]:
    """Local midnights first .. first+days, as stored (naive UTC) datetimes."""
    return [to_utc(local_midnight(first + timedelta(days=i))) for i in range(days + 1)]


def hour_bounds(day: date, hours: int = 24) -> list[datetime]:
    start = to_utc(local_midnight(day))
    return [start + timedelta(hours=i) for i in range(hours + 1)]
