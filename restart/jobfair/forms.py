from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from restart.core.forms import TimeInput
from restart.core.phones import normalise_phone
from restart.events.models import Event
from restart.jobfair import isco
from restart.jobfair.models import Employer, JobOffer, PolishLevel
from restart.people.forms import ContactForm
from restart.people.validators import normalise_nip, validate_nip

# What occupations.js writes above each long occupation list (a type-to-narrow box).
NARROW = _("Type part of the name to narrow the list")


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


class EmployerRegistrationForm(forms.Form):
    """A company asking to take part in the fair; its contact is invited once the coordinator approves."""

    name = forms.CharField(label=_("Company name"), max_length=200)
    nip = forms.CharField(label=_("NIP"), max_length=20, help_text=_("Ten digits; dashes and spaces are fine."))
    sector = forms.CharField(label=_("Sector"), max_length=100, help_text=_("E.g. logistics, hotels, construction."))
    size = forms.ChoiceField(label=_("Size"), choices=Employer.Size.choices)
    city = forms.CharField(label=_("Town"), max_length=100)
    contact_name = forms.CharField(label=_("Contact person"), max_length=200,
                                   widget=forms.TextInput(attrs={"autocomplete": "name"}))  # fmt: skip
    contact_email = forms.EmailField(label=_("Contact e-mail"), help_text=_("The invitation to sign in goes here."),
                                     widget=forms.EmailInput(attrs={"autocomplete": "email"}))  # fmt: skip
    contact_phone = forms.CharField(label=_("Contact phone"), max_length=30, required=False,
                                    widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}))

    def clean_nip(self) -> str:
        nip = normalise_nip(self.cleaned_data["nip"])
        validate_nip(nip)
        return nip

    def clean_contact_phone(self) -> str:
        return normalise_phone(self.cleaned_data.get("contact_phone", ""))


def _list(text: str) -> list[str]:
    return [item.strip() for item in (text or "").replace(";", ",").split(",") if item.strip()][:30]


class OfferForm(forms.Form):
    """A job offer as its employer writes it: at least a title (Polish and English help most)."""

    isco = forms.ChoiceField(label=_("Occupation (ISCO-08)"))
    city = forms.CharField(label=_("Town"), max_length=100)
    workplace = forms.CharField(label=_("Workplace"), max_length=200, required=False,
                                help_text=_("The address, if it is not the company's."))  # fmt: skip
    contract = forms.ChoiceField(label=_("Contract"), choices=JobOffer.Contract.choices)
    hours = forms.CharField(label=_("Hours"), max_length=100, required=False, help_text=_("E.g. Mon–Fri 6:00–14:00."))
    shifts = forms.BooleanField(label=_("Shift work"), required=False)
    pay_min = forms.IntegerField(label=_("Pay from (PLN gross a month)"), min_value=0, max_value=100_000,
                                 required=False)  # fmt: skip
    pay_max = forms.IntegerField(label=_("Pay up to (PLN gross a month)"), min_value=0, max_value=100_000,
                                 required=False)  # fmt: skip
    polish_level = forms.ChoiceField(label=_("Polish needed"), choices=PolishLevel.choices)
    languages = forms.CharField(label=_("Other languages"), max_length=200, required=False,
                                help_text=_("Language and level, separated by commas, e.g. en B1, de A2."))
    skills = forms.CharField(label=_("Skills"), max_length=500, required=False,
                             help_text=_("Separated by commas, e.g. MIG/MAG, forklift licence."))  # fmt: skip
    min_experience_years = forms.IntegerField(label=_("Years of experience needed"), min_value=0, max_value=60,
                                              initial=0)  # fmt: skip
    housing = forms.BooleanField(label=_("Housing offered"), required=False)
    permit_help = forms.BooleanField(label=_("Help with the work permit"), required=False)

    def __init__(self, *args, companies=None, **kwargs):
        super().__init__(*args, **kwargs)
        if companies is not None:  # a new offer: for which company (an employer's account usually has one)
            self.fields["employer"] = forms.ModelChoiceField(label=_("Company"), queryset=companies,
                                                             initial=companies.first(), empty_label=None)
        self.fields["isco"].widget.attrs["data-filter"] = NARROW
        self.fields["isco"].choices = [("", "—")] + [
            (code, f"{code} {isco.occupation_name(code)}") for code in isco.unit_groups()]
        for code, name in settings.LANGUAGES:
            self.fields[f"title_{code}"] = forms.CharField(label=_("Title (%(language)s)") % {"language": name},
                                                           max_length=200, required=False)
            self.fields[f"description_{code}"] = forms.CharField(
                label=_("Description (%(language)s)") % {"language": name}, required=False, max_length=4000,
                widget=forms.Textarea(attrs={"rows": 3}))  # fmt: skip
        self.order_fields(["employer", *(f"title_{code}" for code, _n in settings.LANGUAGES), "isco",
                           *(f"description_{code}" for code, _n in settings.LANGUAGES)])

    def clean_languages(self) -> list[dict]:
        languages = []
        for item in _list(self.cleaned_data.get("languages", "")):
            parts = item.split()
            if len(parts) != 2 or parts[1].upper() not in {"A1", "A2", "B1", "B2", "C1", "C2"}:
                raise forms.ValidationError(_("Write each as a language and a CEFR level, e.g. en B1 (not %(item)s).")
                                            % {"item": item})  # fmt: skip
            languages.append({"lang": parts[0].lower()[:10], "level": parts[1].upper()})
        return languages

    def offer_data(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("employer", None)
        data["skills"] = _list(data["skills"])
        codes = [code for code, _name in settings.LANGUAGES]
        titles = {code: data.pop(f"title_{code}", "") for code in codes}
        descriptions = {code: data.pop(f"description_{code}", "") for code in codes}
        data["titles"] = {code: text.strip() for code, text in titles.items() if text.strip()}
        data["descriptions"] = {code: text.strip() for code, text in descriptions.items() if text.strip()}
        return data

    @staticmethod
    def initial_for(offer) -> dict:
        return {
            "isco": offer.isco, "city": offer.city, "workplace": offer.workplace, "contract": offer.contract,
            "hours": offer.hours, "shifts": offer.shifts, "pay_min": offer.pay_min, "pay_max": offer.pay_max,
            "polish_level": offer.polish_level, "min_experience_years": offer.min_experience_years,
            "housing": offer.housing, "permit_help": offer.permit_help, "skills": ", ".join(offer.skills),
            "languages": ", ".join(f"{item['lang']} {item['level']}" for item in offer.languages),
            **{f"title_{code}": text for code, text in offer.titles.items()},
            **{f"description_{code}": text for code, text in offer.descriptions.items()},
        }  # fmt: skip


class CandidateStartForm(ContactForm):
    """Who starts a candidate profile: the private link to fill it in goes to their e-mail or phone."""

    consent = forms.BooleanField(
        label=_("I have read the privacy notice and agree that my data is used to help me find work."),
        error_messages={"required": _("Tick the box to agree to the privacy notice; without it we cannot help you.")},
    )  # fmt: skip


OCCUPATION_ROWS = 3
CV_MAX_BYTES = 5 * 1024 * 1024


class ProfileForm(forms.Form):
    """What a candidate tells employers (without their name or contact until they accept an interview)."""

    polish_level = forms.ChoiceField(label=_("My Polish"), choices=PolishLevel.choices)
    languages = forms.CharField(label=_("Other languages"), max_length=200, required=False,
                                help_text=_("Language and level, separated by commas, e.g. en B1, de A2."))
    skills = forms.CharField(label=_("Skills"), max_length=500, required=False,
                             widget=forms.Textarea(attrs={"rows": 2}),
                             help_text=_("Separated by commas, in any language, e.g. MIG/MAG, forklift licence."))
    education = forms.CharField(label=_("Education"), max_length=300, required=False)
    availability = forms.CharField(label=_("Available from"), max_length=100, required=False)
    city = forms.CharField(label=_("Town where you live"), max_length=100, required=False)
    preferred_places = forms.CharField(label=_("Where you would work"), max_length=300, required=False)
    cv = forms.FileField(label=_("CV (PDF, at most 5 MB)"), required=False)
    share = forms.BooleanField(label=_("Show my profile to employers (without my name or contact until I accept an "
                                       "interview)"), required=False)  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        occupations = [("", "—")] + [(code, f"{code} {isco.occupation_name(code)}") for code in isco.unit_groups()]
        for row in range(1, OCCUPATION_ROWS + 1):
            self.fields[f"occupation_{row}"] = forms.ChoiceField(widget=forms.Select(attrs={"data-filter": NARROW}),
                label=_("Past occupation %(number)s") % {"number": row}, choices=occupations, required=False)
            self.fields[f"years_{row}"] = forms.IntegerField(
                label=_("Years in it"), min_value=0, max_value=60, required=False)  # fmt: skip
            self.fields[f"wanted_{row}"] = forms.ChoiceField(widget=forms.Select(attrs={"data-filter": NARROW}),
                label=_("Work I want %(number)s") % {"number": row}, choices=occupations, required=False)
        rows = [name for row in range(1, OCCUPATION_ROWS + 1) for name in (f"occupation_{row}", f"years_{row}")]
        wanted = [f"wanted_{row}" for row in range(1, OCCUPATION_ROWS + 1)]
        self.order_fields([*rows, *wanted, "polish_level", "languages", "skills", "education", "availability",
                           "city", "preferred_places", "cv", "share"])

    clean_languages = OfferForm.clean_languages

    def clean_cv(self):
        cv = self.cleaned_data.get("cv")
        if not cv:
            return cv
        if cv.size > CV_MAX_BYTES:
            raise forms.ValidationError(_("The file is larger than 5 MB. Save the CV as a smaller PDF."))
        head = cv.read(5)
        cv.seek(0)
        if head != b"%PDF-":
            raise forms.ValidationError(_("The CV must be a PDF file (save or export it as PDF)."))
        return cv

    def clean(self):
        cleaned = super().clean()
        for row in range(1, OCCUPATION_ROWS + 1):
            if cleaned.get(f"occupation_{row}") and cleaned.get(f"years_{row}") is None:
                self.add_error(f"years_{row}", _("How many years? 0 if less than one."))
        return cleaned

    def profile_data(self) -> dict:
        data = self.cleaned_data
        occupations = [{"isco": data[f"occupation_{row}"], "years": data[f"years_{row}"] or 0}
                       for row in range(1, OCCUPATION_ROWS + 1) if data.get(f"occupation_{row}")]  # fmt: skip
        wanted = [data[f"wanted_{row}"] for row in range(1, OCCUPATION_ROWS + 1) if data.get(f"wanted_{row}")]
        return {
            "occupations": occupations, "wanted_occupations": list(dict.fromkeys(wanted)),
            "skills": _list(data["skills"]), "polish_level": data["polish_level"], "languages": data["languages"],
            "education": data["education"], "availability": data["availability"], "city": data["city"].strip(),
            "preferred_places": data["preferred_places"],
        }  # fmt: skip

    @staticmethod
    def initial_for(profile, sharing: bool) -> dict:
        initial = {
            "polish_level": profile.polish_level, "skills": ", ".join(profile.skills),
            "languages": ", ".join(f"{item['lang']} {item['level']}" for item in profile.languages),
            "education": profile.education, "availability": profile.availability, "city": profile.city,
            "preferred_places": profile.preferred_places, "share": sharing,
        }  # fmt: skip
        for row, item in enumerate(profile.occupations[:OCCUPATION_ROWS], start=1):
            initial[f"occupation_{row}"], initial[f"years_{row}"] = item["isco"], item["years"]
        for row, code in enumerate(profile.wanted_occupations[:OCCUPATION_ROWS], start=1):
            initial[f"wanted_{row}"] = code
        return initial


class FairForm(forms.Form):
    """The coordinator turns a job-fair day (an event) into a fair with stands."""

    event = forms.ModelChoiceField(
        label=_("Job fair day"),
        queryset=None,
        help_text=_("An event of the kind “job fair day”, created under Events."),
    )
    stands = forms.IntegerField(label=_("Number of stands"), min_value=1, max_value=500, initial=20)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["event"].queryset = Event.objects.filter(kind=Event.Kind.JOB_FAIR, fair__isnull=True)


class SlotsForm(forms.Form):
    """An employer opens interview times at its stand: from, to, how long each."""

    start = forms.TimeField(label=_("First interview at"), widget=TimeInput())
    end = forms.TimeField(label=_("Last interview ends at"), widget=TimeInput())
    minutes = forms.IntegerField(label=_("Minutes per interview"), min_value=10, max_value=120, initial=20)
    offer = forms.ModelChoiceField(label=_("For the offer"), queryset=JobOffer.objects.none(), required=False,
                                   empty_label=_("any of our offers"))  # fmt: skip

    def __init__(self, *args, offers=None, **kwargs):
        super().__init__(*args, **kwargs)
        if offers is not None:
            self.fields["offer"].queryset = offers

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] <= data["start"]:
            self.add_error("end", _("The last interview ends after the first one starts."))
        return data


class OutcomeForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=[
        ("hired", _("hired")), ("not_hired", _("not hired")), ("in_progress", _("in progress")),
        ("absent", _("did not come")),
    ])  # fmt: skip
