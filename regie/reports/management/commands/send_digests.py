from django.core.management.base import BaseCommand
from django.utils import timezone

from regie.reports.digest import send_daily_digests, send_digests


class Command(BaseCommand):
    help = "Verstuurt de dagelijkse e-mail (standaard via de takenwachtrij; --now direct)."

    def add_arguments(self, parser):
        parser.add_argument("--now", action="store_true", help="direct versturen")

    def handle(self, *args, now: bool, **options):
        if now:
            sent = send_digests(timezone.localdate())
            self.stdout.write(f"{sent} e-mails verstuurd.")
        else:
            result = send_daily_digests.enqueue()
            self.stdout.write(f"Taak ingepland: {result.id}")
