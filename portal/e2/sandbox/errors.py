"""The error bodies the vendor API answers, with the codes and messages of its documentation.

Messages keep the vendor's spelling ("Storage does not exists", "CNAME already configure"):
clients match on the code, and the sandbox should not teach them to match on a tidier text.
"""

INVALID_REQUEST = "invalid_request_error"
API_ERROR = "api_error"

# code -> documented message, for the 403 preconditions.
FORBIDDEN_MESSAGES = {
    "user_signed_up": "User already signed up",
    "email_already_in_use": "Email already in use",
    "account_non_existant": "Account with this email does not exist",
    "user_account_already_disabled": "Account already disabled for the user",
    "user_account_already_enabled": "Account already enabled for the user",
    "user_account_not_disabled": "User account not disabled",
    "region_already_enabled": "Storage region already enabled for user",
    "region_not_active": "Only active regions can be enabled for the user",
    "user_disabled": "User Disabled",
    "payment_failed": "Account expired please update payment info",
    "storage_non_existant": "Storage does not exists",
    "storage_not_empty": (
        "Storage not empty. To avoid user data loss, this request will not be processed. "
        "To remove this storage, please disable the user first and try again"
    ),
    "invalid_cors_policy": "The cors policy is invalid",
    "access_key_non_existant": "Access key does not exist, please provide a valid access key",
    "user_not_signed_up": "Subuser is not signed up",
    "user_already_signedup": "User signed up",
    "maximum_limit_reached": "You can invite up to 25 users",
    "sso_not_configured": "SSO is not configured",
    "request_processing_failed": "Unable to process this request, please try again later",
}

# The CNAME endpoints answer 403 request_processing_failed with one of these messages.
CNAME_CANNOT_BE_USED = "this CNAME cannot be used, please try changing your CNAME"
CNAME_STORAGE_UNKNOWN = "Unable to retrieve storage info for given storage_dn"
CNAME_ALREADY_CONFIGURED_ON_ADD = "CNAME already configure"
CNAME_ALREADY_CONFIGURED_ON_UPDATE = "CNAME already configured"
CNAME_CERTIFICATE_REJECTED = "Could not verify CNAME or certificates. Please try again"
CNAME_NOT_FOUND = "cannot get cname details"

SERVER_ERROR_MESSAGE = "Unable to process this request, please try again later"
UNAUTHORIZED_MESSAGE = "Authentication header missing/invalid"
INVALID_PARAMETERS_MESSAGE = "Invalid parameter values, check errors for details"


class ApiError(Exception):
    """An error answer: HTTP status plus the vendor's `{"error": {...}}` body."""

    def __init__(self, status, error_type, code, message, errors=None):
        super().__init__(f"{status} {code}: {message}")
        self.status = status
        self.error_type = error_type
        self.code = code
        self.message = message
        self.errors = errors

    def body(self):
        """The JSON body of this error."""
        error = {"type": self.error_type, "code": self.code, "message": self.message}
        if self.errors is not None:
            error["errors"] = self.errors
        return {"error": error}


def forbidden(code, message=None):
    """A documented 403 precondition failure."""
    return ApiError(403, INVALID_REQUEST, code, message or FORBIDDEN_MESSAGES[code])


def cname_refused(message):
    """A 403 of the CNAME endpoints, which all share the code request_processing_failed."""
    return ApiError(403, INVALID_REQUEST, "request_processing_failed", message)


def invalid_parameters(errors):
    """A 400 naming each offending field: `errors` is a list of {field, message}."""
    return ApiError(400, INVALID_REQUEST, "invalid_parameters", INVALID_PARAMETERS_MESSAGE, errors)


def unauthorized():
    """The 401 answered when the token header is missing or wrong."""
    return ApiError(401, INVALID_REQUEST, "unauthorized", UNAUTHORIZED_MESSAGE)


def server_error(message=SERVER_ERROR_MESSAGE):
    """The documented 500 body."""
    return ApiError(500, API_ERROR, "request_processing_failed", message)


def not_found(message="No such API path"):
    """404 for a path the API does not have."""
    return ApiError(404, INVALID_REQUEST, "not_found", message)


def method_not_allowed(method, allowed):
    """405 for a known path called with the wrong HTTP method."""
    return ApiError(
        405,
        INVALID_REQUEST,
        "method_not_allowed",
        f"Method {method} is not allowed here; use {allowed}",
    )


def error_for_status(status, code=None, message=None):
    """The body a fault answers with a given status, as the real API would shape it."""
    if status == 401:
        return unauthorized()
    if status == 400:
        return invalid_parameters([])
    if status >= 500:
        return ApiError(
            status, API_ERROR, code or "request_processing_failed", message or SERVER_ERROR_MESSAGE
        )
    code = code or "request_processing_failed"
    default_message = FORBIDDEN_MESSAGES.get(code, SERVER_ERROR_MESSAGE)
    return ApiError(status, INVALID_REQUEST, code, message or default_message)
