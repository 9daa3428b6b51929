"""Every write of the information point: `booking` (the public side and referral offers) and
`records` (the staff side: availability, consultation records, walk-ins, referrals, topics)."""

from django.utils.translation import gettext_lazy

# What each action code these services write means in the audit trail (registered in apps.py).
AUDIT_ACTIONS = {
    "consultation.transfer": gettext_lazy("moved the consultation %(object)s to the surviving record of a merge"),
    "referral.transfer": gettext_lazy("moved the referral %(object)s to the surviving record of a merge"),
    "consultation.offer": gettext_lazy("offered the referred person the consultation %(object)s"),
    "infopoint.contact_details": gettext_lazy("changed the information point's contact details"),
    "consultation.book": gettext_lazy("booked the consultation %(object)s"),
    "consultation.move": gettext_lazy("moved the consultation %(object)s"),
    "consultation.cancel": gettext_lazy("cancelled the consultation %(object)s"),
    "consultation.record": gettext_lazy("recorded the consultation %(object)s"),
    "consultation.walk_in": gettext_lazy("recorded the walk-in consultation %(object)s"),
    "slots.delete": gettext_lazy("removed a free time of %(object)s"),
    "slots.publish": gettext_lazy("published consultation slots of %(object)s"),
    "referral.create": gettext_lazy("made the referral %(object)s"),
    "referral.update": gettext_lazy("updated the referral %(object)s"),
}
