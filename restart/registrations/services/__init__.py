"""The one seat engine: register, wait, be offered a freed seat, confirm, cancel, check in.

`seats` holds the places and the waiting list, `batches` registrations made together (a series),
`changes` what owners change under them (moves, new times, called-off dates, messages) and
`attendance` check-in, attendance and feedback. Everything is imported from here; the worker's
tasks keep the addresses they were queued under.
"""

from django.utils.translation import gettext_lazy

from restart.registrations.services.attendance import (
    FEEDBACK_AFTER,
    CheckIn,
    feedback_give,
    feedback_request,
    normalise_ticket,
    registration_check_in,
    registration_check_in_undo,
    registration_mark,
)
from restart.registrations.services.batches import batch_siblings, registration_cancel_batch, registration_register_many
from restart.registrations.services.changes import (
    quota_message,
    quotas_call_off,
    quotas_rescheduled,
    registration_move,
)
from restart.registrations.services.seats import (
    CANCELLABLE,
    LEDGER_STATUS,
    PRIVACY_NOTICE_VERSION,
    REMINDER_BEFORE,
    offer_expire,
    quota_counts,
    quota_set_capacity,
    registration_cancel,
    registration_confirm_offer,
    registration_create,
    registration_lapse,
    registration_ledger,
    registration_register,
    registration_remind,
    seats_taken,
)

__all__ = [
    "AUDIT_ACTIONS",
    "CANCELLABLE",
    "FEEDBACK_AFTER",
    "LEDGER_STATUS",
    "PRIVACY_NOTICE_VERSION",
    "REMINDER_BEFORE",
    "CheckIn",
    "batch_siblings",
    "feedback_give",
    "feedback_request",
    "normalise_ticket",
    "offer_expire",
    "quota_counts",
    "quota_message",
    "quota_set_capacity",
    "quotas_call_off",
    "quotas_rescheduled",
    "registration_cancel",
    "registration_cancel_batch",
    "registration_check_in",
    "registration_check_in_undo",
    "registration_confirm_offer",
    "registration_create",
    "registration_lapse",
    "registration_ledger",
    "registration_mark",
    "registration_move",
    "registration_register",
    "registration_register_many",
    "registration_remind",
    "seats_taken",
]

# What each action code these services write means in the audit trail (registered in apps.py).
AUDIT_ACTIONS = {
    "registration.create": gettext_lazy("registration %(object)s"),
    "registration.offer": gettext_lazy("offering a freed seat to %(object)s"),
    "registration.confirm": gettext_lazy("confirmation of the offered seat %(object)s"),
    "registration.cancel": gettext_lazy("cancellation of the registration %(object)s"),
    "registration.lapse": gettext_lazy("lapse of the unanswered offer %(object)s"),
    "registration.mark": gettext_lazy("attendance of %(object)s recorded"),
    "registration.check_in": gettext_lazy("check-in of %(object)s"),
    "registration.feedback": gettext_lazy("feedback on %(object)s"),
    "registration.check_in_undo": gettext_lazy("check-in of %(object)s taken back"),
    "registration.move": gettext_lazy("moving %(object)s to another date"),
    "registration.call_off": gettext_lazy("cancellation of %(object)s because the date was called off"),
    "registration.transfer": gettext_lazy("moving the registration %(object)s to the surviving record of a merge"),
    "quota.message": gettext_lazy("message to the registrants of %(object)s"),
    "quota.capacity": gettext_lazy("change of the number of seats of %(object)s"),
}
