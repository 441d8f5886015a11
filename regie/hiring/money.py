"""Money of a hiring: invoice breakdown, cost forecast in Dutch working days, cost to date.

Pure functions on Decimals: no database, amounts rounded to cents (half up) at the end.
"""

from __future__ import annotations

import calendar as _calendar
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from regie.core.workdays import WorkingCalendar

CENT = Decimal("0.01")
VAT_RATE = Decimal("21")
HUNDRED = Decimal("100")


def cents(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class InvoiceBreakdown:
    hours: Decimal
    amount: Decimal  # hourly rate x hours, excluding VAT
    vat: Decimal
    total_incl_vat: Decimal
    g_account_share_percent: Decimal
    to_g_account: Decimal  # share of the invoice including VAT
    to_bank_account: Decimal
    platform_fee: Decimal  # charged per worked hour to the winning supplier
    supplier_margin: Decimal
    to_professional: Decimal  # amount minus the supplier's margin
    supplier_net: Decimal  # margin minus the platform fee


def invoice_breakdown(
    rate: Decimal,
    hours: Decimal,
    platform_fee_per_hour: Decimal,
    margin_percent: Decimal,
    g_account_share: Decimal,
) -> InvoiceBreakdown:
    """Split one invoice: what goes where, as the postings describe it."""
    rate, hours = Decimal(rate), Decimal(hours)
    amount = cents(rate * hours)
    vat = cents(amount * VAT_RATE / HUNDRED)
    total = amount + vat
    to_g = cents(total * Decimal(g_account_share) / HUNDRED)
    fee = cents(Decimal(platform_fee_per_hour) * hours)
    margin = cents(amount * Decimal(margin_percent) / HUNDRED)
    return InvoiceBreakdown(
        hours=hours,
        amount=amount,
        vat=vat,
        total_incl_vat=total,
        g_account_share_percent=Decimal(g_account_share),
        to_g_account=to_g,
        to_bank_account=total - to_g,
        platform_fee=fee,
        supplier_margin=margin,
        to_professional=amount - margin,
        supplier_net=margin - fee,
    )


@dataclass(frozen=True)
class Forecast:
    label: str
    start: date
    end: date
    working_days: int
    hours: Decimal
    labour: Decimal
    fees: Decimal
    total: Decimal


def working_days(calendar: WorkingCalendar, start: date, end: date) -> int:
    """Working days from start to end, both included."""
    if end < start:
        return 0
    return calendar.count_between(start - timedelta(days=1), end)


def cost_forecast(
    rate: Decimal,
    hours_per_week: int | Decimal,
    start: date,
    end: date,
    platform_fee: Decimal,
    *,
    calendar: WorkingCalendar,
    label: str = "",
) -> Forecast:
    """Rate x hours over the Dutch working days of the term, plus the platform fee per hour.

    Hours = working days x hours per week / 5: a holiday costs no hours.
    """
    days = working_days(calendar, start, end)
    hours = (Decimal(days) * Decimal(hours_per_week) / Decimal(5)).quantize(CENT)
    labour = cents(Decimal(rate) * hours)
    fees = cents(Decimal(platform_fee) * hours)
    return Forecast(label, start, end, days, hours, labour, fees, labour + fees)


def add_months(day: date, months: int) -> date:
    """The same day `months` later, or the month's last day when it has no such day."""
    years, month0 = divmod(day.month - 1 + months, 12)
    year, month = day.year + years, month0 + 1
    return date(year, month, min(day.day, _calendar.monthrange(year, month)[1]))


def term_end_after_months(start: date, months: int) -> date:
    """The last day of a term of `months` starting on `start` (1 Jan + 6 months -> 30 June)."""
    return add_months(start, months) - timedelta(days=1)


def months_between(start: date, end: date) -> Decimal:
    """Length of a term from start to end (both included) in months, to two decimals."""
    if end < start:
        return Decimal(0)
    after = end + timedelta(days=1)
    whole = (after.year - start.year) * 12 + after.month - start.month
    if add_months(start, whole) > after:
        whole -= 1
    rest = (after - add_months(start, whole)).days
    return (Decimal(whole) + Decimal(rest) / Decimal(30)).quantize(CENT)


def forecast_options(
    rate: Decimal,
    hours_per_week: int,
    start: date,
    end: date,
    platform_fee: Decimal,
    *,
    extension_count: int,
    extension_months: int,
    max_total_months: int | None,
    calendar: WorkingCalendar,
) -> list[Forecast]:
    """The base term and, cumulatively, the term with each extension option taken."""
    options = [
        cost_forecast(
            rate, hours_per_week, start, end, platform_fee, calendar=calendar, label="basis"
        )
    ]
    current_end = end
    for number in range(1, extension_count + 1):
        if extension_months <= 0:
            break
        current_end = add_months(current_end, extension_months)
        if max_total_months is not None and current_end > term_end_after_months(
            start, max_total_months
        ):
            break
        options.append(
            cost_forecast(
                rate,
                hours_per_week,
                start,
                current_end,
                platform_fee,
                calendar=calendar,
                label=f"met {number} verlenging{'en' if number > 1 else ''}",
            )
        )
    return options


def cost_to_date(
    rate: Decimal,
    hours_per_week: int,
    start: date,
    end: date,
    platform_fee: Decimal,
    today: date,
    *,
    calendar: WorkingCalendar,
) -> Forecast:
    """What the contract has cost up to and including today (nothing before it starts)."""
    until = min(today, end)
    return cost_forecast(
        rate, hours_per_week, start, until, platform_fee, calendar=calendar, label="tot nu toe"
    )
