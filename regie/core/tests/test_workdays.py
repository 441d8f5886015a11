from datetime import date

from regie.core.workdays import WorkingCalendar

CAL = WorkingCalendar()


def test_weekends_and_dutch_holidays_are_not_working_days():
    assert not CAL.is_working_day(date(2026, 11, 21))  # Saturday
    assert not CAL.is_working_day(date(2026, 4, 27))  # Koningsdag
    assert not CAL.is_working_day(date(2026, 5, 5))  # Bevrijdingsdag
    assert not CAL.is_working_day(date(2026, 12, 25))
    assert CAL.is_working_day(date(2026, 11, 24))


def test_counting_back_skips_weekends_and_holidays():
    # Five working days before Thursday 30 April 2026: Koningsdag (27 April) is skipped.
    assert CAL.subtract(date(2026, 4, 30), 5) == date(2026, 4, 22)
    assert CAL.subtract(date(2026, 11, 30), 1) == date(2026, 11, 27)


def test_closing_days_count_as_non_working():
    cal = WorkingCalendar(frozenset({date(2026, 5, 15)}))  # bridge day after Ascension
    assert not cal.is_working_day(date(2026, 5, 15))
    assert cal.subtract(date(2026, 5, 18), 1) == date(2026, 5, 13)


def test_adding_and_counting_working_days():
    assert CAL.add(date(2026, 12, 24), 1) == date(2026, 12, 28)
    assert CAL.count_between(date(2026, 11, 20), date(2026, 11, 27)) == 5
