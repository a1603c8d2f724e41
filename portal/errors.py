"""The one base of every error a person may be shown.

Services raise subclasses of ``PortalError``; views catch this one type and show
``human_message``, a sentence that never names the storage provider. ``outcome_unknown``
says that the change may have been made although the call failed (a timeout, a lost
connection), so the page tells the person to check before trying again.
"""


class PortalError(Exception):
    """A refusal or failure with a sentence for people."""

    human_message = "Something went wrong. Please try again."
    outcome_unknown = False
    # A stable name of the error for audit records and logs; e2's own code for e2 errors.
    code: str | None = ""

    def __init__(self, *args, human_message: str | None = None):
        if human_message is not None:
            self.human_message = human_message
        super().__init__(*(args or (self.human_message,)))


class PortalRefusal(PortalError):
    """A refusal raised with its own sentence: ``str(error)`` and ``human_message`` are the
    same words, and a refusal raised without one says the class's ``human_message``."""

    def __init__(self, human_message: str | None = None):
        super().__init__(human_message=human_message)
