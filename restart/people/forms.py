import datetime

from django import forms
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from restart.core.forms import DateInput
from restart.core.i18n import country_choices
from restart.people.eligibility import STATELESS
from restart.people.models import (
    SENSITIVE_FIELDS,
    Consent,
    Organization,
    Person,
    ResidenceStatus,
    TargetGroup,
)
from restart.people.validators import normalise_nip, normalise_phone

REFUSABLE = [
    ("birth_date", _("date of birth")),
    ("sex", _("sex")),
    ("citizenship", _("citizenship")),
    ("residence_status", _("residence status")),
]


def citizenship_choices():
    return [("", "—"), (STATELESS, _("stateless")), *country_choices()]


class CountryField(forms.ChoiceField):
    def __init__(self, **kwargs):
        super().__init__(choices=citizenship_choices, required=False, **kwargs)


class PersonForm(forms.ModelForm):
    citizenship = CountryField(label=_("Citizenship"))
    second_citizenship = CountryField(label=_("Second citizenship"))
    refused = forms.MultipleChoiceField(
        label=_("Refused to answer"),
        choices=REFUSABLE,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Tick what the person chose not to tell us; it is recorded as refused, not as missing."),
    )
    birth_date = forms.DateField(label=_("Date of birth"), required=False, widget=DateInput())
    residence_valid_until = forms.DateField(label=_("Residence valid until"), required=False, widget=DateInput())
    confirm_new_person = forms.BooleanField(
        label=_("I have checked: this is a different person"), required=False, widget=forms.HiddenInput
    )

    class Meta:
        model = Person
        fields = [
            "full_name", "given_name", "family_name", "email", "phone", "preferred_language",
            "languages_spoken", "citizenship", "second_citizenship", "birth_date", "sex",
            "residence_status", "residence_valid_until", "municipality", "region", "target_group",
            "organization", "refused", "notes",
        ]  # fmt: skip
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}

    def clean_phone(self) -> str:
        return normalise_phone(self.cleaned_data.get("phone", ""))

    def clean_birth_date(self):
        born = self.cleaned_data.get("birth_date")
        if born and born > timezone.localdate():
            raise forms.ValidationError(_("A date of birth cannot be in the future."))
        if born and born < datetime.date(1900, 1, 1):
            raise forms.ValidationError(_("Check the year: this date of birth is before 1900."))
        return born

    def clean(self):
        cleaned = super().clean()
        refused = cleaned.get("refused") or []
        blank = {"birth_date": None, "sex": "not_stated", "citizenship": "", "residence_status": "unknown"}
        for field in refused:
            if field in SENSITIVE_FIELDS and cleaned.get(field) not in (blank[field], "", None):
                self.add_error(field, _("This item is marked as refused: leave it empty or untick the refusal."))
        valid_until, born = cleaned.get("residence_valid_until"), cleaned.get("birth_date")
        if valid_until and born and valid_until < born:
            self.add_error("residence_valid_until", _("The residence cannot end before the date of birth."))
        citizenship, second = cleaned.get("citizenship"), cleaned.get("second_citizenship")
        if second and second == citizenship:
            self.add_error("second_citizenship", _("The second citizenship is the same as the first."))
        if not cleaned.get("full_name", "").strip() and "full_name" not in self.errors:
            self.add_error("full_name", _("Enter the person's name."))
        return cleaned

    def person_data(self) -> dict:
        data = {key: value for key, value in self.cleaned_data.items() if key != "confirm_new_person"}
        data["refused"] = sorted(data.get("refused") or [])
        return data


class PersonFilterForm(forms.Form):
    query = forms.CharField(label=_("Name, e-mail or phone"), required=False, max_length=200)
    citizenship = forms.ChoiceField(label=_("Citizenship"), required=False, choices=citizenship_choices)
    residence_status = forms.ChoiceField(
        label=_("Residence status"), required=False, choices=[("", "—"), *ResidenceStatus.choices]
    )
    target_group = forms.ChoiceField(label=_("Target group"), required=False, choices=[("", "—"), *TargetGroup.choices])
    eligibility = forms.ChoiceField(
        label=_("Eligibility"),
        required=False,
        choices=[("", "—"), ("eligible", _("eligible")), ("not_eligible", _("not eligible"))],
    )


class OrganizationForm(forms.ModelForm):
    # Wider than the stored ten digits: people type "899-268-95-16" or "PL 8992689516".
    nip = forms.CharField(label=_("NIP"), max_length=20, required=False)
    website = forms.URLField(
        label=capfirst(Organization._meta.get_field("website").verbose_name), required=False, assume_scheme="https"
    )

    class Meta:
        model = Organization
        fields = ["name", "kind", "nip", "city", "email", "phone", "website"]

    def clean_nip(self) -> str:
        return normalise_nip(self.cleaned_data.get("nip", ""))

    def clean_phone(self) -> str:
        return normalise_phone(self.cleaned_data.get("phone", ""))


class ConsentForm(forms.Form):
    purpose = forms.ChoiceField(label=_("Purpose"), choices=Consent.Purpose.choices)
    text_version = forms.CharField(
        label=_("Version of the consent text"), max_length=30, initial="2026-01",
        help_text=_("As printed at the bottom of the signed form."),
    )  # fmt: skip


class MergeForm(forms.Form):
    other = forms.IntegerField(
        label=_("Number of the duplicate record"), min_value=1,
        help_text=_("Shown as # on the person's page. That record's activities move here and it is removed."),
    )  # fmt: skip


class RestrictForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=300, widget=forms.Textarea(attrs={"rows": 2}))


class EraseForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("I understand that names, contacts and notes are removed for good."), required=True
    )


class ImportForm(forms.Form):
    file = forms.FileField(label=_("CSV or Excel file"), help_text=_("Columns as described in the import guide."))
    partial = forms.BooleanField(label=_("Import the valid rows even if some rows have errors"), required=False)
