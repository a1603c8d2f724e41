"""Refusals the portal makes itself, before any call to the storage service.

Each carries `human_message`, the sentence a reseller or customer is shown, like the e2 errors
do; none of them names the storage provider.
"""

from portal.errors import PortalRefusal


class SubuserError(PortalRefusal):
    """Base of the sub-user refusals; `code` is stable, `human_message` is for people."""

    code = "subuser_error"
    human_message = "This team member change could not be made."


class SubuserLimitReached(SubuserError):
    code = "subuser_limit_reached"

    def __init__(self, limit: int):
        self.limit = limit
        super().__init__(
            f"This account already has {limit} team members and invitations, the most it can "
            "have. Remove a team member or cancel an invitation first."
        )


class SubuserAlreadyExists(SubuserError):
    code = "subuser_already_exists"
    human_message = (
        "This person is already a team member or has a pending invitation. Resend the "
        "invitation instead."
    )


class SubuserNotDisabled(SubuserError):
    code = "subuser_not_disabled"
    human_message = "Disable this team member before you delete them."


class InvalidSubuserChange(SubuserError):
    code = "invalid_subuser_change"
    human_message = "Some of the team member settings are not valid."


class InvalidActivityRange(SubuserError):
    code = "invalid_activity_range"
    human_message = "Choose a start date on or before the end date, within the last 90 days."
