import time

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from regie.core.models import Body
from regie.home.seeding import SCALES, Seeder


class Command(BaseCommand):
    help = "Vult een lege database met realistische testgegevens voor metingen."

    def add_arguments(self, parser):
        parser.add_argument("--scale", choices=sorted(SCALES), default="small")
        parser.add_argument("--seed", type=int, default=1)

    def handle(self, *args, scale: str, seed: int, **options):
        if Body.objects.exists():
            raise CommandError(
                "De database bevat al gremia; seed werkt alleen op een lege database."
            )
        started = time.monotonic()
        counts = Seeder(SCALES[scale], seed, timezone.localdate(), self.stdout.write).run()
        elapsed = time.monotonic() - started
        summary = ", ".join(f"{name}={count}" for name, count in counts.items())
        self.stdout.write(self.style.SUCCESS(f"Klaar in {elapsed:.1f} s: {summary}"))
