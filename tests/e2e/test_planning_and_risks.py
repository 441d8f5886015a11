"""The demo's year plan and risk register in Chromium: overview, plan, timeline, a progress
update for a missing quarter, the chase list, the register and the heat map; axe-clean."""

import pytest
from django.utils import timezone

from regie.home.demo import DEMO_PASSWORD, load_demo
from regie.planning.models import Plan, ProgressUpdate, ReportingPeriod
from regie.risks.models import Risk
from tests.e2e.conftest import assert_accessible, login


@pytest.mark.django_db(transaction=True)
def test_a_secretary_follows_the_year_plan_and_the_risks(page, live_server, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    today = timezone.localdate()
    load_demo(today)
    plan = Plan.objects.get(year=today.year, unit__name__startswith="Directie")
    login(page, live_server, "secretaris", DEMO_PASSWORD)

    page.goto(f"{live_server.url}/planning/")
    assert_accessible(page)
    page.get_by_role("link", name=plan.title).first.click()
    page.get_by_role("heading", name="Activiteiten").wait_for()
    assert_accessible(page)

    page.goto(f"{live_server.url}/planning/plan/{plan.pk}/tijdlijn/")
    assert page.locator("svg.regie-timeline rect.bar").count() == plan.activities.count()
    assert_accessible(page)

    # A quarter someone has not reported on yet: the chase list names it, the form fills it.
    period = next(
        p
        for p in ReportingPeriod.objects.filter(plan=plan, deadline__lt=today).order_by("-end")
        if ProgressUpdate.objects.filter(period=p).count() < plan.activities.count()
    )
    missing = plan.activities.exclude(updates__period=period).order_by("title").first()
    page.goto(f"{live_server.url}/planning/periodes/{period.pk}/")
    assert page.get_by_text(missing.title).first.is_visible()
    assert_accessible(page)
    page.goto(f"{live_server.url}/planning/activiteit/{missing.pk}/voortgang/{period.pk}/")
    assert_accessible(page)
    page.get_by_label("Percentage gereed").fill("55")
    page.get_by_label("Toelichting").fill("Loopt, met vertraging bij één regio.")
    page.get_by_label("Stand").select_option("at_risk")
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_load_state("networkidle")
    update = ProgressUpdate.objects.get(activity=missing, period=period)
    assert (update.percent, update.status) == (55, "at_risk")

    page.goto(f"{live_server.url}/risicos/")
    top = Risk.objects.order_by("-score", "title").first()
    assert page.get_by_role("link", name=top.title).first.is_visible()
    assert_accessible(page)
    page.goto(f"{live_server.url}/risicos/risicokaart/")
    assert page.locator("svg.regie-heat-map__grid rect").count() == 25
    assert_accessible(page)


@pytest.mark.django_db(transaction=True)
def test_a_director_reads_the_dashboard_and_downloads_the_progress_report(
    page, live_server, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    today = timezone.localdate()
    load_demo(today)
    plan = Plan.objects.get(year=today.year, unit__name__startswith="Directie")
    period = ReportingPeriod.objects.filter(plan=plan, deadline__lt=today).order_by("-end")[0]
    login(page, live_server, "directeur", DEMO_PASSWORD)

    page.goto(f"{live_server.url}/dashboard/")
    page.get_by_role("heading", name="Top 5 risico's").wait_for()
    assert page.get_by_role("link", name=plan.title).first.is_visible()
    assert_accessible(page)

    page.goto(f"{live_server.url}/planning/plan/{plan.pk}/periode/{period.pk}/")
    assert page.get_by_text(period.name).first.is_visible()
    assert_accessible(page)

    page.goto(f"{live_server.url}/export/voortgang/")
    assert_accessible(page)
    page.locator("#id_eenheid").select_option(str(plan.unit_id))
    page.locator("#id_periode").select_option(str(period.pk))
    page.get_by_role("button", name="Kiezen").click()
    link = page.get_by_role("link", name="Word (.docx)").first
    link.wait_for()
    assert_accessible(page)
    with page.expect_download() as download:
        link.click()
    assert download.value.suggested_filename.startswith("Voortgangsrapportage")
    assert download.value.suggested_filename.endswith(".docx")
