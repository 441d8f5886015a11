from datetime import date, timedelta

import pytest
from django.utils import timezone

from regie.actions import services
from regie.actions.models import Action, ProgressNote
from regie.actions.queries import working_week
from regie.core.models import Confidentiality
from regie.testing import factories
from regie.testing.minutes_factories import due_in, minutes_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    w = minutes_world()
    today = timezone.localdate()
    _monday, friday = working_week(today)
    w.late = w.action(
        title="Te late notitie", raised_on=today - timedelta(days=30), due_date=today - timedelta(3)
    )
    w.this_week = w.action(title="Deze week klaar", due_date=max(friday, today))
    w.later = w.action(title="Veel later", due_date=today + timedelta(days=40))
    w.promise = w.action(title="Afspraak met de minister", is_commitment=True, due_date=due_in(20))
    w.theirs = w.action(owner=w.other_member, title="Van Bram", due_date=due_in(15))
    return w


def _html(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def test_the_overdue_filter_shows_only_late_open_actions_marked_in_text(client, world):
    client.force_login(world.member.user)
    html = _html(client.get("/acties/mijn/", {"termijn": "overdue"}))
    assert "Te late notitie" in html and "Deze week klaar" not in html
    assert "te laat" in html


def test_the_this_week_filter_keeps_the_working_week(client, world):
    client.force_login(world.member.user)
    html = _html(client.get("/acties/mijn/", {"termijn": "week"}))
    assert "Deze week klaar" in html
    assert "Veel later" not in html and "Te late notitie" not in html


def test_the_working_week_runs_monday_to_friday_and_a_weekend_looks_ahead():
    assert working_week(date(2026, 11, 25)) == (date(2026, 11, 23), date(2026, 11, 27))
    assert working_week(date(2026, 11, 28)) == (date(2026, 11, 30), date(2026, 12, 4))


def test_open_is_the_default_and_done_and_all_show_closed_ones(client, world):
    services.action_update_status(
        actor=world.member.user, action=world.later, status="done", expected_version=1
    )
    client.force_login(world.member.user)
    assert "Veel later" not in _html(client.get("/acties/mijn/"))
    assert "Veel later" in _html(client.get("/acties/mijn/", {"status": "done"}))
    html = _html(client.get("/acties/mijn/", {"status": "all"}))
    assert "Veel later" in html and "Te late notitie" in html


def test_the_list_filters_on_owner_body_and_commitments(client, world):
    other_body = factories.body(secretary=world.secretary)
    factories.action(owner=world.member, body=other_body, title="Elders")
    client.force_login(world.secretary.user)
    html = _html(client.get("/acties/", {"eigenaar": world.other_member.pk}))
    assert "Van Bram" in html and "Te late notitie" not in html
    html = _html(client.get("/acties/", {"gremium": other_body.pk}))
    assert "Elders" in html and "Van Bram" not in html
    html = _html(client.get("/acties/", {"afspraken": "on"}))
    assert "Afspraak met de minister" in html and "Van Bram" not in html


def test_unknown_filter_values_fall_back_to_the_open_list(client, world):
    client.force_login(world.member.user)
    html = _html(client.get("/acties/mijn/", {"status": "<x>", "termijn": "ooit", "pagina": "z"}))
    assert "Te late notitie" in html


def test_the_body_list_shows_bestuurlijke_afspraken_in_their_own_section(client, world):
    client.force_login(world.member.user)
    html = _html(client.get(f"/acties/gremium/{world.body.pk}/"))
    section = html.index('<h2 class="utrecht-heading-2">Bestuurlijke afspraken')
    assert html.index("Afspraak met de minister") > section
    assert html.index("Te late notitie") < section


def test_the_body_list_is_as_on_the_next_meeting_and_a_closed_action_leaves_it(client, world):
    client.force_login(world.secretary.user)
    next_day = timezone.localdate(world.next_meeting.starts_at)
    html = _html(client.get(f"/acties/gremium/{world.body.pk}/"))
    assert next_day.strftime("%Y") in html and "Te late notitie" in html
    services.action_update_status(
        actor=world.member.user, action=world.late, status="done", expected_version=1
    )
    html = _html(client.get(f"/acties/gremium/{world.body.pk}/"))
    assert "Te late notitie" not in html
    # On the day it was closed it still shows, as done, on that day's list.
    on_today = _html(
        client.get(f"/acties/gremium/{world.body.pk}/", {"op": timezone.localdate().isoformat()})
    )
    assert "Te late notitie" in on_today and "afgerond" in on_today


def test_a_script_in_a_title_is_shown_escaped(client, world):
    world.action(title="<script>alert('x')</script>")
    client.force_login(world.member.user)
    html = _html(client.get("/acties/mijn/"))
    assert "<script>alert(" not in html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html


def test_the_owner_closes_an_action_with_a_note(client, world):
    client.force_login(world.member.user)
    response = client.post(
        f"/acties/{world.late.pk}/status/",
        {"status": "done", "note": "Verstuurd", "version": world.late.version},
    )
    assert response.status_code == 302
    world.late.refresh_from_db()
    assert world.late.status == Action.Status.DONE
    assert world.late.closed_on == timezone.localdate()
    assert ProgressNote.objects.get(action=world.late).text == "Verstuurd"
    detail = _html(client.get(f"/acties/{world.late.pk}/"))
    assert "Verstuurd" in detail and world.member.name in detail


def test_a_stale_status_change_is_refused_and_shows_the_current_state(client, world):
    client.force_login(world.member.user)
    client.post(f"/acties/{world.late.pk}/status/", {"status": "in_progress", "version": 1})
    response = client.post(
        f"/acties/{world.late.pk}/status/",
        {"status": "cancelled", "note": "mijn tekst", "version": 1},
    )
    assert response.status_code == 409
    html = response.content.decode()
    assert "Iemand anders" in html and "mijn tekst" in html and "in behandeling" in html
    world.late.refresh_from_db()
    assert world.late.status == Action.Status.IN_PROGRESS


def test_a_non_owner_who_is_no_secretary_gets_403(client, world):
    client.force_login(world.other_member.user)
    response = client.post(f"/acties/{world.late.pk}/status/", {"status": "done", "version": 1})
    assert response.status_code == 403
    response = client.post(f"/acties/{world.late.pk}/voortgang/", {"text": "x"})
    assert response.status_code == 403
    assert client.get(f"/acties/{world.late.pk}/wijzigen/").status_code == 403
    world.late.refresh_from_db()
    assert world.late.status == "open" and not ProgressNote.objects.exists()


def test_the_secretary_may_update_any_action_of_the_body(client, world):
    client.force_login(world.secretary.user)
    response = client.post(f"/acties/{world.late.pk}/voortgang/", {"text": "Nagebeld"})
    assert response.status_code == 302
    assert ProgressNote.objects.get(action=world.late).author == world.secretary


def test_an_invisible_action_is_404(client, world):
    secret_body = factories.body(
        confidentiality=Confidentiality.CONFIDENTIAL, secretary=world.secretary
    )
    secret = factories.action(
        owner=world.secretary, body=secret_body, confidentiality=Confidentiality.CONFIDENTIAL
    )
    client.force_login(world.outsider.user)
    assert client.get(f"/acties/{secret.pk}/").status_code == 404
    assert client.post(f"/acties/{secret.pk}/status/", {"status": "done"}).status_code == 404
    assert secret.title not in _html(client.get("/acties/"))


def test_person_lists_are_for_secretaries_and_the_person_themselves(client, world):
    client.force_login(world.outsider.user)
    assert client.get(f"/acties/persoon/{world.member.pk}/").status_code == 403
    assert client.get(f"/acties/persoon/{world.outsider.pk}/").status_code == 200
    client.force_login(world.secretary.user)
    html = _html(client.get(f"/acties/persoon/{world.member.pk}/"))
    assert "Te late notitie" in html and "Van Bram" not in html


def test_a_new_action_with_a_date_in_the_past_is_refused(client, world):
    client.force_login(world.secretary.user)
    before = Action.objects.count()
    response = client.post(
        "/acties/nieuw/",
        {"title": "Iets", "owner": world.member.pk, "due_date": due_in(-1).isoformat()},
    )
    assert response.status_code == 200
    assert "De uiterste datum ligt in het verleden." in response.content.decode()
    assert Action.objects.count() == before


def test_a_new_action_due_at_a_meeting_takes_its_body_and_date(client, world):
    client.force_login(world.secretary.user)
    response = client.post(
        "/acties/nieuw/",
        {"title": "Voorbereiden", "owner": world.member.pk, "due_meeting": world.next_meeting.pk},
    )
    assert response.status_code == 302
    action = Action.objects.get(title="Voorbereiden")
    assert action.body == world.body
    assert action.due_date == timezone.localdate(world.next_meeting.starts_at)


def test_an_edit_from_a_stale_copy_is_refused_and_both_versions_are_shown(client, world):
    client.force_login(world.secretary.user)
    form = {
        "title": "Versie Sanne",
        "owner": world.member.pk,
        "body": world.body.pk,
        "due_date": world.later.due_date.isoformat(),
        "confidentiality": "internal",
        "version": 1,
    }
    assert client.post(f"/acties/{world.later.pk}/wijzigen/", form).status_code == 302
    response = client.post(
        f"/acties/{world.later.pk}/wijzigen/", {**form, "title": "Versie van de ander"}
    )
    assert response.status_code == 409
    html = response.content.decode()
    assert "Iemand anders" in html and "Versie Sanne" in html and "Versie van de ander" in html
    assert Action.objects.get(pk=world.later.pk).title == "Versie Sanne"


def test_the_detail_links_back_to_the_agenda_item_in_the_minutes(client, world):
    from regie.meetings.services import minutes

    action = minutes.action_raise_from_item(
        actor=world.secretary.user,
        item=world.item,
        title="Uitzoeken",
        owner=world.member,
        due_date=due_in(5),
    )
    client.force_login(world.member.user)
    html = _html(client.get(f"/acties/{action.pk}/"))
    assert f"/vergaderingen/agendapunt/{world.item.pk}/in-verslag/" in html
    response = client.get(f"/vergaderingen/agendapunt/{world.item.pk}/in-verslag/")
    assert response.url.endswith(f"/vergaderingen/{world.meeting.pk}/verslag/#punt-{world.item.pk}")


@pytest.mark.parametrize(
    "url",
    ["/acties/", "/acties/mijn/", "body", "detail"],
)
def test_page_query_counts_do_not_grow_with_the_number_of_actions(
    client, world, url, django_assert_max_num_queries
):
    client.force_login(world.member.user)
    if url == "body":
        url = f"/acties/gremium/{world.body.pk}/"
    if url == "detail":
        url = f"/acties/{world.late.pk}/"

    def add(n):
        for i in range(n):
            action = world.action(
                owner=world.member if i % 2 else world.other_member,
                due_date=timezone.localdate() + timedelta(days=i % 9),
                is_commitment=i % 5 == 0,
            )
            services.action_add_note(actor=world.member.user, action=world.late, text=f"n{i}")
            assert action.pk

    add(20)
    with django_assert_max_num_queries(20) as small:
        assert client.get(url).status_code == 200
    add(60)
    with django_assert_max_num_queries(20) as large:
        assert client.get(url).status_code == 200
    assert len(large.captured_queries) == len(small.captured_queries)


def test_the_owner_filter_offers_the_owners_of_the_listed_actions_and_keeps_a_chosen_one(
    client, world
):
    client.force_login(world.secretary.user)
    response = client.get("/acties/", {"termijn": "overdue"})
    offered = set(response.context["filter_form"].fields["eigenaar"].queryset)
    assert world.late.owner in offered and world.other_member not in offered
    chosen = {"termijn": "overdue", "eigenaar": world.other_member.pk}
    response = client.get("/acties/", chosen)
    assert world.other_member in set(response.context["filter_form"].fields["eigenaar"].queryset)
    assert "Te late notitie" not in _html(response)


def test_the_unit_filter_shows_the_actions_of_the_unit_and_the_units_below_it(
    client, world, django_assert_max_num_queries
):
    top = factories.unit(name="Directie Ruimte")
    team = factories.unit(name="Team Water", parent=top)
    elsewhere = factories.unit(name="Directie Geld")
    world.member.unit = team
    world.member.save(update_fields=["unit"])
    world.other_member.unit = elsewhere
    world.other_member.save(update_fields=["unit"])
    client.force_login(world.secretary.user)
    with django_assert_max_num_queries(20):
        html = _html(client.get("/acties/", {"eenheid": top.pk}))
    assert "Te late notitie" in html and "Van Bram" not in html
    html = _html(client.get("/acties/", {"eenheid": elsewhere.pk}))
    assert "Van Bram" in html and "Te late notitie" not in html
    # Combined with the other filters, as the dashboard links to it.
    html = _html(client.get("/acties/", {"eenheid": top.pk, "termijn": "overdue"}))
    assert "Te late notitie" in html and "Deze week klaar" not in html
    html = _html(client.get("/acties/", {"eenheid": top.pk, "status": "open"}))
    assert "Deze week klaar" in html and "Van Bram" not in html
    # The choice is the unit tree, indented under each parent.
    response = client.get("/acties/", {"eenheid": top.pk})
    labels = dict(response.context["filter_form"].fields["eenheid"].choices)
    assert labels[str(top.pk)] == "Directie Ruimte"
    assert labels[str(team.pk)] == "\u2003Team Water"
    offered = list(labels)
    assert offered.index(str(top.pk)) < offered.index(str(team.pk))


def test_an_unknown_unit_is_refused_with_a_message_and_filters_nothing(client, world):
    client.force_login(world.secretary.user)
    for value in ("999999", "x<"):
        html = _html(client.get("/acties/", {"eenheid": value}))
        assert "Kies een organisatieonderdeel uit de lijst." in html
        assert "Te late notitie" in html and "Van Bram" in html
