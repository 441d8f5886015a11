"""Filters for the hiring pages: amounts and points as Dutch readers write them."""

from django import template

from regie.hiring.services._common import euro as _euro
from regie.hiring.services._common import points_text

register = template.Library()


@register.filter
def euro(value) -> str:
    return _euro(value)


@register.filter
def points(value) -> str:
    return "–" if value is None else points_text(value)


@register.filter
def who(user) -> str:
    """The name of the person behind a user account, else the username."""
    if user is None:
        return "systeem"
    person = getattr(user, "person", None)
    return person.name if person is not None else user.username
