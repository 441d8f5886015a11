from django.core.management.base import BaseCommand, CommandError

from regie.api.tokens import api_token_issue
from regie.core.errors import DomainError


class Command(BaseCommand):
    help = "Toont het API-token van een gebruiker (maakt het aan als het er nog niet is)."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--renew", action="store_true", help="vervang het bestaande token")

    def handle(self, *args, username, renew=False, **options):
        try:
            key = api_token_issue(
                actor="opdrachtregel", username=username, renew=renew, origin="cli"
            )
        except DomainError as error:
            raise CommandError(error.message) from error
        self.stdout.write(key)
