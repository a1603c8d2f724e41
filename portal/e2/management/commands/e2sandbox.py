"""`python manage.py e2sandbox`: run the e2 Reseller API sandbox (no database involved)."""

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Run the stateful e2 Reseller API sandbox on HOST:PORT. With --state its state is kept "
        "in a JSON file across restarts; --seed demo fills an empty state with demo data."
    )
    requires_system_checks = []
    requires_migrations_checks = False

    def add_arguments(self, parser):
        from portal.e2.sandbox.server import build_argument_parser

        build_argument_parser(parser)

    def handle(self, *args, **options):
        from portal.e2.sandbox.server import serve

        serve(
            options["bind"],
            options["token"],
            state_path=options["state"],
            seed=options["seed"],
            stdout=self.stdout,
        )
