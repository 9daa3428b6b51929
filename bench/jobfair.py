"""Job fair matching (issue 11): NDCG@10 on a labelled set, ranking 20,000 candidate profiles for
an offer and 2,000 offers for a candidate.

Quality: bench/jobfair_labels.json (offers and candidates in the import file's format, with graded
judgements written from the profiles) is imported through `import_jobfair`, every consenting
candidate is ranked for each offer with `matching.rank_candidates`, and NDCG@10 is compared with a
plain ranker (the offer's exact ISCO unit group first, then years in it) computed in the same run.
Speed: profiles and offers grow in bulk from the labelled ones as templates.
"""

import datetime
import gc
import json
import math
import random
from pathlib import Path

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

LABELS = Path(__file__).with_name("jobfair_labels.json")
TIMED_OFFER, TIMED_CANDIDATE = "o-welder", "c-29"
POLISH = ["none", "none", "A1", "A1", "A1", "A2", "A2", "B1", "B1", "B2", "C1"]


def load_labels() -> dict:
    return json.loads(LABELS.read_text(encoding="utf-8"))


def dcg(grades: list[int]) -> float:
    """Gain 2^grade − 1, discounted by log2(rank + 1), rank from 1."""
    return sum((2**grade - 1) / math.log2(rank + 1) for rank, grade in enumerate(grades, start=1))


def ndcg_at_10(ranked: list[str], judged: dict[str, int]) -> float:
    """`ranked`: candidate keys, best first; `judged`: key -> grade (absent: 0)."""
    ideal = dcg(sorted(judged.values(), reverse=True)[:10])
    return dcg([judged.get(key, 0) for key in ranked[:10]]) / ideal if ideal else 0.0


def baseline_rank(offer, profiles) -> list:
    """The plain ranker to compare with: candidates who worked in the offer's unit group first,
    the most years first; everyone else after, in the order they were created."""

    def years(profile) -> int:
        return max((int(item.get("years") or 0) for item in profile.occupations or []
                    if str(item.get("isco")) == offer.isco), default=-1)  # fmt: skip

    return sorted(profiles, key=lambda profile: (-years(profile), profile.pk))


def quality(labels: dict) -> dict:
    """NDCG@10 of `rank_candidates` and of the baseline for each judged offer (the labels imported)."""
    from restart.jobfair import matching
    from restart.jobfair.models import JobOffer
    from restart.jobfair.selectors import consenting_profiles

    offers = JobOffer.objects.in_bulk(list(labels["judgements"]), field_name="key")
    profiles = list(consenting_profiles().order_by("pk"))
    per_offer = {}
    for key, judged in labels["judgements"].items():
        offer = offers[key]
        top = matching.rank_candidates(offer, consenting_profiles(), limit=10)
        ranked = [match.key for match in top]
        plain = [profile.key for profile in baseline_rank(offer, profiles)[:10]]
        every = matching.rank_candidates(offer, profiles, limit=len(profiles))
        rank_of = {match.key: number for number, match in enumerate(every, start=1)}
        first_unjudged = next(number for number, match in enumerate(every, start=1) if match.key not in judged)
        per_offer[key] = {
            "ndcg_at_10": round(ndcg_at_10(ranked, judged), 4),
            "baseline_ndcg_at_10": round(ndcg_at_10(plain, judged), 4),
            # Relevant candidates (grade 1–3) that some candidate judged not relevant outranks.
            "below_an_unjudged": sorted((key for key in judged if rank_of[key] > first_unjudged), key=rank_of.get),
            "top_10": [{"key": m.key, "grade": judged.get(m.key, 0), "score": m.score,
                        "meets_requirements": m.meets_requirements, "reasons": m.reasons} for m in top],
            # Every judged candidate with the rank the matching gave: where the mistakes are.
            "judged": [{"key": match.key, "grade": judged[match.key], "rank": rank_of[match.key],
                        "score": match.score, "meets_requirements": match.meets_requirements,
                        "reasons": match.reasons} for match in every if match.key in judged],
        }  # fmt: skip
    mean = sum(item["ndcg_at_10"] for item in per_offer.values()) / len(per_offer)
    baseline = sum(item["baseline_ndcg_at_10"] for item in per_offer.values()) / len(per_offer)
    relevant = sum(len(judged) for judged in labels["judgements"].values())
    below = sum(len(item["below_an_unjudged"]) for item in per_offer.values())
    return {"mean": round(mean, 4), "baseline_mean": round(baseline, 4), "judged": relevant,
            "below_an_unjudged": below, "per_offer": per_offer}  # fmt: skip


# --- Growing the fair in bulk ---


def _grow_profiles(rng: random.Random, labels: dict, total: int) -> None:
    """Profiles up to `total`, each made from a labelled candidate as a template: the same
    occupations with other years, some of the skills, another Polish level and town. ~80 % consent
    to be shown (active), ~10 % withdrew, ~10 % never gave it; all have the service consent."""
    from bench.people import _people
    from restart.jobfair.models import CandidateProfile
    from restart.people.models import Consent, Person

    missing = total - CandidateProfile.objects.count()
    before = max(Person.objects.order_by("-pk").values_list("pk", flat=True)[:1], default=0)
    _people(rng, missing, 500_000 + before)
    people = list(Person.objects.filter(pk__gt=before).order_by("pk"))
    templates = [item for item in labels["candidates"] if item["occupations"]]
    towns = [item.get("city", "") for item in labels["candidates"]]
    profiles, consents, now = [], [], timezone.now()
    for person in people:
        template = rng.choice(templates)
        skills = template["skills"]
        profiles.append(CandidateProfile(
            person=person, occupations=[{"isco": item["isco"], "years": rng.randint(0, 15)}
                                        for item in template["occupations"]],
            skills=rng.sample(skills, rng.randint(min(1, len(skills)), len(skills))),
            polish_level=rng.choice(POLISH), languages=template["languages"], city=rng.choice(towns),
        ))  # fmt: skip
        consents.append(Consent(person=person, purpose=Consent.Purpose.SERVICE, text_version="bench"))
        roll = rng.random()
        if roll < 0.9:
            consents.append(Consent(person=person, purpose=Consent.Purpose.SHARE_WITH_EMPLOYERS, text_version="bench",
                                    withdrawn_at=now if roll >= 0.8 else None))  # fmt: skip
    CandidateProfile.objects.bulk_create(profiles, batch_size=2000)
    Consent.objects.bulk_create(consents, batch_size=2000)


def _grow_offers(rng: random.Random, labels: dict, total: int) -> None:
    """Published offers up to `total`, of the labelled employers, each from a labelled offer as a
    template in another town, with another Polish level and years."""
    from restart.jobfair.models import Employer, JobOffer
    from restart.jobfair.places import TOWNS

    employers = Employer.objects.in_bulk([item["key"] for item in labels["employers"]], field_name="key")
    towns = [item["city"] for item in labels["offers"]] + [name.title() for name in TOWNS]
    now, rows = timezone.now(), []
    for number in range(total - JobOffer.objects.count()):
        template = rng.choice(labels["offers"])
        rows.append(JobOffer(
            employer=employers[template["employer"]], titles=template["title"], isco=template["isco"],
            city=rng.choice(towns), contract=template["contract"], shifts=template["shifts"],
            housing=rng.random() < 0.3, polish_level=rng.choice(POLISH[:9]), languages=template["languages"],
            skills=template["skills"], min_experience_years=rng.randint(0, 3), status=JobOffer.Status.PUBLISHED,
            published_at=now - datetime.timedelta(minutes=number),
        ))  # fmt: skip
    JobOffer.objects.bulk_create(rows, batch_size=1000)


def _rank_candidates(timed, offer) -> dict:
    from restart.jobfair import matching
    from restart.jobfair.selectors import consenting_profiles

    gc.collect()
    with CaptureQueriesContext(connection) as queries:
        matching.rank_candidates(offer, consenting_profiles(), limit=20)
    row = timed(lambda: matching.rank_candidates(offer, consenting_profiles(), limit=20), 20)
    return {**row, "queries": len(queries), "ranked": consenting_profiles().count()}


def _rank_candidates_cold(timed, offer) -> dict:
    """The first ranking in a fresh process: every profile read and parsed (matching then keeps
    what it derived, and later calls re-read only the profiles saved since)."""
    from restart.jobfair import matching
    from restart.jobfair.selectors import consenting_profiles

    def cold():
        matching._FEATURES.clear()
        matching.rank_candidates(offer, consenting_profiles(), limit=20)

    gc.collect()
    return timed(cold, 5)


def _read_profiles(timed) -> dict:
    """Only reading the consenting profiles from the database: the part of the call scoring is not."""
    from restart.jobfair.selectors import consenting_profiles

    gc.collect()
    return timed(lambda: list(consenting_profiles()), 20)


def _rank_offers(timed, profile) -> dict:
    from restart.jobfair import matching
    from restart.jobfair.selectors import published_offers

    gc.collect()
    with CaptureQueriesContext(connection) as queries:
        matching.rank_offers(profile, published_offers(), limit=20)
    row = timed(lambda: matching.rank_offers(profile, published_offers(), limit=20), 20)
    return {**row, "queries": len(queries), "ranked": published_offers().count()}


def _consent_everyone() -> int:
    """The profiles that are not shown get an active consent, so that all 20,000 are ranked."""
    from restart.jobfair.models import CandidateProfile
    from restart.jobfair.selectors import consenting_profiles
    from restart.people.models import Consent

    hidden = CandidateProfile.objects.exclude(pk__in=consenting_profiles().values("pk")).values_list("person_id",
                                                                                                     flat=True)
    rows = [Consent(person_id=person, purpose=Consent.Purpose.SHARE_WITH_EMPLOYERS, text_version="bench")
            for person in hidden]  # fmt: skip
    Consent.objects.bulk_create(rows, batch_size=2000)
    return len(rows)


def run(timed) -> dict:
    from restart.jobfair.importer import import_jobfair
    from restart.jobfair.models import CandidateProfile, JobOffer

    rng = random.Random(11)
    labels = load_labels()
    import_jobfair(labels)
    found = quality(labels)
    rows = [{"name": f"NDCG@10, mean of {len(found['per_offer'])} offers", "value": found["mean"],
             "baseline_ndcg_at_10": found["baseline_mean"], "ratio": round(found["mean"] / found["baseline_mean"], 2),
             "judged": found["judged"], "below_an_unjudged": found["below_an_unjudged"]}]  # fmt: skip
    rows += [{"name": f"NDCG@10 {key}", "value": item["ndcg_at_10"], "baseline_ndcg_at_10": item["baseline_ndcg_at_10"]}
             for key, item in found["per_offer"].items()]  # fmt: skip

    offer = JobOffer.objects.get(key=TIMED_OFFER)
    candidate = CandidateProfile.objects.get(key=TIMED_CANDIDATE)
    _grow_profiles(rng, labels, 2_000)
    small, small_read = _rank_candidates(timed, offer), _read_profiles(timed)
    _grow_profiles(rng, labels, 20_000)
    large, large_read = _rank_candidates(timed, offer), _read_profiles(timed)
    cold = _rank_candidates_cold(timed, offer)
    rows.append({"name": "rank_candidates, 20,000 profiles", **large, "baseline_2000_p50_ms": small["p50_ms"],
                 "baseline_2000_p95_ms": small["p95_ms"], "baseline_ranked": small["ranked"],
                 "ratio": round(large["p95_ms"] / small["p95_ms"], 2), "target_p95_ms": 200})  # fmt: skip
    rows.append({"name": "  the first call in a process (cold)", **cold, "note": "ratio against the warm call",
                 "ratio": round(cold["p95_ms"] / large["p95_ms"], 2)})  # fmt: skip
    rows.append({"name": "  reading whole profile rows", **large_read, "baseline_2000_p50_ms": small_read["p50_ms"],
                 "baseline_2000_p95_ms": small_read["p95_ms"],
                 "ratio": round(large_read["p95_ms"] / small_read["p95_ms"], 2)})  # fmt: skip
    added = _consent_everyone()
    every = _rank_candidates(timed, offer)
    rows.append({"name": "rank_candidates, 20,000 all consenting", **every, "consents_added": added,
                 "ratio": round(every["p95_ms"] / small["p95_ms"], 2), "target_p95_ms": 200})  # fmt: skip

    _grow_offers(rng, labels, 200)
    offers_small = _rank_offers(timed, candidate)
    _grow_offers(rng, labels, 2_000)
    offers_large = _rank_offers(timed, candidate)
    rows.append({"name": "rank_offers, 2,000 offers", **offers_large, "baseline_200_p50_ms": offers_small["p50_ms"],
                 "baseline_200_p95_ms": offers_small["p95_ms"],
                 "ratio": round(offers_large["p95_ms"] / offers_small["p95_ms"], 2)})  # fmt: skip
    return {"rows": rows, "quality": found, "measured_at": datetime.datetime.now().isoformat(timespec="seconds")}
