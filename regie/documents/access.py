"""What a user may see of stukken: the level rules, and always what they wrote themselves."""

from django.db.models import Q, QuerySet

from regie.core.access import level_q, viewer_for
from regie.documents.models import Document


def visible_documents(user) -> QuerySet[Document]:
    viewer = viewer_for(user)
    if viewer.sees_everything:
        return Document.objects.all()
    own = Q(author_id=viewer.person_id) if viewer.person_id else Q(pk__in=[])
    return Document.objects.filter(own | level_q(viewer, "confidentiality", "body_id"))
