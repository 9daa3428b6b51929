import datetime

from restart.people.models import Person
from restart.people.services import person_create

BASE = {
    "full_name": "Olena Kovalenko",
    "email": "",
    "phone": "",
    "preferred_language": "uk",
    "citizenship": "UA",
    "birth_date": datetime.date(1990, 5, 17),
    "sex": "female",
    "residence_status": "temporary_protection",
    "municipality": "Wrocław",
    "region": "lower_silesia",
    "target_group": "tcn",
}


def make_person(**fields) -> Person:
    return person_create(data={**BASE, **fields}, by=None)


def form_data(**fields) -> dict:
    data = {**BASE, **fields}
    born = data.get("birth_date")
    data["birth_date"] = born.isoformat() if isinstance(born, datetime.date) else (born or "")
    return {key: value for key, value in data.items() if value is not None}
