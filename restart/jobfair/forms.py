from django import forms
from django.utils.translation import gettext_lazy as _

from restart.jobfair import isco
from restart.jobfair.models import JobOffer, PolishLevel


class OfferFilterForm(forms.Form):
    """What a job seeker narrows the offers by: a field of work, a town, their Polish, a contract."""

    field = forms.ChoiceField(label=_("Field of work"), required=False)
    city = forms.CharField(label=_("Town"), required=False, max_length=100)
    polish_level = forms.ChoiceField(label=_("My Polish"), required=False,
                                     choices=[("", _("Any")), *PolishLevel.choices])  # fmt: skip
    contract = forms.ChoiceField(label=_("Contract"), required=False,
                                 choices=[("", _("Any contract")), *JobOffer.Contract.choices])  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["field"].choices = [("", _("Any field"))] + [
            (code, isco.occupation_name(code)) for code in isco.major_groups()]
