import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from regie.actions.models import Action
from regie.documents.models import DocumentVersion
from regie.documents.services import document_upload
from regie.testing import factories, files

pytestmark = pytest.mark.django_db(transaction=True)


def test_backup_and_restore_round_trip_rows_and_files(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    secretary = factories.person(role="secretary")
    body = factories.body(secretary=secretary)
    for n in range(5):
        factories.action(owner=secretary, body=body, title=f"Actie {n}")
    doc = document_upload(
        actor=secretary.user,
        title="Stuk",
        kind="memo",
        body=body,
        upload=files.upload("a.pdf", files.pdf("backup")),
    )
    version = doc.versions.get()
    before_rows = sorted(Action.objects.values_list("title", flat=True))
    before_sha = version.sha256
    archive = tmp_path / "backup.tar.gz"
    call_command("backup", str(archive), stdout=io.StringIO())

    Action.objects.filter(title="Actie 0").delete()
    version.file.delete(save=False)

    call_command("restore", str(archive), stdout=io.StringIO())
    assert sorted(Action.objects.values_list("title", flat=True)) == before_rows
    restored = DocumentVersion.objects.get(pk=version.pk)
    import hashlib

    assert hashlib.sha256(restored.file.read()).hexdigest() == before_sha


def test_restore_refuses_a_missing_or_damaged_archive(tmp_path):
    with pytest.raises(CommandError, match="niet gevonden"):
        call_command("restore", str(tmp_path / "nope.tar.gz"), stdout=io.StringIO())
