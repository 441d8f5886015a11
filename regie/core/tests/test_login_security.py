import pytest

from regie.testing import factories

pytestmark = pytest.mark.django_db


def test_login_is_blocked_after_five_failures_even_with_the_right_password(client):
    factories.person(username="anna")
    for _ in range(5):
        response = client.post("/inloggen/", {"username": "anna", "password": "fout"})
        assert response.status_code in (200, 429)
    response = client.post("/inloggen/", {"username": "anna", "password": "geheim-123"})
    assert response.status_code == 429
    assert "Te veel mislukte inlogpogingen" in response.content.decode()


def test_a_good_login_works_and_writes_are_csrf_protected(client):
    from django.test import Client

    factories.person(username="bert")
    response = client.post("/inloggen/", {"username": "bert", "password": "geheim-123"})
    assert response.status_code == 302
    strict = Client(enforce_csrf_checks=True)
    strict.post("/inloggen/", {"username": "bert", "password": "geheim-123"})
    assert strict.post("/acties/nieuw/", {"title": "x"}).status_code == 403
