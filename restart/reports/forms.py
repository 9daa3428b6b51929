from django import forms
from django.utils.translation import gettext_lazy as _

from restart.core.forms import DateInput
from restart.reports.definitions import definitions


class ReportFilterForm(forms.Form):
    """Which period the dashboard shows."""

    start = forms.DateField(label=_("From"), widget=DateInput())
    end = forms.DateField(label=_("To"), widget=DateInput())

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            self.add_error("end", _("The period ends before it starts."))
        return data


class PeriodForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=100, help_text=_("E.g. “2026” or “the whole project”."))
    starts_on = forms.DateField(label=_("From"), widget=DateInput())
    ends_on = forms.DateField(label=_("To"), widget=DateInput())
    whole_project = forms.BooleanField(label=_("This is the whole project"), required=False)


class TargetsForm(forms.Form):
    """One field per indicator of the definitions file; empty means no target."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for indicator in definitions().indicators:
            self.fields[indicator.code] = forms.IntegerField(
                label=f"{indicator.code} · {indicator.label()}", min_value=0, max_value=10_000_000, required=False)
