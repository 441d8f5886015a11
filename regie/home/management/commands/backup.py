from pathlib import Path

from django.core.management.base import BaseCommand
from django.utils import timezone

from regie.home.backup import backup


class Command(BaseCommand):
    help = "Maakt één archief (.tar.gz) van de database en alle opgeslagen bestanden."

    def add_arguments(self, parser):
        parser.add_argument("archive", nargs="?", help="pad van het archief")

    def handle(self, *args, archive=None, **options):
        target = Path(archive or f"regie-backup-{timezone.now():%Y%m%d-%H%M%S}.tar.gz")
        manifest = backup(target)
        self.stdout.write(
            self.style.SUCCESS(f"Back-up gemaakt: {target} ({len(manifest['files'])} bestanden)")
        )
