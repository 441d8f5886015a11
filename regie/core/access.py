"""Who may see what: one place that answers it for every kind of object.

A level is visible when it is public; internal when the viewer is internal staff or a member of
the body; confidential only to members of the body (chair and secretary included).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q

from regie.core.models import Body, Confidentiality, Person

_CACHE_ATTR = "_regie_viewer"


@dataclass(frozen=True)
class Viewer:
    user_id: int | None
    person_id: int | None
    sees_everything: bool
    is_internal: bool
    member_body_ids: frozenset[int]
    managed_body_ids: frozenset[int]
    is_secretary: bool = False  # by role, or as the secretary of a body

    def can_see_level(self, level: str, body_id: int | None) -> bool:
        if self.sees_everything or level == Confidentiality.PUBLIC:
            return True
        is_member = body_id is not None and body_id in self.member_body_ids
        if level == Confidentiality.INTERNAL:
            return self.is_internal or is_member
        return is_member

    def can_manage_body(self, body_id: int | None) -> bool:
        return self.sees_everything or (body_id is not None and body_id in self.managed_body_ids)


ANONYMOUS = Viewer(None, None, False, False, frozenset(), frozenset())


def viewer_for(user) -> Viewer:
    if user is None or not user.is_authenticated:
        return ANONYMOUS
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is not None:
        return cached
    viewer = _build_viewer(user)
    setattr(user, _CACHE_ATTR, viewer)
    return viewer


def forget_viewer(user) -> None:
    if hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)


def _build_viewer(user) -> Viewer:
    person = Person.objects.filter(user=user).only("id", "role").first()
    if person is None:
        return Viewer(user.pk, None, user.is_superuser, user.is_superuser, frozenset(), frozenset())
    bodies = Body.objects.filter(
        Q(memberships__person=person) | Q(chair=person) | Q(secretary=person)
    ).values_list("id", "secretary_id", "chair_id")
    member_ids: set[int] = set()
    managed_ids: set[int] = set()
    is_secretary = person.role == Person.Role.SECRETARY
    for body_id, secretary_id, chair_id in bodies:
        member_ids.add(body_id)
        is_secretary = is_secretary or secretary_id == person.pk
        if person.pk in (secretary_id, chair_id):
            managed_ids.add(body_id)
    managed_ids |= set(
        Body.objects.filter(
            memberships__person=person,
            memberships__role__in=["chair", "secretary"],
        ).values_list("id", flat=True)
    )
    return Viewer(
        user_id=user.pk,
        person_id=person.pk,
        sees_everything=user.is_superuser,
        is_internal=not person.is_external,
        member_body_ids=frozenset(member_ids),
        managed_body_ids=frozenset(managed_ids),
        is_secretary=is_secretary,
    )


def level_q(viewer: Viewer, level_field: str, body_field: str) -> Q:
    """A filter that keeps rows whose level in `level_field` the viewer may see.

    `body_field` is the lookup of the body id the level belongs to, e.g. "meeting__body_id".
    """
    if viewer.sees_everything:
        return Q()
    members = list(viewer.member_body_ids)
    allowed = Q(**{level_field: Confidentiality.PUBLIC})
    if viewer.is_internal:
        allowed |= Q(**{level_field: Confidentiality.INTERNAL})
    else:
        allowed |= Q(**{level_field: Confidentiality.INTERNAL, f"{body_field}__in": members})
    allowed |= Q(**{level_field: Confidentiality.CONFIDENTIAL, f"{body_field}__in": members})
    return allowed


def visible_bodies(user):
    viewer = viewer_for(user)
    return Body.objects.filter(level_q(viewer, "confidentiality", "id"))


def person_of(actor) -> Person | None:
    """The person behind a logged-in user, or None (anonymous, no person, no actor)."""
    if actor is None or not getattr(actor, "is_authenticated", False):
        return None
    return Person.objects.filter(user=actor).first()
