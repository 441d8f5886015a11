from datetime import date, timedelta
from decimal import Decimal

import pytest

from regie.core.errors import DomainError, StaleEditError
from regie.core.models import ClosingDay
from regie.core.workdays import WorkingCalendar, working_calendar
from regie.hiring import money, queries, services
from regie.hiring.models import Candidate, Contract, ContractExtension, PriorContract
from regie.hiring.ranking import DECIDED_BY_LOT, DECIDED_BY_POINTS, DECIDED_BY_RATE, Entry, ranking
from regie.testing import hiring_factories as hf

D = Decimal
CAL = WorkingCalendar()


# --- money ------------------------------------------------------------------------------------


def test_an_invoice_is_split_as_computed_by_hand():
    # 36 hours at € 100: € 3.600 + 21% VAT = € 4.356; 25% of that to the G-account.
    b = money.invoice_breakdown(D("100"), D("36"), D("2.25"), D("10"), D("25"))
    assert b.amount == D("3600.00")
    assert b.vat == D("756.00")
    assert b.total_incl_vat == D("4356.00")
    assert b.to_g_account == D("1089.00")
    assert b.to_bank_account == D("3267.00")
    assert b.platform_fee == D("81.00")  # 36 x € 2,25
    assert b.supplier_margin == D("360.00")  # 10% of € 3.600
    assert b.to_professional == D("3240.00")
    assert b.supplier_net == D("279.00")


def test_a_supplier_without_sna_pays_55_percent_into_the_g_account():
    b = money.invoice_breakdown(D("95.50"), D("32"), D("0"), D("15"), D("55"))
    # 95,50 x 32 = 3.056,00; VAT 641,76; total 3.697,76; 55% = 2.033,768 -> 2.033,77
    assert b.amount == D("3056.00") and b.vat == D("641.76")
    assert b.to_g_account == D("2033.77") and b.to_bank_account == D("1663.99")
    assert b.supplier_margin == D("458.40")


def test_the_forecast_skips_christmas_and_new_year():
    # Mon 21 Dec 2026 .. Fri 1 Jan 2027: 10 weekdays, minus 25 Dec and 1 Jan = 8 working days.
    f = money.cost_forecast(
        D("100"), 36, date(2026, 12, 21), date(2027, 1, 1), D("2.25"), calendar=CAL
    )
    assert f.working_days == 8
    assert f.hours == D("57.60")  # 8 x 36 / 5
    assert f.labour == D("5760.00") and f.fees == D("129.60") and f.total == D("5889.60")


def test_the_forecast_skips_koningsdag_and_bevrijdingsdag():
    # Mon 27 Apr .. Fri 8 May 2026: 10 weekdays minus 27 April and 5 May.
    f = money.cost_forecast(D("114"), 32, date(2026, 4, 27), date(2026, 5, 8), D("0"), calendar=CAL)
    assert f.working_days == 8 and f.hours == D("51.20") and f.total == D("5836.80")


def test_a_closing_day_of_the_organisation_costs_no_hours():
    f = money.cost_forecast(
        D("100"),
        40,
        date(2026, 5, 15),
        date(2026, 5, 15),
        D("0"),
        calendar=WorkingCalendar(frozenset({date(2026, 5, 15)})),
    )
    assert f.working_days == 0 and f.total == D("0.00")


def test_forecast_options_add_each_extension_up_to_the_maximum_duration():
    options = money.forecast_options(
        D("100"),
        36,
        date(2026, 1, 1),
        date(2026, 6, 30),
        D("2.25"),
        extension_count=3,
        extension_months=6,
        max_total_months=12,
        calendar=CAL,
    )
    assert [o.end for o in options] == [date(2026, 6, 30), date(2026, 12, 30)]
    assert options[1].total > options[0].total


def test_cost_to_date_counts_up_to_today_and_nothing_before_the_start():
    start, end = date(2026, 12, 21), date(2027, 6, 30)
    before = money.cost_to_date(D("100"), 36, start, end, D("0"), date(2026, 12, 1), calendar=CAL)
    assert before.total == D("0.00")
    part = money.cost_to_date(D("100"), 36, start, end, D("2.25"), date(2027, 1, 1), calendar=CAL)
    assert part.total == D("5889.60")


def test_months_and_terms():
    assert money.term_end_after_months(date(2026, 1, 1), 6) == date(2026, 6, 30)
    assert money.add_months(date(2026, 8, 31), 6) == date(2027, 2, 28)
    assert money.months_between(date(2026, 1, 1), date(2026, 6, 30)) == D("6.00")


# --- ranking ----------------------------------------------------------------------------------


def test_ranking_orders_by_points_then_rate_then_lot_and_says_what_decided():
    entries = [
        Entry(1, "A", D(70), D(90)),
        Entry(2, "B", D(80), D(100), lot=2),
        Entry(3, "C", D(80), D(100), lot=1),
        Entry(4, "D", D(80), D(95)),
    ]
    ranked = ranking(entries)
    assert [r.entry.name for r in ranked] == ["D", "C", "B", "A"]
    assert [r.decided_by for r in ranked] == [
        DECIDED_BY_RATE,
        DECIDED_BY_LOT,
        DECIDED_BY_LOT,
        DECIDED_BY_POINTS,
    ]
    assert not any(r.needs_lot for r in ranked)


def test_ranking_is_the_same_whatever_the_input_order_and_flags_undrawn_ties():
    entries = [Entry(i, f"K{i}", D(50 + i % 3), D(100 - i % 2)) for i in range(1, 10)]
    first = [r.entry.candidate_id for r in ranking(entries)]
    assert first == [r.entry.candidate_id for r in ranking(list(reversed(entries)))]
    assert any(r.needs_lot for r in ranking(entries))


# --- contract-history rule --------------------------------------------------------------------


@pytest.fixture
def anna(db):
    request = hf.hiring_request()
    return hf.candidate(request=request, name="Anna")


def _priors(candidate, *terms, client="Gemeente Zoetermeer"):
    for start, end in terms:
        PriorContract.objects.create(candidate=candidate, client=client, start=start, end=end)


def test_a_fourth_contract_in_a_row_is_warned(anna):
    _priors(
        anna,
        (date(2025, 1, 1), date(2025, 6, 30)),
        (date(2025, 8, 1), date(2025, 12, 31)),
        (date(2026, 2, 1), date(2026, 6, 30)),
    )
    warnings = services.contract_history_warnings(anna, date(2026, 7, 13), date(2027, 1, 12))
    assert len(warnings) == 1 and "3 opeenvolgende overeenkomsten" in warnings[0]


def test_a_gap_of_more_than_six_months_breaks_the_chain(anna):
    _priors(anna, *[(date(2025, 1, 1), date(2025, 2, 28))] * 3)
    assert services.contract_history_warnings(anna, date(2026, 7, 13), date(2027, 1, 12)) == []


def test_a_chain_longer_than_24_months_is_warned_and_other_clients_do_not_count(anna):
    _priors(anna, (date(2024, 7, 1), date(2026, 6, 30)))
    _priors(anna, (date(2026, 1, 1), date(2026, 6, 30)), client="Provincie Utrecht")
    warnings = services.contract_history_warnings(anna, date(2026, 7, 13), date(2027, 1, 12))
    assert len(warnings) == 1 and "meer dan 24" in warnings[0]


def test_permanent_employment_at_the_supplier_is_exempt(anna):
    _priors(anna, *[(date(2026, 1, 1), date(2026, 6, 30))] * 4)
    anna.permanently_employed_by_supplier = True
    assert services.contract_history_warnings(anna, date(2026, 7, 13), date(2027, 1, 12)) == []


# --- contracts ----------------------------------------------------------------------------------


def _contract(**kw) -> Contract:
    request = hf.hiring_request(**kw)
    candidate = hf.candidate(request=request, name="Anna")
    return Contract.objects.create(
        request=request,
        candidate=candidate,
        person_name="Anna",
        start=date(2026, 1, 1),
        original_end=date(2026, 6, 30),
        end=date(2026, 6, 30),
        hours_per_week=36,
        hourly_rate=D("100"),
        extension_count=2,
        extension_months=6,
        max_total_months=12,
    )


@pytest.mark.django_db
def test_an_extension_is_a_recorded_decision_within_the_options():
    contract = _contract()
    actor = contract.request.secretary.user
    with pytest.raises(DomainError, match="toelichting"):
        services.contract_extend(actor=actor, contract=contract, months=6, note=" ")
    with pytest.raises(DomainError, match="hoogstens 6"):
        services.contract_extend(actor=actor, contract=contract, months=7, note="MT-besluit")
    extension = services.contract_extend(
        actor=actor, contract=contract, months=6, note="MT 3 juni: verlengen", expected_version=1
    )
    contract.refresh_from_db()
    assert contract.end == date(2026, 12, 30) == extension.new_end
    assert extension.decided_by == actor and contract.version == 2
    assert contract.request.events.filter(step="extension").exists()
    with pytest.raises(DomainError, match="maximale totale duur"):
        services.contract_extend(actor=actor, contract=contract, months=6, note="nog eens")
    with pytest.raises(StaleEditError):
        services.contract_extend(
            actor=actor, contract=contract, months=1, note="oud", expected_version=1
        )
    assert ContractExtension.objects.count() == 1


@pytest.mark.django_db
def test_no_extension_beyond_the_number_of_options():
    contract = _contract()
    contract.extension_count = 0
    contract.save()
    with pytest.raises(DomainError, match="verlengingsopties"):
        services.contract_extend(
            actor=contract.request.secretary.user, contract=contract, months=6, note="x"
        )


@pytest.mark.django_db
def test_contracts_ending_within_their_alert_window_are_flagged():
    contract = _contract()
    today = date(2026, 6, 1)
    contract.end = today + timedelta(days=21)  # 22 June: 15 working days
    contract.save()
    rows = queries.contract_alerts(Contract.objects.all(), today=today, calendar=working_calendar())
    assert [r.contract for r in rows] == [contract] and rows[0].working_days_left == 15
    contract.alert_working_days = 10
    contract.save()
    assert queries.contract_alerts(Contract.objects.all(), today=today, calendar=CAL) == []
    ClosingDay.objects.create(date=date(2026, 6, 2), name="Brugdag")
    rows = queries.contract_rows(Contract.objects.all(), today=today, calendar=working_calendar())
    assert rows[0].working_days_left == 14
    person = contract.request.secretary
    contract.alert_working_days = 20
    contract.save()
    assert queries.contract_alerts_for_person(person.pk, today=today, calendar=CAL)
    assert Candidate.objects.count() == 1
