from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _


class AuditFilterForm(forms.Form):
    person = forms.IntegerField(label=_("Person number"), required=False, min_value=1)
    actor = forms.ModelChoiceField(
        label=_("Staff member"), required=False, queryset=get_user_model().objects.order_by("full_name")
    )
    action = forms.CharField(label=_("Action"), required=False, max_length=64, help_text=_("For example: person."))
