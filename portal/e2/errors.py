"""Exceptions raised by the e2 client, and the sentences a reseller or customer is shown.

Classification follows the API's error model: HTTP status first, then `error.code`, never the
message (its wording has typos and is shared between unrelated cases).

The sentences in HUMAN_MESSAGES are shown in a white-label portal: they must never name the
storage provider.
"""

from portal.errors import PortalError

HUMAN_MESSAGES = {
    # 403 preconditions, one per documented code.
    "user_signed_up": "An account with this email address already exists under your reseller "
    "account.",
    "email_already_in_use": "This email address already belongs to another account. "
    "Use a different email address.",
    "account_non_existant": "We could not find an account with this email address.",
    "user_account_already_disabled": "This account is already disabled.",
    "user_account_already_enabled": "This account is already enabled.",
    "user_account_not_disabled": "Disable the account before you delete it.",
    "region_already_enabled": "This region is already enabled for the account.",
    "region_not_active": "This region is not available at the moment. Choose another region.",
    "user_disabled": "This account is disabled. Enable it first, then try again.",
    "payment_failed": "Your reseller subscription has expired. Update the payment details, "
    "then try again.",
    "storage_non_existant": "This region is not enabled for the account.",
    "storage_not_empty": "This region still holds data. Disable the account first if you "
    "really mean to delete its data.",
    "invalid_cors_policy": "These allowed origins were not accepted. Give up to 10 domain "
    "names separated by commas, or * for all.",
    "access_key_non_existant": "This access key does not exist. It may have been deleted already.",
    "user_not_signed_up": "This team member has not accepted the invitation yet.",
    "user_already_signedup": "This team member has already accepted the invitation.",
    "maximum_limit_reached": "You have reached the maximum number of team members for this "
    "account.",
    "sso_not_configured": "Single sign-on is not set up for this account yet.",
    "request_processing_failed": "The custom domain could not be set up. Check that the domain "
    "name is yours, is not already in use, and that the certificate and private key match it.",
    "request_refused": "The storage service refused this request.",
    # Everything else the client can raise.
    "unauthorized": "The storage service rejected the reseller API key. Check the API key in "
    "the portal settings.",
    "invalid_parameters": "Some of the details were not accepted. Check them and try again.",
    "timeout": "The storage service took too long to answer. The change may or may not have "
    "been made; check before trying again.",
    "slow_read": "The storage service is slow to answer; nothing was changed. Try again in a "
    "moment.",
    "connection_error": "The storage service could not be reached. Please try again in a few "
    "minutes.",
    "connection_lost": "The connection to the storage service was lost. The change may or may "
    "not have been made; check before trying again.",
    "server_error": "The storage service had a temporary problem. Please try again in a few "
    "minutes.",
    "malformed_response": "The storage service gave an answer we could not read. Please try "
    "again later.",
}


class E2Error(PortalError):
    """Base of every error the client raises; a PortalError, so views show `human_message`.

    `outcome_unknown` is True when the request may have been applied although it failed
    (the caller must check before repeating it). `is_transient` is True when trying again
    later may succeed.
    """

    human_key = "request_refused"
    is_transient = False
    default_outcome_unknown = False

    def __init__(
        self,
        message="",
        *,
        code=None,
        type=None,
        errors=None,
        status=None,
        operation=None,
        attempts=1,
        outcome_unknown=None,
    ):
        super().__init__(message)
        self.message = message
        self.code = code
        self.type = type
        self.errors = list(errors or [])
        self.status = status
        self.operation = operation
        self.attempts = attempts
        self.outcome_unknown = (
            self.default_outcome_unknown if outcome_unknown is None else outcome_unknown
        )

    @property
    def human_message(self):
        """A sentence for the reseller or customer, free of the provider's name."""
        return HUMAN_MESSAGES[self.human_key]

    def __str__(self):
        parts = [self.operation or "e2", str(self.status or "-"), self.code or "-", self.message]
        return ": ".join(part for part in parts if part)


class E2InvalidParameters(E2Error):
    """HTTP 400: the API rejected the input; `errors` lists the offending fields."""

    human_key = "invalid_parameters"


class E2Unauthorized(E2Error):
    """HTTP 401: the API token is missing or wrong. Never retried."""

    human_key = "unauthorized"


class E2RequestRefused(E2Error):
    """HTTP 403: a documented precondition failed (the API's "invalid request")."""

    @property
    def human_message(self):
        return HUMAN_MESSAGES.get(self.code or "", HUMAN_MESSAGES["request_refused"])


class UserSignedUp(E2RequestRefused):
    """create_user: the user already exists and is linked to this reseller."""


class EmailAlreadyInUse(E2RequestRefused):
    """create_user: the email belongs to an independent account."""


class AccountNonExistant(E2RequestRefused):
    """No account (user or sub-user) with this email."""


class UserAccountAlreadyDisabled(E2RequestRefused):
    """disable_user / disable_subuser: already disabled."""


class UserAccountAlreadyEnabled(E2RequestRefused):
    """enable_user / enable_subuser: already enabled."""


class UserAccountNotDisabled(E2RequestRefused):
    """remove_user / remove_subuser: the account must be disabled first."""


class RegionAlreadyEnabled(E2RequestRefused):
    """enable_user_region: the region is already enabled for the user."""


class RegionNotActive(E2RequestRefused):
    """enable_user_region: the region is not active (the docs' "only active regions")."""


class UserDisabled(E2RequestRefused):
    """The user is disabled, so storage operations are refused."""


class PaymentFailed(E2RequestRefused):
    """The reseller's own payment failed; nothing can be enabled until it is updated."""


class StorageNonExistant(E2RequestRefused):
    """The storage_dn is not assigned to the user."""


class StorageNotEmpty(E2RequestRefused):
    """remove_user_region: the storage holds buckets and the user is enabled."""


class InvalidCorsPolicy(E2RequestRefused):
    """set_cors: the policy is invalid or names more than 10 domains."""


class AccessKeyNonExistant(E2RequestRefused):
    """remove_access_key: no such key."""


class UserNotSignedUp(E2RequestRefused):
    """Sub-user operations: the sub-user has not signed up yet."""


class UserAlreadySignedup(E2RequestRefused):
    """Sub-user operations: the sub-user has already signed up."""


class MaximumLimitReached(E2RequestRefused):
    """Sub-user invite/create: the account's sub-user limit is reached."""


class SsoNotConfigured(E2RequestRefused):
    """Sub-user operations: sso_login was requested but SSO is not configured."""


class RequestProcessingFailed(E2RequestRefused):
    """CNAME operations refused with 403; `message` says why (kept as the API sent it)."""


class UnknownRefusal(E2RequestRefused):
    """A 403 whose code the client does not know."""


# error.code of a 403 -> exception class.
REFUSAL_CLASSES = {
    "user_signed_up": UserSignedUp,
    "email_already_in_use": EmailAlreadyInUse,
    "account_non_existant": AccountNonExistant,
    "user_account_already_disabled": UserAccountAlreadyDisabled,
    "user_account_already_enabled": UserAccountAlreadyEnabled,
    "user_account_not_disabled": UserAccountNotDisabled,
    "region_already_enabled": RegionAlreadyEnabled,
    "region_not_active": RegionNotActive,
    "user_disabled": UserDisabled,
    "payment_failed": PaymentFailed,
    "storage_non_existant": StorageNonExistant,
    "storage_not_empty": StorageNotEmpty,
    "invalid_cors_policy": InvalidCorsPolicy,
    "access_key_non_existant": AccessKeyNonExistant,
    "user_not_signed_up": UserNotSignedUp,
    "user_already_signedup": UserAlreadySignedup,
    "maximum_limit_reached": MaximumLimitReached,
    "sso_not_configured": SsoNotConfigured,
    "request_processing_failed": RequestProcessingFailed,
}


class E2ServerError(E2Error):
    """HTTP 5xx: a server fault. Transient; a write may or may not have been applied."""

    human_key = "server_error"
    is_transient = True
    default_outcome_unknown = True


class E2Timeout(E2Error):
    """No complete answer within the read timeout or the call's deadline.

    The request was sent, so the operation may or may not have happened.
    """

    human_key = "timeout"
    is_transient = True
    default_outcome_unknown = True

    @property
    def human_message(self):
        # A read that ran out of time changed nothing: say so, rather than "may have been made".
        return HUMAN_MESSAGES["timeout" if self.outcome_unknown else "slow_read"]


class E2ConnectionError(E2Error):
    """The connection could not be made (refused, DNS, connect timeout): nothing was sent."""

    human_key = "connection_error"
    is_transient = True


class E2ConnectionLost(E2Error):
    """The connection broke after the request was sent (reset, cut answer): the outcome is
    unknown. Not an E2ConnectionError, whose promise is that nothing was sent."""

    human_key = "connection_lost"
    is_transient = True
    default_outcome_unknown = True


class E2MalformedResponse(E2Error):
    """An answer the client cannot use: not JSON, the wrong shape, too large, or a status
    the API does not document."""

    human_key = "malformed_response"


def error_from_response(status, body, *, operation=None):
    """The exception for an HTTP error answer; `body` is the decoded JSON or None."""
    error = body.get("error") if isinstance(body, dict) else None
    if not isinstance(error, dict):
        error = {}
    details = {
        "code": error.get("code") if isinstance(error.get("code"), str) else None,
        "type": error.get("type") if isinstance(error.get("type"), str) else None,
        "errors": error.get("errors") if isinstance(error.get("errors"), list) else None,
        "status": status,
        "operation": operation,
    }
    message = error.get("message") if isinstance(error.get("message"), str) else ""
    if status == 400:
        return E2InvalidParameters(message, **details)
    if status == 401:
        return E2Unauthorized(message, **details)
    if status == 403:
        error_class = REFUSAL_CLASSES.get(details["code"], UnknownRefusal)
        return error_class(message, **details)
    if status >= 500:
        return E2ServerError(message, **details)
    return E2MalformedResponse(message or f"unexpected HTTP status {status}", **details)
