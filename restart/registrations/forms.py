from django import forms
from django.utils.translation import gettext_lazy as _

from restart.registrations.models import Feedback


class FeedbackForm(forms.ModelForm):
    """Was it helpful for your integration? (the funder's R.2.9 counts "yes")"""

    class Meta:
        model = Feedback
        fields = ["helpful", "comment"]
        labels = {"helpful": _("Was this helpful for your integration?"), "comment": _("Anything you want to tell us")}
        widgets = {"helpful": forms.RadioSelect, "comment": forms.Textarea(attrs={"rows": 3})}
