"""Staff API tokens for operators and scripts: the same services as the manager's pages.

    manage.py api_token create EMAIL [--name NAME]   prints the new token once (alone on stdout)
    manage.py api_token list EMAIL                   prefixes, names, created, last used, revoked
    manage.py api_token revoke PREFIX
"""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from restart.staff.models import ApiToken, User
from restart.staff.services import api_token_create, api_token_revoke


def _account(email: str) -> User:
    user = User.objects.filter(email__iexact=email.strip()).first()
    if user is None:
        raise CommandError(f"No staff account has the e-mail address {email}.")
    return user


class Command(BaseCommand):
    help = "Create, list or revoke staff API tokens."

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True)
        create = actions.add_parser("create", help="Issue a token for a staff account and print it once.")
        create.add_argument("email")
        create.add_argument("--name", default="command line", help="What the token is for.")
        listing = actions.add_parser("list", help="The tokens of a staff account (never their secrets).")
        listing.add_argument("email")
        revoke = actions.add_parser("revoke", help="Stop a token at once.")
        revoke.add_argument("prefix")

    def handle(self, *args, action, **options):
        getattr(self, f"_{action}")(**options)

    def _create(self, *, email, name, **options):
        try:
            token, raw = api_token_create(user=_account(email), name=name[:100], by=None)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        self.stderr.write(f"Token {token.prefix} for {token.user.email}; it is shown only this once:")
        self.stdout.write(raw)

    def _list(self, *, email, **options):
        for token in _account(email).api_tokens.all():
            used = f"{token.last_used_at:%Y-%m-%d %H:%M}" if token.last_used_at else "never used"
            revoked = f"revoked {token.revoked_at:%Y-%m-%d %H:%M}" if token.revoked_at else "active"
            self.stdout.write(f"{token.prefix}  {token.created_at:%Y-%m-%d}  {used}  {revoked}  {token.name}")

    def _revoke(self, *, prefix, **options):
        token = ApiToken.objects.select_related("user").filter(prefix=prefix.strip()).first()
        if token is None:
            raise CommandError(f"No API token has the prefix {prefix}.")
        api_token_revoke(token=token, by=None)
        self.stdout.write(f"Token {token.prefix} of {token.user.email} is revoked.")
