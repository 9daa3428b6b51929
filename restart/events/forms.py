from django import forms
from django.conf import settings
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from restart.core.forms import DateInput, DateTimeInput
from restart.core.i18n import language_name
from restart.events.models import Event
from restart.people.forms import ContactForm
from restart.people.models import TargetGroup

HOST_SOCIETY_GROUPS = [
    (code, label) for code, label in TargetGroup.choices if code != TargetGroup.THIRD_COUNTRY_NATIONAL
]
EVENT_LANGUAGES = ["pl", "uk", "ru", "en", "fr", "de", "es"]


SERIES = "series"


def occasion_label(occurrence) -> str:
    when = formats.date_format(timezone.localtime(occurrence.starts_at), "DATETIME_FORMAT")
    if getattr(occurrence, "free", 1) <= 0:
        return _("%(date)s (full: you join the waiting list)") % {"date": when}
    return when


def _day(occurrence) -> str:
    return formats.date_format(timezone.localtime(occurrence.starts_at), "j E")


def series_label(occurrences: list) -> str:
    first, last = (_day(o) for o in (occurrences[0], occurrences[-1]))
    full = sum(getattr(occurrence, "free", 1) <= 0 for occurrence in occurrences)
    label = ngettext(
        "Every date: %(count)s date, %(first)s – %(last)s", "Every date: %(count)s dates, %(first)s – %(last)s",
        len(occurrences),
    ) % {"count": len(occurrences), "first": first, "last": last}
    if full:
        label += " " + ngettext("(%(full)s is full: the waiting list there)",
                                "(%(full)s are full: the waiting list there)", full) % {"full": full}
    return label


class RegistrationForm(ContactForm):
    """Who registers for which date (or every date of a series), and their consent; no account needed."""

    occurrence = forms.ChoiceField(label=_("Date"), widget=forms.RadioSelect,
                                   error_messages={"required": _("Choose the date you want to come."),
                                                   "invalid_choice": _("Choose one of the dates listed.")})  # fmt: skip
    target_group = forms.ChoiceField(label=_("You come as"), choices=HOST_SOCIETY_GROUPS, required=False)
    consent = forms.BooleanField(
        label=_("I have read the privacy notice and agree that my data is used to arrange my participation."),
        error_messages={
            "required": _("Tick the box to agree to the privacy notice; without it we cannot register you.")
        },
    )  # fmt: skip

    field_order = ["occurrence", "full_name", "email", "phone", "target_group", "consent"]

    def __init__(self, *args, occurrences, host_society: bool, series: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.occurrences = {str(occurrence.pk): occurrence for occurrence in occurrences}
        choices = [(pk, occasion_label(occurrence)) for pk, occurrence in self.occurrences.items()]
        if series and len(choices) > 1:
            choices.insert(0, (SERIES, series_label(list(self.occurrences.values()))))
        self.fields["occurrence"].choices = choices
        self.fields["email"].help_text = _("We send the confirmation and your ticket here.")
        if host_society:
            self.fields["target_group"].required = True
        else:
            del self.fields["target_group"]

    def chosen_occurrences(self) -> list:
        """The date chosen, or every date listed when the whole series is chosen."""
        choice = self.cleaned_data["occurrence"]
        return list(self.occurrences.values()) if choice == SERIES else [self.occurrences[choice]]


class EventFilterForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=[("", _("Any kind")), *Event.Kind.choices])
    audience = forms.ChoiceField(label=_("For"), required=False, choices=[("", _("Anyone")), *Event.Audience.choices])
    language = forms.ChoiceField(label=_("Language"), required=False)
    from_day = forms.DateField(label=_("From"), required=False, widget=DateInput())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = [("", _("Any language"))] + [(c, language_name(c)) for c in EVENT_LANGUAGES]


# The form fields that are the event's own fields of the same name.
EVENT_FIELDS = ("slug", "kind", "audience", "language", "place", "online_url", "capacity", "civic_orientation",
                "repeat_until", "status")  # fmt: skip


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
            **{key: data.get(key) for key in EVENT_FIELDS if key in self.fields},
            "titles": {code: data[f"title_{code}"] for code, _n in settings.LANGUAGES if data.get(f"title_{code}")},
            "descriptions": {code: data[f"description_{code}"] for code, _n in settings.LANGUAGES
                             if data.get(f"description_{code}")},
        }  # fmt: skip

    def clean_slug(self):
        slug = self.cleaned_data["slug"]
        if Event.objects.filter(slug=slug).exists():
            raise forms.ValidationError(_("This address is taken by another event."))
        return slug


class EventEditForm(EventForm):
    """What the event is, for every date: the dates' own time and seats are changed date by date."""

    status = forms.ChoiceField(label=_("Status"), choices=Event.Status.choices,
                               help_text=_("A draft is not shown to the public."))  # fmt: skip

    def __init__(self, *args, event: Event, **kwargs):
        initial = {
            "kind": event.kind, "audience": event.audience, "language": event.language, "place": event.place,
            "online_url": event.online_url, "capacity": event.capacity, "civic_orientation": event.civic_orientation,
            "repeat_until": event.repeat_until, "status": event.status,
            **{f"title_{code}": text for code, text in event.titles.items()},
            **{f"description_{code}": text for code, text in event.descriptions.items()},
        }  # fmt: skip
        super().__init__(*args, initial=initial, **kwargs)
        for name in ("slug", "first_starts_at", "minutes", "weekly"):
            del self.fields[name]
        self.fields["capacity"].label = _("Seats of each new date")
        self.fields["capacity"].help_text = _("The seats of existing dates are changed on each date's page.")
        if event.is_series:
            self.fields["repeat_until"].label = _("The weekly series ends on")
            self.fields["repeat_until"].required = True
        else:
            del self.fields["repeat_until"]


SCOPES = [("this", _("this date only")), ("following", _("this date and every later one"))]


class OccurrenceForm(forms.Form):
    """One date's time, length and seats, and for a series whether later dates change too."""

    starts_at = forms.DateTimeField(label=_("Starts"), widget=DateTimeInput())
    minutes = forms.IntegerField(label=_("Length (minutes)"), min_value=15, max_value=720)
    capacity = forms.IntegerField(label=_("Seats"), min_value=0, max_value=5000)
    scope = forms.ChoiceField(label=_("Change"), choices=SCOPES, initial="this", widget=forms.RadioSelect)

    def __init__(self, *args, series: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not series:
            del self.fields["scope"]


class OccurrenceCancelForm(forms.Form):
    scope = forms.ChoiceField(label=_("Cancel"), choices=SCOPES, initial="this", widget=forms.RadioSelect)


class MoveForm(forms.Form):
    """Another date of the same event, with a free seat, for one registrant."""

    to = forms.ChoiceField(label=_("Move to"), widget=forms.RadioSelect,
                           error_messages={"required": _("Choose the date to move to.")})  # fmt: skip

    def __init__(self, *args, dates, **kwargs):
        super().__init__(*args, **kwargs)
        self.dates = {str(date.pk): date for date in dates}
        self.fields["to"].choices = [(pk, _seats_label(date)) for pk, date in self.dates.items()]

    def chosen(self):
        return self.dates[self.cleaned_data["to"]]


def _seats_label(date) -> str:
    when = formats.date_format(timezone.localtime(date.starts_at), "DATETIME_FORMAT")
    return ngettext("%(date)s: %(free)s seat free", "%(date)s: %(free)s seats free", max(date.free, 0)) % {
        "date": when, "free": max(date.free, 0)}  # fmt: skip


class CapacityForm(forms.Form):
    capacity = forms.IntegerField(label=_("Seats"), min_value=0, max_value=5000)


class AddPersonForm(forms.Form):
    person = forms.IntegerField(label=_("Person number"), min_value=1,
                                help_text=_("Shown as # on the person's page."))  # fmt: skip
