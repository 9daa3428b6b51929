from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from restart.registrations.models import Feedback


class FeedbackForm(forms.ModelForm):
    """Was it helpful for your integration? (the funder's R.2.9 counts "yes")"""

    class Meta:
        model = Feedback
        fields = ["helpful", "comment"]
        labels = {"helpful": _("Was this helpful for your integration?"), "comment": _("Anything you want to tell us")}
        widgets = {"helpful": forms.RadioSelect, "comment": forms.Textarea(attrs={"rows": 3})}


class MessageForm(forms.Form):
    """A message to the registrants of a date, written in each language they may read (Polish at least)."""

    to = forms.ChoiceField(label=_("Send to"), widget=forms.RadioSelect, initial="registrants", choices=[
        ("registrants", _("everyone with a seat")), ("waiting_list", _("the waiting list"))])  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for code, name in settings.LANGUAGES:
            required = code == "pl"
            self.fields[f"subject_{code}"] = forms.CharField(
                label=_("Subject (%(language)s)") % {"language": name}, max_length=150, required=required)
            self.fields[f"body_{code}"] = forms.CharField(
                label=_("Message (%(language)s)") % {"language": name}, max_length=2000, required=required,
                widget=forms.Textarea(attrs={"rows": 4}))  # fmt: skip

    def texts(self) -> dict[str, tuple[str, str]]:
        data = self.cleaned_data
        return {code: (data[f"subject_{code}"], data[f"body_{code}"]) for code, _name in settings.LANGUAGES
                if data.get(f"subject_{code}") and data.get(f"body_{code}")}  # fmt: skip
