from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from restart.core.forms import DateInput, TimeInput
from restart.courses.models import GROUP_LEVELS, Assessment, Attendance, Course, Enrollment, Level
from restart.people.choices import Region, ResidenceStatus
from restart.people.forms import ContactForm, CountryField

# The self-placement questionnaire: can-do statements, easiest first (CEFR descriptors, simplified).
QUESTIONS = [
    ("q1", _("I can say who I am, where I come from and where I live, in Polish.")),
    ("q2", _("I understand simple questions in a shop, at the doctor's or at an office, and can answer them.")),
    ("q3", _("I can talk about my work, my family and my plans, and write a short message.")),
    ("q4", _("I understand the main points of the news, a lesson or an official letter.")),
    ("q5", _("I can give and defend my opinion in a discussion, and write a formal letter.")),
]
ANSWERS = [("yes", _("yes")), ("partly", _("partly")), ("no", _("not yet"))]
POINTS = {"yes": 1.0, "partly": 0.5, "no": 0.0}


def suggested_level(answers: dict) -> str:
    """The group level the answers point to: each statement met (or half met) raises it a step,
    counted only while the easier ones are met too (nobody is placed above what they can do)."""
    score = 0.0
    for name, _label in QUESTIONS:
        points = POINTS.get(answers.get(name, "no"), 0.0)
        if points == 0:
            break
        score += points
    index = min(int(score + 0.5), len(GROUP_LEVELS) - 1) if score else 0
    return GROUP_LEVELS[index]


class PlacementForm(forms.Form):
    """Five statements: which do you already manage? (no account, no names: just a suggestion)"""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, label in QUESTIONS:
            self.fields[name] = forms.ChoiceField(label=label, choices=ANSWERS, widget=forms.RadioSelect,
                                                  error_messages={"required": _("Choose an answer.")})  # fmt: skip

    def answers(self) -> dict:
        return {name: self.cleaned_data[name] for name, _label in QUESTIONS}


class ApplicationForm(ContactForm):
    """Who applies, what decides their fee (optional: without it the full fee applies until it is
    known), and consent."""

    citizenship = CountryField(label=_("Citizenship"))
    residence_status = forms.ChoiceField(label=_("Residence status"), required=False,
                                         choices=[("", _("I prefer not to say")), *[
                                             (code, label) for code, label in ResidenceStatus.choices
                                             if code != ResidenceStatus.UNKNOWN]])  # fmt: skip
    municipality = forms.CharField(label=_("Town or city where you live"), max_length=100, required=False,
                                   widget=forms.TextInput(attrs={"autocomplete": "address-level2"}))  # fmt: skip
    lives_in_lower_silesia = forms.ChoiceField(label=_("Do you live in Lower Silesia?"), required=False,
                                               widget=forms.RadioSelect, choices=[
                                                   ("yes", _("yes")), ("no", _("no"))])  # fmt: skip
    consent = forms.BooleanField(
        label=_("I have read the privacy notice and agree that my data is used to arrange my course."),
        error_messages={"required": _("Tick the box to agree to the privacy notice; without it we cannot enrol you.")},
    )  # fmt: skip

    field_order = ["full_name", "email", "phone", "citizenship", "residence_status", "municipality",
                   "lives_in_lower_silesia", "consent"]  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].help_text = _("We send the confirmation and the course dates here.")
        self.fields["citizenship"].help_text = _("With your residence status and town, it decides whether the "
                                                 "subsidised fee applies.")  # fmt: skip

    def person_facts(self) -> dict:
        data = self.cleaned_data
        region = {"yes": Region.LOWER_SILESIA, "no": Region.ELSEWHERE_PL}.get(data.get("lives_in_lower_silesia"), "")
        return {key: value for key, value in {
            "citizenship": data.get("citizenship"), "residence_status": data.get("residence_status"),
            "municipality": data.get("municipality", "").strip(), "region": region}.items() if value}  # fmt: skip


class GroupFilterForm(forms.Form):
    level = forms.ChoiceField(label=_("Level"), required=False, choices=[("", _("Any level")), *[
        (level.value, level.label) for level in GROUP_LEVELS]])  # fmt: skip
    mode = forms.ChoiceField(label=_("Where"), required=False, choices=[
        ("", _("On site or online")), ("onsite", _("on site")), ("online", _("online"))])  # fmt: skip


class CourseForm(forms.Form):
    slug = forms.SlugField(label=_("Address"), help_text=_("Letters, digits and hyphens, e.g. lets-mow-autumn-2026."))
    cycle = forms.CharField(label=_("Cycle"), max_length=60, help_text=_("E.g. autumn 2026."))
    attendance_threshold = forms.IntegerField(label=_("Attendance needed to complete (%)"), min_value=1,
                                              max_value=100, initial=80)  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for code, name in settings.LANGUAGES:
            self.fields[f"title_{code}"] = forms.CharField(label=_("Title (%(language)s)") % {"language": name},
                                                           max_length=200, required=code == settings.LANGUAGE_CODE)
            self.fields[f"description_{code}"] = forms.CharField(
                label=_("Description (%(language)s)") % {"language": name}, required=False,
                widget=forms.Textarea(attrs={"rows": 3}))  # fmt: skip

    def course_data(self) -> dict:
        data = self.cleaned_data
        return {
            "slug": data["slug"], "cycle": data["cycle"], "attendance_threshold": data["attendance_threshold"],
            "titles": {code: data[f"title_{code}"] for code, _n in settings.LANGUAGES if data.get(f"title_{code}")},
            "descriptions": {code: data[f"description_{code}"] for code, _n in settings.LANGUAGES
                             if data.get(f"description_{code}")},
        }  # fmt: skip


class CourseEditForm(CourseForm):
    """A course's texts, threshold and whether the public sees it (its address stays)."""

    status = forms.ChoiceField(label=_("Status"), choices=Course.Status.choices,
                               help_text=_("A draft course and its groups are not shown to the public."))  # fmt: skip

    def __init__(self, *args, course, **kwargs):
        initial = {"cycle": course.cycle, "attendance_threshold": course.attendance_threshold, "status": course.status,
                   **{f"title_{code}": text for code, text in course.titles.items()},
                   **{f"description_{code}": text for code, text in course.descriptions.items()}}  # fmt: skip
        super().__init__(*args, initial=initial, **kwargs)
        del self.fields["slug"]

    def course_data(self) -> dict:
        data = self.cleaned_data
        return {
            "cycle": data["cycle"], "attendance_threshold": data["attendance_threshold"], "status": data["status"],
            "titles": {code: data[f"title_{code}"] for code, _n in settings.LANGUAGES if data.get(f"title_{code}")},
            "descriptions": {code: data[f"description_{code}"] for code, _n in settings.LANGUAGES
                             if data.get(f"description_{code}")},
        }  # fmt: skip


WEEKDAYS = [("0", _("Monday")), ("1", _("Tuesday")), ("2", _("Wednesday")), ("3", _("Thursday")),
            ("4", _("Friday")), ("5", _("Saturday")), ("6", _("Sunday"))]  # fmt: skip


class GroupForm(forms.Form):
    code = forms.CharField(label=_("Group"), max_length=20, help_text=_("E.g. A1-1."))
    level = forms.ChoiceField(label=_("Level"), choices=[(level.value, level.label) for level in GROUP_LEVELS])
    weekdays = forms.MultipleChoiceField(label=_("Days"), choices=WEEKDAYS, widget=forms.CheckboxSelectMultiple,
                                         error_messages={"required": _("Choose the days of the lessons.")})  # fmt: skip
    lesson_starts = forms.TimeField(label=_("Lessons start at"), widget=TimeInput())
    lesson_minutes = forms.IntegerField(label=_("Lesson length (minutes)"), min_value=30, max_value=240, initial=90)
    starts_on = forms.DateField(label=_("First day"), widget=DateInput())
    ends_on = forms.DateField(label=_("Last day"), widget=DateInput())
    place = forms.CharField(label=_("Place"), max_length=200, required=False,
                            help_text=_("Leave empty for an online group."))  # fmt: skip
    online_url = forms.URLField(label=_("Online link"), required=False, assume_scheme="https")
    capacity = forms.IntegerField(label=_("Seats"), min_value=1, max_value=12, initial=12)
    teacher = forms.ModelChoiceField(label=_("Teacher"), queryset=None, required=False)
    fee = forms.DecimalField(label=_("Full fee (PLN)"), min_value=0, max_digits=8, decimal_places=2)
    subsidised_fee = forms.DecimalField(label=_("Subsidised fee (PLN)"), min_value=0, max_digits=8, decimal_places=2)

    def __init__(self, *args, teachers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["teacher"].queryset = teachers

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("starts_on") and cleaned.get("ends_on") and cleaned["ends_on"] < cleaned["starts_on"]:
            self.add_error("ends_on", _("The last day cannot be before the first day."))
        return cleaned

    def group_data(self) -> dict:
        data = dict(self.cleaned_data)
        data["weekdays"] = [int(day) for day in data["weekdays"]]
        return data


class GroupSettingsForm(forms.Form):
    """What a coordinator changes on a running group: its teacher and its seats."""

    teacher = forms.ModelChoiceField(label=_("Teacher"), queryset=None, required=False)
    capacity = forms.IntegerField(label=_("Seats"), min_value=1, max_value=12)

    def __init__(self, *args, teachers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["teacher"].queryset = teachers


class PlaceForm(forms.Form):
    level = forms.ChoiceField(label=_("Placement level"), choices=Level.choices)
    accept = forms.BooleanField(label=_("Accept into the group"), required=False)


class FeeForm(forms.Form):
    fee_status = forms.ChoiceField(label=_("Fee"), choices=Enrollment.Fee.choices)


class MoveForm(forms.Form):
    to = forms.ChoiceField(label=_("Move to the group"), widget=forms.RadioSelect,
                           error_messages={"required": _("Choose the group to move to.")})  # fmt: skip

    def __init__(self, *args, groups, **kwargs):
        super().__init__(*args, **kwargs)
        self.groups = {str(group.pk): group for group in groups}
        self.fields["to"].choices = [(pk, _group_label(group)) for pk, group in self.groups.items()]

    def chosen(self):
        return self.groups[self.cleaned_data["to"]]


def _group_label(group) -> str:
    free = max(group.free, 0)
    seats = ngettext("%(count)s seat free", "%(count)s seats free", free) % {"count": free}
    return f"{group.code} · {group.get_level_display()} · {seats}"


class AssessmentForm(forms.Form):
    kind = forms.ChoiceField(label=_("Assessment"), choices=Assessment.Kind.choices, widget=forms.RadioSelect)
    level = forms.ChoiceField(label=_("Level"), choices=Level.choices)
    test = forms.ChoiceField(label=_("Test"), choices=Assessment.Test.choices)
    taken_on = forms.DateField(label=_("Date"), widget=DateInput())
    score = forms.IntegerField(label=_("Score (%)"), min_value=0, max_value=100, required=False)


class RevokeForm(forms.Form):
    reason = forms.CharField(label=_("Why it is revoked"), max_length=300)


class LessonNoteForm(forms.Form):
    topic = forms.CharField(label=_("Topic of the lesson"), max_length=200, required=False)


ATTENDANCE_CHOICES = Attendance.Status.choices
