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
