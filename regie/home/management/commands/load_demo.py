from django.core.management.base import BaseCommand

from regie.home.demo import load_demo


class Command(BaseCommand):
    help = "Laadt de demogegevens (idempotent: bestaande demogegevens worden vervangen)."

    def handle(self, *args, **options):
        summary = load_demo()
        self.stdout.write(self.style.SUCCESS(f"Demogegevens geladen: {summary}"))
