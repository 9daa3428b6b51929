from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from restart.core.audit import AUDIT_ACTIONS, audit_action_sentence


def _action_choices():
    labels = [(code, audit_action_sentence(code, "…")) for code in AUDIT_ACTIONS]
    return sorted(labels, key=lambda choice: choice[1].lower())


class AuditFilterForm(forms.Form):
    person = forms.IntegerField(label=_("Person number"), required=False, min_value=1)
    actor = forms.ModelChoiceField(
        label=_("Staff member"), required=False, queryset=get_user_model().objects.order_by("full_name")
    )
    actions = forms.MultipleChoiceField(
        label=_("Actions"), required=False, widget=forms.CheckboxSelectMultiple, choices=_action_choices,
        help_text=_("None ticked: all actions."),
    )  # fmt: skip


# Browsers accept only ISO values in these inputs and silently drop anything else (a Polish
# "15.12.2026" comes back empty, and saving again clears the field). Django would render the
# active language's format, so every date and time input in the project uses these widgets.
class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%H:%M")


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%dT%H:%M")
