import datetime

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from restart.core.forms import DateInput, DateTimeInput, TimeInput
from restart.core.roles import Role
from restart.infopoint.models import Channel, Consultation, Referral
from restart.people.forms import ContactForm
from restart.people.validators import normalise_phone
from restart.topics.forms import TopicChoiceField, TopicsField, topics_in_tree_order
from restart.topics.models import Topic


class BookingChoiceForm(forms.Form):
    """Step 1 of booking: what about, in which language, how."""

    topic = TopicChoiceField(
        label=_("What is your question about?"),
        queryset=Topic.objects.filter(active=True, parent__isnull=True),
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={"required": _("Choose what your question is about.")},
    )
    language = forms.ChoiceField(
        label=_("Language of the consultation"), choices=settings.LANGUAGES, widget=forms.RadioSelect,
        error_messages={"required": _("Choose the language of the consultation.")},
    )  # fmt: skip
    channel = forms.ChoiceField(
        label=_("How would you like to talk?"), choices=Channel.choices, widget=forms.RadioSelect,
        error_messages={"required": _("Choose how you would like to talk.")},
    )  # fmt: skip


class BookingDetailsForm(ContactForm):
    """Step 3: who is booking, and their consent to the privacy notice."""

    question = forms.CharField(
        label=_("Your question in a few words (optional)"), required=False, max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )  # fmt: skip
    consent = forms.BooleanField(
        label=_("I have read the privacy notice and agree that my data is used to arrange this consultation."),
        error_messages={"required": _("Tick the box to agree to the privacy notice; without it we cannot book.")},
    )


class AvailabilityForm(forms.Form):
    first_day = forms.DateField(label=_("Day"), widget=DateInput())
    start = forms.TimeField(label=_("Start time"), widget=TimeInput())
    end = forms.TimeField(label=_("End time"), widget=TimeInput())
    slot_minutes = forms.TypedChoiceField(
        label=_("Length of one consultation"), coerce=int, initial=45,
        choices=[(30, _("30 minutes")), (45, _("45 minutes")), (60, _("60 minutes")), (90, _("90 minutes"))],
    )  # fmt: skip
    languages = forms.MultipleChoiceField(label=_("Languages"), choices=settings.LANGUAGES,
                                          widget=forms.CheckboxSelectMultiple)  # fmt: skip
    channel = forms.ChoiceField(label=_("Channel"), choices=Channel.choices)
    place = forms.CharField(label=_("Place or link"), max_length=200, required=False)
    repeat_until = forms.DateField(
        label=_("Repeat every week until"), required=False, widget=DateInput(),
        help_text=_("Leave empty for this day only."),
    )  # fmt: skip

    def clean(self):
        cleaned = super().clean()
        day, start, end, until = (cleaned.get(key) for key in ("first_day", "start", "end", "repeat_until"))
        if day and day < timezone.localdate():
            self.add_error("first_day", _("Choose today or a later day."))
        if start and end and end <= start:
            self.add_error("end", _("The end must be later than the start."))
        if day and until:
            if until < day:
                self.add_error("repeat_until", _("The last day cannot be before the first."))
            elif until > day + datetime.timedelta(weeks=26):
                self.add_error("repeat_until", _("Publish at most 26 weeks at once."))
        return cleaned


class ConsultationRecordForm(forms.ModelForm):
    topics = TopicsField(label=_("Topics"), queryset=topics_in_tree_order(), required=False,
                         widget=forms.CheckboxSelectMultiple)  # fmt: skip
    follow_up_on = forms.DateField(label=_("Follow-up date"), required=False,
                                   widget=DateInput())  # fmt: skip

    class Meta:
        model = Consultation
        fields = ["status", "topics", "language", "channel", "duration_minutes", "notes", "outcome", "follow_up_on",
                  "recognition_applied", "long_term_residence_applied"]  # fmt: skip
        widgets = {"notes": forms.Textarea(attrs={"rows": 4}), "outcome": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, with_notes: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topics"].queryset = topics_in_tree_order()
        if not with_notes:
            # Not even shown disabled: private notes are for the case's consultant and managers only.
            del self.fields["notes"]

    def clean_duration_minutes(self):
        minutes = self.cleaned_data["duration_minutes"]
        if not 5 <= minutes <= 480:
            raise forms.ValidationError(_("Between 5 and 480 minutes."))
        return minutes


class WalkInForm(ConsultationRecordForm):
    person = forms.IntegerField(
        label=_("Person number"), min_value=1, help_text=_("Shown as # on the person's page; add the person first.")
    )
    starts_at = forms.DateTimeField(label=_("Date and time"),
                                    widget=DateTimeInput())  # fmt: skip

    field_order = ["person", "starts_at"]

    def clean_starts_at(self):
        starts_at = self.cleaned_data["starts_at"]
        if starts_at > timezone.now() + datetime.timedelta(hours=1):
            raise forms.ValidationError(_("A walk-in consultation is recorded after it happened."))
        return starts_at


# Those who can read a case referred to them (docs/staff-access.md).
CASE_ROLES = [Role.SPECIALIST, Role.CONSULTANT, Role.MANAGER]


class SpecialistField(forms.ModelChoiceField):
    def label_from_instance(self, user) -> str:
        return f"{user.full_name} ({user.get_speciality_display()})"


class ReferralForm(forms.Form):
    kind = forms.ChoiceField(label=_("Refer to"), choices=Referral.Kind.choices, widget=forms.RadioSelect)
    specialist = SpecialistField(
        label=_("Specialist"), required=False,
        queryset=get_user_model().objects.filter(is_active=True, groups__name__in=CASE_ROLES).exclude(speciality="")
        .distinct().order_by("full_name"),
    )  # fmt: skip
    institution = forms.CharField(label=_("Institution"), max_length=200, required=False)
    reason = forms.CharField(label=_("Reason for the referral"), widget=forms.Textarea(attrs={"rows": 3}))
    consent_now = forms.BooleanField(
        label=_("The person agrees that their case is passed on (consent recorded now)"), required=False
    )


class ReferralUpdateForm(forms.ModelForm):
    class Meta:
        model = Referral
        fields = ["status", "outcome"]
        widgets = {"outcome": forms.Textarea(attrs={"rows": 3})}


class TopicForm(forms.ModelForm):
    """A topic with one name field per configured language."""

    class Meta:
        model = Topic
        fields = ["slug", "parent", "is_employment", "position", "active"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = Topic.objects.filter(parent__isnull=True).exclude(pk=self.instance.pk)
        for code, name in settings.LANGUAGES:
            self.fields[f"name_{code}"] = forms.CharField(
                label=_("Name in %(language)s") % {"language": name}, max_length=200,
                required=code == settings.LANGUAGE_CODE, initial=self.instance.names.get(code, ""),
            )  # fmt: skip

    def save(self, commit=True):
        topic = super().save(commit=False)
        topic.names = {
            code: self.cleaned_data[f"name_{code}"].strip()
            for code, _name in settings.LANGUAGES
            if self.cleaned_data.get(f"name_{code}", "").strip()
        }
        return topic


class ContactDetailsForm(forms.Form):
    """The information point's phone and e-mail, with the address and opening hours in each language."""

    phone = forms.CharField(
        label=_("Phone number"), required=False, max_length=30,
        help_text=_("As people should read it, for example +48 71 123 45 67."),
    )  # fmt: skip
    email = forms.EmailField(label=_("E-mail address"), required=False)

    def __init__(self, *args, details, **kwargs):
        super().__init__(*args, initial={"phone": details.phone, "email": details.email}, **kwargs)
        for code, name in settings.LANGUAGES:
            self.fields[f"address_{code}"] = forms.CharField(
                label=_("Address in %(language)s") % {"language": name}, required=False, max_length=300,
                initial=details.address.get(code, ""), widget=forms.Textarea(attrs={"rows": 2}),
            )  # fmt: skip
        for code, name in settings.LANGUAGES:
            self.fields[f"opening_hours_{code}"] = forms.CharField(
                label=_("Opening hours in %(language)s") % {"language": name}, required=False, max_length=300,
                initial=details.opening_hours.get(code, ""), widget=forms.Textarea(attrs={"rows": 2}),
                help_text=_("For example: Monday to Friday 9:00–17:00."),
            )  # fmt: skip

    def clean_phone(self) -> str:
        phone = " ".join(self.cleaned_data.get("phone", "").split())
        normalise_phone(phone)  # refuses letters and numbers without a country code, with a message
        return phone

    def texts(self, prefix: str) -> dict[str, str]:
        return {code: self.cleaned_data[f"{prefix}_{code}"].strip() for code, _name in settings.LANGUAGES}
