"""What the owners' staff pages share: writing to a quota's registrants or waiting list."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.utils.translation import ngettext

from restart.registrations.forms import MessageForm
from restart.registrations.services import quota_message


def message_form(request, quota) -> tuple[MessageForm, bool]:
    """The message form of a date or group: (the form, whether it was sent). Each recipient gets
    the text in their language where one is written, else the Polish one."""
    form = MessageForm(request.POST or None)
    if request.method != "POST" or not form.is_valid():
        return form, False
    try:
        waiting = form.cleaned_data["to"] == "waiting_list"
        sent = quota_message(quota=quota, to_waiting_list=waiting, texts=form.texts(), by=request.user,
                             request=request)  # fmt: skip
    except ValidationError as refusal:
        form.add_error(None, refusal)
        return form, False
    messages.success(request, ngettext("The message goes to %(count)s person.", "The message goes to %(count)s people.",
                                       sent) % {"count": sent})  # fmt: skip
    return form, True
