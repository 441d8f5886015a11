from datetime import timedelta

import pytest

from regie.meetings.models import Meeting, Proposal, ProposalStep
from regie.testing import factories
from regie.testing import meetings_factories as mf

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    secretary = factories.person(role="secretary")
    member = factories.person()
    outsider = factories.person()
    mt = factories.body(secretary=secretary, members=[member], code="MT", name="MT-overleg")
    do = factories.body(secretary=secretary, code="DO", name="Directeurenoverleg")
    return secretary, member, outsider, mt, do


def test_creating_a_proposal_with_its_route_in_order(client, world):
    secretary, _member, _outsider, mt, do = world
    client.force_login(secretary.user)
    assert client.get("/vergaderingen/voorstellen/nieuw/").status_code == 200
    response = client.post(
        "/vergaderingen/voorstellen/nieuw/",
        {
            "title": "Kaderbrief <b>2028</b>",
            "confidentiality": "internal",
            "route_1": do.pk,
            "route_2": mt.pk,
        },
    )
    assert response.status_code == 302
    proposal = Proposal.objects.get()
    assert [s.body for s in proposal.steps.order_by("position")] == [do, mt]
    html = client.get(f"/vergaderingen/voorstellen/{proposal.pk}/").content.decode()
    assert "Kaderbrief &lt;b&gt;2028&lt;/b&gt;" in html
    assert "volgende stap" in html


def test_scheduling_and_recording_an_outcome_through_the_page(client, world):
    secretary, _member, _outsider, mt, do = world
    proposal = mf.proposal(route=[mt, do])
    step1 = proposal.steps.get(position=1)
    meeting = factories.meeting(body=mt, starts_at=mf.future(10))
    client.force_login(secretary.user)
    client.post(f"/vergaderingen/voorstelstap/{step1.pk}/inplannen/", {"meeting": meeting.pk})
    step1.refresh_from_db()
    assert step1.meeting == meeting
    html = client.get(f"/vergaderingen/voorstellen/{proposal.pk}/").content.decode()
    assert "de stukken moeten uiterlijk" in html
    Meeting.objects.filter(pk=meeting.pk).update(
        starts_at=mf.past(1), ends_at=mf.past(1) + timedelta(hours=1)
    )
    client.post(
        f"/vergaderingen/voorstelstap/{step1.pk}/uitkomst/",
        {"outcome": "advice", "note": "Akkoord"},
    )
    step1.refresh_from_db()
    assert step1.outcome == ProposalStep.Outcome.ADVICE
    html = client.get(f"/vergaderingen/voorstellen/{proposal.pk}/").content.decode()
    assert "Volgende stap: Directeurenoverleg" in html


def test_members_see_the_route_but_may_not_change_it(client, world):
    _secretary, member, outsider, mt, do = world
    proposal = mf.proposal(route=[mt, do], confidentiality="confidential")
    step1 = proposal.steps.get(position=1)
    client.force_login(member.user)
    assert client.get(f"/vergaderingen/voorstellen/{proposal.pk}/").status_code == 200
    meeting = factories.meeting(body=mt)
    response = client.post(
        f"/vergaderingen/voorstelstap/{step1.pk}/inplannen/", {"meeting": meeting.pk}
    )
    assert response.status_code == 403
    assert client.get(f"/vergaderingen/voorstelstap/{step1.pk}/uitkomst/").status_code == 405
    client.force_login(outsider.user)
    assert client.get(f"/vergaderingen/voorstellen/{proposal.pk}/").status_code == 404


def test_the_proposal_pages_query_count_does_not_grow(client, world, django_assert_max_num_queries):
    secretary, _member, _outsider, mt, do = world
    client.force_login(secretary.user)

    def add(n):
        for _ in range(n):
            mf.proposal(route=[mt, do, mt])

    add(5)
    with django_assert_max_num_queries(15) as small:
        client.get("/vergaderingen/voorstellen/")
    add(15)
    with django_assert_max_num_queries(15) as large:
        client.get("/vergaderingen/voorstellen/")
    assert len(large.captured_queries) == len(small.captured_queries)
    proposal = Proposal.objects.first()
    with django_assert_max_num_queries(15):
        client.get(f"/vergaderingen/voorstellen/{proposal.pk}/")
