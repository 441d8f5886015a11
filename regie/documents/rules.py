"""Who may change a stuk and who may decide a review step (seeing is in access.py)."""

from __future__ import annotations

import rules

from regie.core.access import viewer_for
from regie.documents.models import Document, ReviewStep


@rules.predicate
def can_edit_document(user, document: Document) -> bool:
    """The author, and the chair or secretary of the stuk's body, add versions and set routes."""
    if document is None:
        return False
    viewer = viewer_for(user)
    is_author = viewer.person_id is not None and document.author_id == viewer.person_id
    return is_author or viewer.can_manage_body(document.body_id)


@rules.predicate
def can_decide_step(user, step: ReviewStep) -> bool:
    """The step's reviewer decides; the body's chair or secretary may decide on their behalf."""
    if step is None:
        return False
    viewer = viewer_for(user)
    is_reviewer = viewer.person_id is not None and step.reviewer_id == viewer.person_id
    return is_reviewer or viewer.can_manage_body(step.route.document.body_id)


rules.add_perm("documents.edit_document", can_edit_document)
rules.add_perm("documents.decide_step", can_decide_step)
