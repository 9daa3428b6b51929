from django import forms
from django.conf import settings
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from restart.core.forms import DateInput, DateTimeInput
from restart.core.i18n import language_name
from restart.events.models import Event
from restart.people.forms import ContactForm
from restart.people.models import TargetGroup

HOST_SOCIETY_GROUPS = [
    (code, label) for code, label in TargetGroup.choices if code != TargetGroup.THIRD_COUNTRY_NATIONAL
]
EVENT_LANGUAGES = ["pl", "uk", "ru", "en", "fr", "de", "es"]


class OccasionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, occurrence) -> str:
        when = formats.date_format(timezone.localtime(occurrence.starts_at), "DATETIME_FORMAT")
        if getattr(occurrence, "free", 1) <= 0:
            return _("%(date)s (full: you join the waiting list)") % {"date": when}
        return when


class RegistrationForm(ContactForm):
    """Who registers for which occasion, and their consent; no account needed."""

    occurrence = OccasionChoiceField(label=_("Date"), queryset=None, widget=forms.RadioSelect, empty_label=None,
                                     error_messages={"required": _("Choose the date you want to come.")})  # fmt: skip
    target_group = forms.ChoiceField(label=_("You come as"), choices=HOST_SOCIETY_GROUPS, required=False)
    consent = forms.BooleanField(
        label=_("I have read the privacy notice and agree that my data is used to arrange my participation."),
        error_messages={
            "required": _("Tick the box to agree to the privacy notice; without it we cannot register you.")
        },
    )  # fmt: skip

    field_order = ["occurrence", "full_name", "email", "phone", "target_group", "consent"]

    def __init__(self, *args, occurrences, host_society: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["occurrence"].queryset = occurrences
        self.fields["email"].help_text = _("We send the confirmation and your ticket here.")
        if host_society:
            self.fields["target_group"].required = True
        else:
            del self.fields["target_group"]


class EventFilterForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=[("", _("Any kind")), *Event.Kind.choices])
    audience = forms.ChoiceField(label=_("For"), required=False, choices=[("", _("Anyone")), *Event.Audience.choices])
    language = forms.ChoiceField(label=_("Language"), required=False)
    from_day = forms.DateField(label=_("From"), required=False, widget=DateInput())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = [("", _("Any language"))] + [(c, language_name(c)) for c in EVENT_LANGUAGES]


class EventForm(forms.Form):
    """A new event (the coordinator): titles in every language, where, how many, once or weekly."""

    slug = forms.SlugField(label=_("Address"), help_text=_("Letters, digits and hyphens, e.g. english-club."))
    kind = forms.ChoiceField(label=_("Kind"), choices=Event.Kind.choices)
    audience = forms.ChoiceField(label=_("For"), choices=Event.Audience.choices)
    language = forms.ChoiceField(label=_("Language of the event"))
    place = forms.CharField(label=_("Place"), max_length=200, required=False,
                            help_text=_("Leave empty for an online event."))  # fmt: skip
    online_url = forms.URLField(label=_("Online link"), required=False, assume_scheme="https",
                                help_text=_("Shown only to confirmed registrants and in their mails."))  # fmt: skip
    capacity = forms.IntegerField(label=_("Seats per occasion"), min_value=1, max_value=5000, initial=20)
    civic_orientation = forms.BooleanField(label=_("Civic orientation"), required=False)
    first_starts_at = forms.DateTimeField(label=_("First occasion starts"), widget=DateTimeInput())
    minutes = forms.IntegerField(label=_("Length (minutes)"), min_value=15, max_value=720, initial=90)
    weekly = forms.BooleanField(label=_("Repeat every week"), required=False)
    repeat_until = forms.DateField(label=_("Until"), required=False, widget=DateInput())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = [(c, language_name(c)) for c in EVENT_LANGUAGES]
        for code, name in settings.LANGUAGES:
            self.fields[f"title_{code}"] = forms.CharField(label=_("Title (%(language)s)") % {"language": name},
                                                           max_length=200, required=code == settings.LANGUAGE_CODE)
            self.fields[f"description_{code}"] = forms.CharField(
                label=_("Description (%(language)s)") % {"language": name}, required=False,
                widget=forms.Textarea(attrs={"rows": 3}),
            )  # fmt: skip

    def event_data(self) -> dict:
        data = self.cleaned_data
        return {
            "slug": data["slug"], "kind": data["kind"], "audience": data["audience"], "language": data["language"],
            "place": data["place"], "online_url": data["online_url"], "capacity": data["capacity"],
            "civic_orientation": data["civic_orientation"], "repeat_until": data.get("repeat_until"),
            "titles": {code: data[f"title_{code}"] for code, _n in settings.LANGUAGES if data.get(f"title_{code}")},
            "descriptions": {code: data[f"description_{code}"] for code, _n in settings.LANGUAGES
                             if data.get(f"description_{code}")},
        }  # fmt: skip

    def clean_slug(self):
        slug = self.cleaned_data["slug"]
        if Event.objects.filter(slug=slug).exists():
            raise forms.ValidationError(_("This address is taken by another event."))
        return slug


class CapacityForm(forms.Form):
    capacity = forms.IntegerField(label=_("Seats"), min_value=0, max_value=5000)


class AddPersonForm(forms.Form):
    person = forms.IntegerField(label=_("Person number"), min_value=1,
                                help_text=_("Shown as # on the person's page."))  # fmt: skip


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
