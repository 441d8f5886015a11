from django.core.management.base import BaseCommand
from django.utils import timezone

from regie.reports.digest import send_daily_digests, send_digests


class Command(BaseCommand):
    help = (
        "Verstuurt de dagelijkse e-mail met acties, beoordelingen, aflopende contracten, "
        "voortgang om in te vullen en risico's om te herbeoordelen. Standaard als taak in de "
        "wachtrij (uitgevoerd door `regie db_worker`); met --now direct."
    )

    def add_arguments(self, parser):
        parser.add_argument("--now", action="store_true", help="direct versturen, zonder wachtrij")

    def handle(self, *args, now: bool, **options):
        if now:
            sent = send_digests(timezone.localdate())
            self.stdout.write(f"{sent} e-mail(s) verstuurd.")
            return
        result = send_daily_digests.enqueue()
        self.stdout.write(f"Taak in de wachtrij gezet: {result.id}")
