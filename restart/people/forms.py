
from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from restart.core.forms import DateInput
from restart.core.i18n import country_choices
from restart.people.eligibility import STATELESS
from restart.people.models import (
    Consent,
    Organization,
    Person,
    ResidenceStatus,
    TargetGroup,
)
from restart.people.rules import person_check
from restart.people.validators import normalise_nip, normalise_phone

PERSON_RULE_FIELDS = ("full_name", "email", "phone", "citizenship", "second_citizenship", "birth_date", "sex",
                      "residence_status", "residence_valid_until")  # fmt: skip

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


def show_person_rules(form: forms.Form, candidate: Person) -> bool:
    """Run the service's rules (people/rules.py) on what the form holds, so that each message stands
    next to its field before the service would refuse it. True when every rule holds."""
    try:
        person_check(candidate)
    except ValidationError as error:
        for field, messages in error.message_dict.items():
            if field in form.fields and field not in form.errors:
                form.add_error(field, messages)
        return False
    return True


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

    # One name is asked for; the split as in documents is there for those who need it.
    group_after = "full_name"
    group_label = _("Given and family name as in documents (optional)")
    grouped_fields = ("given_name", "family_name")

    class Meta:
        model = Person
        fields = [
            "full_name", "given_name", "family_name", "email", "phone", "preferred_language",
            "languages_spoken", "citizenship", "second_citizenship", "birth_date", "sex",
            "residence_status", "residence_valid_until", "municipality", "region", "target_group",
            "organization", "refused", "notes",
        ]  # fmt: skip
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}

    def clean(self):
        cleaned = super().clean()
        candidate = Person(**{field: cleaned.get(field) for field in PERSON_RULE_FIELDS if field in cleaned})
        candidate.refused = cleaned.get("refused") or []
        if show_person_rules(self, candidate):
            cleaned["phone"] = candidate.phone
        return cleaned

    @property
    def group(self):
        return [self[name] for name in self.grouped_fields]

    @property
    def group_open(self) -> bool:
        return any(self[name].value() or self[name].errors for name in self.grouped_fields)

    def person_data(self) -> dict:
        data = {key: value for key, value in self.cleaned_data.items() if key != "confirm_new_person"}
        data["refused"] = sorted(data.get("refused") or [])
        return data


class EligibilityForm(forms.ModelForm):
    """What decides eligibility, completed by a consultant during a consultation."""

    citizenship = CountryField(label=_("Citizenship"))
    second_citizenship = CountryField(label=_("Second citizenship"))
    residence_valid_until = forms.DateField(label=_("Residence valid until"), required=False, widget=DateInput())

    class Meta:
        model = Person
        fields = ["citizenship", "second_citizenship", "residence_status", "residence_valid_until", "municipality",
                  "region"]  # fmt: skip

    def clean(self):
        cleaned = super().clean()
        known = {field: getattr(self.instance, field) for field in ("full_name", "refused", "birth_date", "sex")}
        show_person_rules(self, Person(**known, **{field: cleaned.get(field) for field in self.Meta.fields}))
        return cleaned


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


class ContactForm(forms.Form):
    """Who someone is and how to reach them, when they book or register without an account."""

    full_name = forms.CharField(label=_("Your name"), max_length=200,
                                widget=forms.TextInput(attrs={"autocomplete": "name"}))  # fmt: skip
    email = forms.EmailField(
        label=_("E-mail address"), required=False, help_text=_("We send the confirmation and a reminder here."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )  # fmt: skip
    phone = forms.CharField(
        label=_("Phone number"), required=False, max_length=30,
        help_text=_("With the country code, for example +380 67 123 4567."),
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )  # fmt: skip

    def clean_phone(self) -> str:
        return normalise_phone(self.cleaned_data.get("phone", ""))

    def clean(self):
        cleaned = super().clean()
        reachable = cleaned.get("email") or cleaned.get("phone") or "email" in self.errors or "phone" in self.errors
        if not reachable:
            self.add_error("email", _("Give an e-mail address or a phone number so that we can reach you."))
        return cleaned
