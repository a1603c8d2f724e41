"""Refusals the portal makes itself, before any call to the storage service.

Each carries `human_message`, the sentence a reseller or customer is shown, like the e2 errors
do; none of them names the storage provider.
"""


class SubuserError(Exception):
    """Base of the sub-user refusals; `code` is stable, `human_message` is for people."""

    code = "subuser_error"
    human_message = "This team member change could not be made."

    def __init__(self, human_message: str | None = None):
        if human_message is not None:
            self.human_message = human_message
        super().__init__(self.human_message)


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


class InvitationNotUsable(SubuserError):
    """The invitation link cannot be used (unknown, expired, cancelled or used already)."""

    code = "invitation_not_usable"
    human_message = "This invitation link is not valid. Ask for a new invitation."


class InvitationExpired(InvitationNotUsable):
    code = "invitation_expired"
    human_message = "This invitation has expired. Ask for a new invitation."


class InvitationCancelled(InvitationNotUsable):
    code = "invitation_cancelled"
    human_message = "This invitation was withdrawn. Ask for a new invitation if you need one."


class InvitationAlreadyAccepted(InvitationNotUsable):
    code = "invitation_already_accepted"
    human_message = "This invitation has already been used. Sign in with the password you chose."
