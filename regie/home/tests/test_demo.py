import hashlib
from collections import defaultdict
from datetime import date

import pytest
from django.apps import apps
from django.contrib.auth import authenticate, get_user_model
from django.core.files.storage import default_storage

from regie.actions.models import Action
from regie.core.models import Body, Person
from regie.documents.models import DocumentVersion, ReviewStep
from regie.home.demo import ACCOUNTS, DEMO_PASSWORD, load_demo
from regie.meetings.models import AgendaItem, Decision, DecisionCounter, Meeting, ProposalStep

pytestmark = [pytest.mark.slow, pytest.mark.django_db]

TODAY = date(2026, 11, 24)


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def _counts() -> dict[str, int]:
    models = [
        m
        for m in apps.get_models(include_auto_created=True)
        if m._meta.app_config.name.startswith("regie.")
    ]
    counts = {m._meta.label: m.objects.count() for m in models}
    counts["auth.User"] = get_user_model().objects.count()
    return counts


def test_it_builds_the_bodies_and_an_account_for_each_role(media, rf):
    load_demo(TODAY)

    codes = set(Body.objects.values_list("code", flat=True))
    assert codes == {"MT-FL", "DO", "BO-LG", "SG-OW", "COLLEGE", "MT-SAM"}
    for username in ["beheer", *ACCOUNTS]:
        assert authenticate(rf.post("/"), username=username, password=DEMO_PASSWORD), username
    secretary = Person.objects.get(user__username="secretaris")
    assert set(Body.objects.filter(secretary=secretary).values_list("code", flat=True)) == {
        "MT-FL",
        "DO",
        "BO-LG",
        "SG-OW",
    }
    assert Person.objects.get(user__username="extern").is_external
    assert Body.objects.get(code="SG-OW").confidentiality == "confidential"
    assert Body.objects.get(code="COLLEGE").retention == "19.1.6"


def test_each_body_has_a_history_work_for_the_secretary_and_a_next_agenda(media):
    load_demo(TODAY)

    for body in Body.objects.all():
        meetings = list(body.meetings.order_by("starts_at"))
        past = [m for m in meetings if m.starts_at.date() < TODAY and m.status != "cancelled"]
        coming = [m for m in meetings if m.starts_at.date() >= TODAY]
        assert past[-1].status in ("held", "minutes_draft", "minutes_review"), body.code
        assert past[-2].status == "minutes_approved"
        assert past[-2].minutes_approved_in == past[-1]
        assert coming[0].status in ("draft", "agenda_sent")
        assert coming[0].items.filter(is_standing=False).exists()
        assert all(m.status == "archived" for m in past[:-2])
    assert AgendaItem.objects.filter(held_over_from__isnull=False).exists()
    assert AgendaItem.objects.filter(confidentiality="confidential").exists()
    assert set(ProposalStep.objects.values_list("outcome", flat=True)) >= {
        "advice",
        "decision",
        "returned",
        "pending",
        "held_over",
    }
    assert Meeting.history.filter(history_type="~").exists()


def test_decision_numbers_are_unique_and_without_gaps_per_body_and_year(media):
    load_demo(TODAY)

    numbers: dict[tuple[str, int], list[int]] = defaultdict(list)
    for decision in Decision.objects.select_related("body"):
        assert decision.number == f"{decision.body.code}-{decision.year}-{decision.sequence:03d}"
        assert decision.decided_on.year == decision.year
        numbers[(decision.body.code, decision.year)].append(decision.sequence)
    assert len(numbers) >= 6
    for key, sequences in numbers.items():
        assert sorted(sequences) == list(range(1, len(sequences) + 1)), key
        counter = DecisionCounter.objects.get(body__code=key[0], year=key[1])
        assert counter.last_number == len(sequences)
    assert Decision.objects.filter(is_withdrawn=True).count() == 1


def test_some_actions_are_overdue_and_others_done(media):
    load_demo(TODAY)

    open_actions = Action.objects.filter(status__in=Action.OPEN_STATUSES)
    overdue = open_actions.filter(due_date__lt=TODAY)
    assert overdue.count() >= 10
    for username in ["teamleider", "medewerker"]:
        assert overdue.filter(owner__user__username=username).exists(), username
    done = Action.objects.filter(status="done")
    assert done.count() > open_actions.count()
    assert not done.filter(closed_on__isnull=True).exists()
    assert Action.objects.filter(is_commitment=True).exists()
    assert all(a.source_label for a in Action.objects.all()[:20])
    assert ReviewStep.objects.filter(status="pending", due_date__lt=TODAY).exists()


def test_stored_files_match_their_checksums(media):
    load_demo(TODAY)

    versions = list(DocumentVersion.objects.all())
    assert 10 <= len(versions) <= 20
    for version in versions:
        with default_storage.open(version.file.name) as handle:
            content = handle.read()
        assert hashlib.sha256(content).hexdigest() == version.sha256
        assert len(content) == version.size
        assert content.startswith(b"%PDF" if version.content_type == "application/pdf" else b"PK")


def test_running_it_twice_gives_the_same_data(media, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        load_demo(TODAY)
    first = _counts()
    with django_capture_on_commit_callbacks(execute=True):
        load_demo(TODAY)

    assert _counts() == first
    stored = [p for p in media.rglob("*") if p.is_file()]
    assert len(stored) == DocumentVersion.objects.count()


def test_the_year_plan_is_approved_with_progress_some_missing_and_decision_moments(media):
    from regie.planning.models import Activity, Milestone, Plan, ProgressUpdate, ReportingPeriod

    load_demo(TODAY)
    plan = Plan.objects.get(year=TODAY.year, kind=Plan.Kind.YEAR, unit__name__contains="Directie")
    assert plan.status == Plan.Status.APPROVED and plan.approved_by_decision is not None
    past = ReportingPeriod.objects.filter(plan=plan, deadline__lt=TODAY)
    activities = Activity.objects.filter(plan=plan)
    expected = activities.count() * past.count()
    updates = ProgressUpdate.objects.filter(period__in=past).count()
    assert 0 < updates < expected  # someone still has to be chased
    moments = Milestone.objects.filter(plan=plan, kind=Milestone.Kind.DECISION_MOMENT)
    assert moments.exists() and all(m.meeting.starts_at.date() > TODAY for m in moments)
    assert Plan.objects.filter(year=TODAY.year + 1, status=Plan.Status.DRAFT).exists()


def test_risks_have_scores_measures_and_one_on_the_action_list(media):
    from regie.risks.models import Measure, Risk

    load_demo(TODAY)
    risks = Risk.objects.all()
    assert risks.count() >= 5
    assert all(r.score == r.probability * r.impact for r in risks)
    assert risks.filter(activity__isnull=False).exists()
    assert Measure.objects.filter(action__isnull=False).exists()


def test_the_planner_export_stuk_reads_without_errors_into_tasks_of_known_people(media):
    from regie.documents.models import Document
    from regie.planning.excel import parse_planner

    load_demo(TODAY)
    document = Document.objects.get(title__startswith="Planner-export team Leefomgeving")
    version = document.versions.get()
    assert version.original_name.endswith(".xlsx")
    with version.file.open("rb") as stored:
        result = parse_planner(stored.read(), buckets="goals", importer=None)
    assert result.ok, result.errors
    assert len(result.rows) == 7
    assert {row.goal for row in result.rows} == {"Besluitvorming", "Dashboard", "Werkplannen"}
    assert all(row.owner is not None for row in result.rows)
