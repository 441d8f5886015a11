"""What a user may see of risks.

The levels work as everywhere in Regie, with the risk's body (gremium) as the circle: public
for everyone, internal for internal staff and members of the body, confidential for members of
the body. The risk owner and the person who recorded the risk always see it.
"""

from django.db.models import Q, QuerySet

from regie.core.access import level_q, viewer_for
from regie.risks.models import Risk


def visible_risks(user) -> QuerySet[Risk]:
    viewer = viewer_for(user)
    if viewer.sees_everything:
        return Risk.objects.all()
    if viewer.person_id:
        own = Q(owner_id=viewer.person_id) | Q(created_by_id=viewer.person_id)
    else:
        own = Q(pk__in=[])
    return Risk.objects.filter(own | level_q(viewer, "confidentiality", "body_id"))
