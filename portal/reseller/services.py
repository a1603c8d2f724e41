"""The owner's settings: the e2 API key, the regions customers may enable, security and
defaults. Every change is audited; the API key never appears in a record or a log."""

from dataclasses import dataclass

from portal.audit.services import Actor, audited
from portal.e2.client import open_client
from portal.e2.credentials import forget_saved_token
from portal.e2.errors import E2Error
from portal.e2.models import ApiCredential
from portal.e2.types import Secret
from portal.encryption import UnreadableSecret
from portal.reseller.models import ResellerSettings
from portal.storage.models import Region
from portal.storage.services import sync_regions

UNREADABLE_TOKEN_MESSAGE = (
    "The saved API key cannot be read with the configured encryption keys. Enter it again."
)


@dataclass(frozen=True)
class ConnectionCheck:
    """What "Test connection" found: whether the API answered, in a sentence for the owner."""

    ok: bool
    message: str


def saved_api_credential() -> ApiCredential | None:
    """The saved credential's date and author; the token itself is not even loaded."""
    return ApiCredential.objects.defer("token").select_related("updated_by").first()


def save_api_token(actor: Actor, token: str) -> None:
    """Store the reseller's e2 API key, encrypted, replacing the one saved before."""
    credential = saved_api_credential()
    with audited(
        "settings.api_token",
        actor=actor,
        target="e2 API key",
        details={"replaced": credential is not None},
    ):
        credential = credential or ApiCredential()
        credential.token = Secret(token)
        credential.updated_by = actor.user
        credential.save()


def check_connection() -> ConnectionCheck:
    """Ask the API for its regions with the key in use, once, and say how it went."""
    # The key may have been saved a moment ago by another web process.
    forget_saved_token()
    try:
        with open_client(max_attempts=1) as client:
            regions = client.list_regions()
    except E2Error as error:
        return ConnectionCheck(ok=False, message=error.human_message)
    except UnreadableSecret:
        return ConnectionCheck(ok=False, message=UNREADABLE_TOKEN_MESSAGE)
    return ConnectionCheck(
        ok=True, message=f"Connected. The storage service offers {len(regions)} regions."
    )


def sync_region_catalogue(actor: Actor) -> list[Region]:
    """Refresh the region list from e2; the owner's choices per region are kept."""
    with audited("settings.regions_sync", actor=actor, target="regions"):
        return sync_regions()


def set_region_access(actor: Actor, region: Region, *, customers_may_enable: bool) -> None:
    """Let customers enable ``region`` themselves, or stop them. Customers who already
    enabled it keep using it, as e2 does."""
    with audited(
        "settings.region_access",
        actor=actor,
        target=region.key,
        details={"customers_may_enable": customers_may_enable},
    ):
        region.customers_may_enable = customers_may_enable
        region.save(update_fields=["customers_may_enable"])


def set_two_factor_requirement(actor: Actor, *, required: bool) -> None:
    """Make two-factor mandatory for all staff, or optional again."""
    _update_settings(actor, "settings.security", require_two_factor=required)


def set_default_quota(actor: Actor, *, quota_gb: int) -> None:
    """The quota the create-customer and invite forms start with."""
    _update_settings(actor, "settings.defaults", default_quota_gb=quota_gb)


def _update_settings(actor: Actor, action: str, **changes) -> None:
    current = ResellerSettings.load()
    before = {name: getattr(current, name) for name in changes}
    with audited(
        action, actor=actor, target="reseller settings", details={**changes, "before": before}
    ):
        for name, value in changes.items():
            setattr(current, name, value)
        current.updated_by = actor.user
        current.save()
