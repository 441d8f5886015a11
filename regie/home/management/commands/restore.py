from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from regie.core.errors import DomainError
from regie.home.backup import restore


class Command(BaseCommand):
    help = "Zet een archief van `regie backup` terug (database en bestanden) en controleert het."

    def add_arguments(self, parser):
        parser.add_argument("archive")

    def handle(self, *args, archive, **options):
        try:
            manifest = restore(Path(archive))
        except DomainError as error:
            raise CommandError(error.message) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Teruggezet: database en {len(manifest['files'])} bestanden, checksums kloppen."
            )
        )
