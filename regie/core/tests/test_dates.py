from datetime import date, datetime
from zoneinfo import ZoneInfo

from regie.core.dates import long_date


def test_a_date_is_written_as_in_a_dutch_letter():
    assert long_date(date(2026, 11, 23)) == "23 november 2026"
    assert long_date(date(2027, 3, 1)) == "1 maart 2027"


def test_no_date_is_empty():
    assert long_date(None) == ""


def test_a_moment_gives_its_date_in_the_netherlands():
    # 23:30 UTC on 30 November is already 1 December in Amsterdam.
    moment = datetime(2026, 11, 30, 23, 30, tzinfo=ZoneInfo("UTC"))
    assert long_date(moment) == "1 december 2026"
