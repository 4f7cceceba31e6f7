"""The build's "now"."""

from datetime import datetime
from zoneinfo import ZoneInfo


def build_time(settings):
    """Now in the site's time zone, or the ``BUILD_TIME`` setting when given.

    Tests and previews set ``BUILD_TIME`` (ISO 8601, such as
    ``2026-11-23T09:00``) to build the site as of a fixed moment.
    """
    zone = ZoneInfo(settings.get("TIMEZONE") or "UTC")
    fixed = settings.get("BUILD_TIME")
    if fixed:
        moment = datetime.fromisoformat(fixed)
        return moment if moment.tzinfo else moment.replace(tzinfo=zone)
    return datetime.now(zone)
