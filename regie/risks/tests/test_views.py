from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from regie.actions.models import Action
from regie.core.models import Confidentiality
from regie.risks.models import Measure, Risk
from regie.risks.tests import factories as rf
from regie.testing import factories

pytestmark = pytest.mark.django_db


def _today():
    return timezone.localdate()


def _html(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def _risk_post(world, **kw):
    data = {
        "title": "Subsidie wordt teruggevorderd",
        "cause": "Verantwoording onvolledig",
        "event": "Fonds keurt verantwoording af",
        "effect": "Terugbetaling",
        "probability": "3",
        "impact": "4",
        "unit": world.unit.pk,
        "programme": "Programma Klimaatadaptatie",
        "body": "",
        "owner": world.lead.pk,
        "status": "open",
        "review_date": (_today() + timedelta(days=7)).isoformat(),
        "confidentiality": "internal",
    }
    return data | kw


def test_the_register_lists_by_score_and_the_nav_links_to_it(client, world):
    rf.risk(unit=world.unit, owner=world.lead, title="Laag", probability=1, impact=2)
    rf.risk(unit=world.unit, owner=world.lead, title="Hoog", probability=5, impact=4)
    rf.risk(unit=world.unit, owner=world.lead, title="Midden", probability=3, impact=3)
    client.force_login(world.employee.user)
    html = _html(client.get("/risicos/"))
    assert html.index("Hoog") < html.index("Midden") < html.index("Laag")
    assert '<li><a class="utrecht-link" href="/risicos/">Risico' in html
    assert "3 risico’s" in html


def test_the_register_filters_on_unit_status_owner_score_and_overdue_review(client, world):
    other_unit = factories.unit(name="Team Wegen")
    rf.risk(unit=world.unit, owner=world.lead, title="Water hoog", probability=5, impact=5)
    rf.risk(unit=other_unit, owner=world.employee, title="Wegen laag", probability=1, impact=1)
    rf.risk(
        unit=world.unit,
        owner=world.employee,
        title="Al gesloten",
        status=Risk.Status.CLOSED,
        probability=4,
        impact=4,
    )
    late = rf.risk(
        unit=other_unit,
        owner=world.lead,
        title="Vergeten",
        probability=2,
        impact=3,
        review_date=_today() - timedelta(days=2),
    )
    client.force_login(world.secretary.user)
    html = _html(client.get("/risicos/", {"eenheid": other_unit.pk}))
    assert "Wegen laag" in html and "Water hoog" not in html
    html = _html(client.get("/risicos/", {"eigenaar": world.employee.pk}))
    assert "Wegen laag" in html and "Water hoog" not in html and "Al gesloten" not in html
    html = _html(client.get("/risicos/", {"status": "closed"}))
    assert "Al gesloten" in html and "Water hoog" not in html
    html = _html(client.get("/risicos/", {"score": "10"}))
    assert "Water hoog" in html and "Vergeten" not in html and "Wegen laag" not in html
    html = _html(client.get("/risicos/", {"te_laat": "on"}))
    assert "Vergeten" in html and "Water hoog" not in html and "te laat" in html
    html = _html(client.get("/risicos/", {"kans": late.probability, "impact": late.impact}))
    assert "Vergeten" in html and "Water hoog" not in html
    html = _html(client.get("/risicos/", {"status": "<x>", "score": "abc", "eenheid": "999"}))
    assert "Water hoog" in html and "Vergeten" in html


def test_the_unit_filter_offers_the_whole_tree_and_includes_the_units_below(client, world):
    directorate = factories.unit(name="Directie Ruimte")
    team = factories.unit(name="Team Bodem", parent=directorate)
    cluster = factories.unit(name="Cluster Grondwater", parent=team)
    factories.unit(name="Team Zonder Risico")
    rf.risk(unit=cluster, owner=world.lead, title="Grondwater daalt")
    rf.risk(unit=directorate, owner=world.lead, title="Directie risico")
    rf.risk(unit=world.unit, owner=world.lead, title="Water elders")
    client.force_login(world.employee.user)
    html = _html(client.get("/risicos/"))
    assert f'<option value="{directorate.pk}">Directie Ruimte</option>' in html
    assert f'<option value="{team.pk}">\u2003Team Bodem</option>' in html
    assert f'<option value="{cluster.pk}">\u2003\u2003Cluster Grondwater</option>' in html
    assert "Team Zonder Risico</option>" in html  # a unit without risks is offered too
    assert html.index("Directie Ruimte<") < html.index("Team Bodem<") < html.index("Cluster Gr")
    html = _html(client.get("/risicos/", {"eenheid": team.pk}))
    assert "Grondwater daalt" in html and "Directie risico" not in html
    assert "Water elders" not in html
    assert f'<option value="{team.pk}" selected>' in html
    html = _html(client.get("/risicos/", {"eenheid": directorate.pk}))
    assert "Grondwater daalt" in html and "Directie risico" in html and "Water elders" not in html


def test_the_review_list_filters_on_unit_with_the_units_below_and_on_owner(client, world):
    directorate = factories.unit(name="Directie Ruimte")
    team = factories.unit(name="Team Bodem", parent=directorate)
    soon = _today() + timedelta(days=1)
    rf.risk(unit=team, owner=world.lead, title="Bodem zakt", review_date=soon)
    rf.risk(unit=world.unit, owner=world.employee, title="Dijk lekt", review_date=soon)
    client.force_login(world.lead.user)
    html = _html(client.get("/risicos/te-herbeoordelen/", {"eenheid": directorate.pk}))
    assert "Bodem zakt" in html and "Dijk lekt" not in html
    html = _html(client.get("/risicos/te-herbeoordelen/", {"eigenaar": world.employee.pk}))
    assert "Dijk lekt" in html and "Bodem zakt" not in html
    html = _html(client.get("/risicos/te-herbeoordelen/", {"eenheid": "x", "eigenaar": "999"}))
    assert "Dijk lekt" in html and "Bodem zakt" in html


def test_dates_are_shown_in_dutch(client, world):
    risk = rf.risk(unit=world.unit, owner=world.lead, title="Datum")
    Risk.objects.filter(pk=risk.pk).update(review_date="2026-11-23")
    client.force_login(world.lead.user)
    assert "23 november 2026" in _html(client.get(f"/risicos/{risk.pk}/"))


def test_creating_a_risk_through_the_form(client, world):
    client.force_login(world.lead.user)
    response = client.post("/risicos/nieuw/", _risk_post(world))
    risk = Risk.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/risicos/{risk.pk}/"
    assert (risk.score, risk.programme, risk.created_by) == (
        12,
        "Programma Klimaatadaptatie",
        world.lead,
    )
    html = _html(client.get(f"/risicos/{risk.pk}/"))
    assert "Fonds keurt verantwoording af" in html and "Geschiedenis" in html


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"probability": "0"}, "Geef de kans een waarde van 1 tot en met 5."),
        ({"probability": "6"}, "Geef de kans een waarde van 1 tot en met 5."),
        ({"impact": "9"}, "Geef de impact een waarde van 1 tot en met 5."),
        ({"title": "  "}, "Geef het risico een titel."),
        ({"probability": ""}, "Geef de kans een waarde van 1 tot en met 5."),
        ({"review_date": ""}, "Geef een datum voor de volgende herbeoordeling."),
        ({"review_date": "2020-01-01"}, "ligt in het verleden"),
    ],
)
def test_bad_input_on_the_form_gives_a_dutch_message_and_stores_nothing(
    client, world, change, message
):
    client.force_login(world.lead.user)
    html = _html(client.post("/risicos/nieuw/", _risk_post(world, **change)))
    assert message in html
    assert not Risk.objects.exists()


def test_editing_with_a_stale_version_shows_the_current_state_and_keeps_it(client, world):
    risk = rf.risk(unit=world.unit, owner=world.lead, title="Origineel")
    client.force_login(world.lead.user)
    first = _risk_post(world, title="Eerste wijziging", version="1")
    assert client.post(f"/risicos/{risk.pk}/wijzigen/", first).status_code == 302
    second = _risk_post(world, title="Tweede wijziging", version="1")
    response = client.post(f"/risicos/{risk.pk}/wijzigen/", second)
    assert response.status_code == 409
    html = response.content.decode()
    assert "Iemand anders heeft dit intussen gewijzigd" in html and "Eerste wijziging" in html
    risk.refresh_from_db()
    assert (risk.title, risk.version) == ("Eerste wijziging", 2)


def test_only_editors_may_edit_and_externals_may_not_create(client, world):
    risk = rf.risk(unit=world.unit, owner=world.lead, confidentiality=Confidentiality.PUBLIC)
    client.force_login(world.employee.user)
    assert client.get(f"/risicos/{risk.pk}/wijzigen/").status_code == 403
    client.force_login(world.secretary.user)
    assert client.get(f"/risicos/{risk.pk}/wijzigen/").status_code == 200
    client.force_login(world.external.user)
    assert client.get("/risicos/nieuw/").status_code == 403
    assert client.post("/risicos/nieuw/", _risk_post(world)).status_code == 403
    assert Risk.objects.count() == 1


def test_access_matrix_for_outsiders_externals_and_staff(client, world):
    public = rf.risk(
        unit=world.unit,
        owner=world.lead,
        title="Openbaar risico",
        confidentiality=Confidentiality.PUBLIC,
    )
    internal = rf.risk(unit=world.unit, owner=world.lead, title="Intern risico")
    secret = rf.risk(
        unit=world.unit,
        owner=world.lead,
        title="Geheim risico",
        confidentiality=Confidentiality.CONFIDENTIAL,
    )
    steering = rf.risk(
        unit=world.unit,
        owner=world.lead,
        title="Stuurgroeprisico",
        body=world.steering,
        confidentiality=Confidentiality.CONFIDENTIAL,
    )
    # An outsider sees only public risks.
    client.force_login(world.outsider.user)
    html = _html(client.get("/risicos/"))
    assert "Openbaar risico" in html
    for hidden in ("Intern risico", "Geheim risico", "Stuurgroeprisico"):
        assert hidden not in html
    for risk in (internal, secret, steering):
        assert client.get(f"/risicos/{risk.pk}/").status_code == 404
        assert client.get(f"/risicos/{risk.pk}/wijzigen/").status_code == 404
    assert client.get(f"/risicos/{public.pk}/").status_code == 200
    # An external member of the steering group sees its risks, not the unit's internal ones.
    client.force_login(world.external.user)
    html = _html(client.get("/risicos/"))
    assert "Stuurgroeprisico" in html and "Intern risico" not in html
    assert client.get(f"/risicos/{internal.pk}/").status_code == 404
    assert client.get(f"/risicos/{steering.pk}/").status_code == 200
    # Staff see internal risks; confidential ones only as member or owner.
    client.force_login(world.employee.user)
    html = _html(client.get("/risicos/"))
    assert (
        "Intern risico" in html and "Geheim risico" not in html and "Stuurgroeprisico" not in html
    )
    assert client.get(f"/risicos/{secret.pk}/").status_code == 404
    client.force_login(world.lead.user)
    html = _html(client.get("/risicos/"))
    assert "Geheim risico" in html and "Stuurgroeprisico" in html
    # The heat map counts only what one may see.
    client.force_login(world.outsider.user)
    assert "1 risico naar kans en impact" in _html(client.get("/risicos/risicokaart/"))


def test_the_heat_map_counts_per_cell_links_to_the_list_and_has_a_table(client, world):
    rf.risk(unit=world.unit, owner=world.lead, probability=5, impact=4)
    rf.risk(unit=world.unit, owner=world.lead, probability=5, impact=4)
    rf.risk(unit=world.unit, owner=world.lead, probability=1, impact=1)
    rf.risk(unit=world.unit, owner=world.lead, probability=2, impact=2, status="closed")
    client.force_login(world.lead.user)
    html = _html(client.get("/risicos/risicokaart/"))
    assert "<svg" in html and "3 risico’s naar kans en impact" in html
    assert "Kans 5, impact 4 (score 20, zeer hoog): 2 risico’s" in html
    assert 'href="/risicos/?kans=5&amp;impact=4"' in html
    assert "Aantal risico’s per kans (rijen) en impact (kolommen)" in html
    html = _html(client.get("/risicos/risicokaart/", {"status": "all"}))
    assert 'href="/risicos/?status=all&amp;kans=2&amp;impact=2"' in html


def test_the_review_list_shows_overdue_and_soon_due_risks(client, world):
    rf.risk(unit=world.unit, owner=world.lead, title="Te laat", review_date=_today() - timedelta(1))
    rf.risk(unit=world.unit, owner=world.lead, title="Morgen", review_date=_today() + timedelta(1))
    rf.risk(unit=world.unit, owner=world.lead, title="Later", review_date=_today() + timedelta(60))
    rf.risk(
        unit=world.unit,
        owner=world.lead,
        title="Dicht",
        status="closed",
        review_date=_today() - timedelta(1),
    )
    client.force_login(world.lead.user)
    html = _html(client.get("/risicos/te-herbeoordelen/"))
    assert "Te laat" in html and "Morgen" in html
    assert "Later" not in html and "Dicht" not in html


def test_measures_are_added_edited_and_become_actions(client, world):
    risk = rf.risk(unit=world.unit, owner=world.lead, body=world.steering)
    client.force_login(world.lead.user)
    due = (_today() + timedelta(days=12)).isoformat()
    response = client.post(
        f"/risicos/{risk.pk}/maatregelen/",
        {
            "text": "Tweede leverancier zoeken",
            "owner": world.employee.pk,
            "due_date": due,
            "status": "planned",
        },
    )
    assert response.status_code == 302
    measure = Measure.objects.get()
    response = client.post(
        f"/risicos/{risk.pk}/maatregelen/",
        {"text": "", "owner": world.lead.pk, "status": "planned"},
    )
    assert response.status_code == 400 and Measure.objects.count() == 1
    assert "Omschrijf de maatregel." in response.content.decode()
    html = _html(client.get(f"/risicos/{risk.pk}/"))
    assert "Tweede leverancier zoeken" in html and "Maak er een actie van" in html
    html = _html(client.get(f"/risicos/maatregelen/{measure.pk}/actie/"))
    assert "Eigenaar van de actie" in html
    response = client.post(
        f"/risicos/maatregelen/{measure.pk}/actie/",
        {"owner": world.employee.pk, "due_date": due, "version": "1"},
    )
    assert response.status_code == 302
    action = Action.objects.get()
    assert action.owner == world.employee and action.body == world.steering
    html = _html(client.get(f"/risicos/{risk.pk}/"))
    assert f"/acties/{action.pk}/" in html and "op de actielijst" in html
    # The action links back to the measure's risk.
    html = _html(client.get(f"/acties/{action.pk}/"))
    assert f"/risicos/maatregelen/{measure.pk}/" in html
    response = client.get(f"/risicos/maatregelen/{measure.pk}/")
    assert response["Location"] == f"/risicos/{risk.pk}/#maatregel-{measure.pk}"
    # The measure's owner updates it; a stale edit is refused.
    client.force_login(world.employee.user)
    edit = {
        "text": "Tweede leverancier gevonden",
        "owner": world.employee.pk,
        "due_date": due,
        "status": "done",
    }
    assert (
        client.post(
            f"/risicos/maatregelen/{measure.pk}/wijzigen/", edit | {"version": "2"}
        ).status_code
        == 302
    )
    response = client.post(f"/risicos/maatregelen/{measure.pk}/wijzigen/", edit | {"version": "2"})
    assert response.status_code == 409
    measure.refresh_from_db()
    assert (measure.status, measure.version) == ("done", 3)
    html = _html(client.get(f"/risicos/{risk.pk}/"))
    assert "Geschiedenis van de maatregelen" in html
    assert "Status: uitgevoerd" in html and "Actie gemaakt" in html


def test_a_measure_without_a_date_cannot_become_an_action_without_one(client, world):
    risk = rf.risk(unit=world.unit, owner=world.lead)
    measure = rf.measure(risk=risk, owner=world.lead, due_date=None)
    client.force_login(world.lead.user)
    response = client.post(
        f"/risicos/maatregelen/{measure.pk}/actie/", {"owner": world.lead.pk, "version": "1"}
    )
    assert response.status_code == 400
    assert "Geef een uiterste datum" in response.content.decode()
    assert not Action.objects.exists()


def test_others_may_not_touch_measures_and_outsiders_get_404(client, world):
    risk = rf.risk(unit=world.unit, owner=world.lead)
    measure = rf.measure(risk=risk, owner=world.lead)
    client.force_login(world.employee.user)
    assert client.get(f"/risicos/maatregelen/{measure.pk}/wijzigen/").status_code == 403
    assert client.post(f"/risicos/{risk.pk}/maatregelen/", {"text": "x"}).status_code == 403
    client.force_login(world.outsider.user)
    assert client.get(f"/risicos/maatregelen/{measure.pk}/wijzigen/").status_code == 404
    assert client.get(f"/risicos/maatregelen/{measure.pk}/").status_code == 404


def _count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def _more_risks(world, n):
    for i in range(n):
        risk = rf.risk(
            unit=factories.unit(parent=world.unit) if i % 2 else factories.unit(),
            owner=factories.person(),
            probability=i % 5 + 1,
            impact=(i * 2) % 5 + 1,
            review_date=_today() + timedelta(days=i % 3),
        )
        rf.measure(risk=risk, owner=world.lead)


@pytest.mark.parametrize(
    "url",
    [
        "/risicos/",
        "/risicos/?eenheid={unit}&score=5&te_laat=on&status=all",
        "/risicos/risicokaart/",
        "/risicos/risicokaart/?eenheid={unit}",
        "/risicos/te-herbeoordelen/",
        "/risicos/te-herbeoordelen/?eenheid={unit}",
    ],
)
def test_query_counts_do_not_grow_with_data(client, world, url):
    url = url.format(unit=world.unit.pk)
    rf.risk(unit=world.unit, owner=world.lead, review_date=_today() - timedelta(days=1))
    _more_risks(world, 3)
    client.force_login(world.lead.user)
    _count_queries(client, url)  # warm the caches of the session
    few = _count_queries(client, url)
    _more_risks(world, 12)
    assert _count_queries(client, url) == few


def test_the_detail_page_query_count_does_not_grow_with_measures(client, world):
    risk = rf.risk(unit=world.unit, owner=world.lead)
    rf.measure(risk=risk, owner=world.lead)
    client.force_login(world.lead.user)
    url = f"/risicos/{risk.pk}/"
    _count_queries(client, url)
    few = _count_queries(client, url)
    for _ in range(6):
        rf.measure(risk=risk, owner=factories.person())
    assert _count_queries(client, url) == few


def test_a_risk_can_be_linked_to_a_running_activity_of_a_visible_plan(client, world):
    from regie.planning.models import Plan
    from regie.planning.tests import factories as pf

    plan = pf.plan(unit=world.unit, title="Jaarplan Water")
    activity = pf.activity(plan=plan, owner=world.lead, title="Dijkversterking")
    hidden_plan = pf.plan(
        unit=factories.unit(), title="Geheim plan", confidentiality=Confidentiality.CONFIDENTIAL
    )
    pf.activity(plan=hidden_plan, owner=world.lead, title="Verborgen activiteit")
    assert Plan.objects.count() == 2
    client.force_login(world.employee.user)
    html = _html(client.get("/risicos/nieuw/"))
    assert "Jaarplan Water – Dijkversterking" in html and "Verborgen activiteit" not in html
    response = client.post("/risicos/nieuw/", _risk_post(world, activity=activity.pk))
    assert response.status_code == 302
    risk = Risk.objects.get()
    assert risk.activity == activity
    html = _html(client.get(f"/risicos/{risk.pk}/"))
    assert "Dijkversterking" in html and f"/planning/activiteit/{activity.pk}/" in html
