"""Reads of stukken and review steps for pages, my week and the digest."""

from __future__ import annotations

from datetime import date

from django.db.models import QuerySet

from regie.core.access import viewer_for
from regie.documents.access import visible_documents
from regie.documents.models import ReviewStep


def review_steps_waiting_for(user) -> QuerySet[ReviewStep]:
    """Pending steps assigned to the user, with their stuk, earliest due first."""
    viewer = viewer_for(user)
    return (
        ReviewStep.objects.filter(reviewer_id=viewer.person_id, status=ReviewStep.Status.PENDING)
        .filter(route__document__in=visible_documents(user))
        .select_related("route__document")
        .order_by("due_date")
    )


def overdue_review_steps(user, *, today: date) -> QuerySet[ReviewStep]:
    """Pending steps past due in the bodies the user manages (the secretary's view)."""
    viewer = viewer_for(user)
    qs = ReviewStep.objects.filter(status=ReviewStep.Status.PENDING, due_date__lt=today)
    if not viewer.sees_everything:
        qs = qs.filter(route__document__body_id__in=viewer.managed_body_ids)
    return qs.select_related("route__document__body", "reviewer").order_by("due_date")
