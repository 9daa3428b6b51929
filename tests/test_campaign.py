"""The campaign: its page as data in four languages, the film served by us, materials and reach."""

import datetime
import re

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from restart.campaign.models import Campaign, CampaignTranslation, Material, ReachFigure
from restart.campaign.selectors import information_packages_count
from restart.campaign.services import campaign_save, material_save
from restart.core.errors import DomainError
from restart.core.models import AuditEvent
from restart.core.roles import Role
from restart.events.models import Event
from restart.events.services import event_create
from restart.registrations.services import registration_create, registration_mark
from tests.conftest import make_staff, sign_in
from tests.people_factories import make_person

VTT = b"WEBVTT\n\n1\n00:00:00.000 --> 00:00:02.000\n<script>alert(1)</script> hello\n"
VIDEO = bytes(range(256)) * 40  # 10,240 bytes: the view serves bytes, it does not decode them


def pl(text: str) -> str:
    with translation.override("pl"):
        return gettext(text)


@pytest.fixture
def coordinator(db):
    return make_staff("koordynatorka@example.org", Role.COORDINATOR, full_name="Kasia Koordynatorka")


@pytest.fixture
def coordinator_client(client, coordinator):
    sign_in(client, coordinator)
    return client


def _page(*languages: str, video: bool = False, **fields) -> Campaign:
    translations = {
        code: {"title": f"Tytuł {code}", "intro": f"Wstęp **{code}**", "film_text": "O filmie",
               "transcript": f"Transkrypcja {code}", "subtitles": ContentFile(VTT, name=f"{code}.vtt")}
        for code in languages
    }  # fmt: skip
    campaign = Campaign(film_authors="Olena Astakhova, Aleksandra Dziuli", **fields)
    return campaign_save(campaign=campaign, translations=translations, by=None,
                         video=ContentFile(VIDEO, name="film.webm") if video else None)  # fmt: skip


def test_the_page_shows_the_readers_language(client, db):
    _page("pl", "uk")
    html = client.get("/uk/campaign/").content.decode()
    assert "Tytuł uk" in html and "Wstęp <strong>uk</strong>" in html and "Transkrypcja uk" in html
    assert "Olena Astakhova, Aleksandra Dziuli" in html
    assert 'class="notice" lang="uk"' not in html


def test_a_missing_translation_falls_back_to_polish_with_a_visible_note(client, db):
    _page("pl", "uk")
    html = client.get("/ru/campaign/").content.decode()
    with translation.override("ru"):
        note = gettext("This page is not yet available in your language. Here is another language version.")
    assert note != "This page is not yet available in your language. Here is another language version."
    assert "Tytuł pl" in html and note in html and '<article class="campaign" lang="pl">' in html


def test_before_the_coordinator_writes_anything_the_page_has_empty_states(client, db):
    html = client.get("/en/campaign/").content.decode()
    assert "The film will appear here." in html and "<video" not in html
    assert "No screening is planned at the moment." in html and "Materials will appear here." in html


def test_markdown_is_rendered_safely(client, db):
    campaign_save(campaign=Campaign(), by=None, translations={
        "pl": {"title": "T", "intro": "<script>alert(1)</script> [x](javascript:alert(1))"}})  # fmt: skip
    html = client.get("/pl/campaign/").content.decode()
    assert "<script>alert(1)" not in html and 'href="javascript:' not in html


def test_the_film_plays_with_a_subtitle_track_per_language_and_the_pages_language_by_default(client, db):
    _page("pl", "uk", "ru", "en", video=True)
    html = client.get("/uk/campaign/").content.decode()
    assert re.search(r'<video class="film" controls[^>]*src="/uk/campaign/film/', html)
    tracks = re.findall(r"<track [^>]*>", html)
    assert [re.search(r'srclang="(\w+)"', t).group(1) for t in tracks] == ["pl", "uk", "ru", "en"]
    assert [t for t in tracks if " default" in t] == [t for t in tracks if 'srclang="uk"' in t]
    assert all('kind="subtitles"' in t and 'label="' in t for t in tracks)


def test_the_video_is_served_whole_with_its_type_and_in_ranges_so_browsers_can_seek(client, db):
    _page("pl", video=True)
    whole = client.get("/pl/campaign/film/")
    assert whole.status_code == 200 and whole["Content-Type"] == "video/webm"
    assert whole["Accept-Ranges"] == "bytes" and b"".join(whole.streaming_content) == VIDEO
    part = client.get("/pl/campaign/film/", headers={"range": "bytes=100-199"})
    assert part.status_code == 206 and part["Content-Type"] == "video/webm"
    assert part["Content-Range"] == f"bytes 100-199/{len(VIDEO)}" and part["Content-Length"] == "100"
    assert b"".join(part.streaming_content) == VIDEO[100:200]
    tail = client.get("/pl/campaign/film/", headers={"range": "bytes=-10"})
    assert tail.status_code == 206 and b"".join(tail.streaming_content) == VIDEO[-10:]
    open_ended = client.get("/pl/campaign/film/", headers={"range": "bytes=10000-"})
    assert open_ended["Content-Range"] == f"bytes 10000-{len(VIDEO) - 1}/{len(VIDEO)}"
    beyond = client.get("/pl/campaign/film/", headers={"range": f"bytes={len(VIDEO)}-"})
    assert beyond.status_code == 416 and beyond["Content-Range"] == f"bytes */{len(VIDEO)}"


def test_subtitles_are_served_as_webvtt(client, db):
    _page("uk")
    response = client.get("/pl/campaign/subtitles/uk.vtt")
    assert response.status_code == 200 and response["Content-Type"] == "text/vtt; charset=utf-8"
    assert b"".join(response.streaming_content) == VTT
    assert client.get("/pl/campaign/subtitles/ru.vtt").status_code == 404
    assert client.get("/pl/campaign/film/").status_code == 404  # no film uploaded


def test_the_default_page_loads_nothing_from_another_host_and_links_out_only_on_request(client, db):
    _page("pl", "uk", video=True, external_page_url="https://video.example.com/watch/1",
          external_embed_url="https://video.example.com/embed/1")  # fmt: skip
    response = client.get("/uk/campaign/")
    html = response.content.decode()
    external = re.findall(r'(?:src|href|action|poster)="((?:https?:)?//[^"]+)"', html)
    assert external == ["https://video.example.com/watch/1"]  # the click-to-load link, nothing else
    assert "<iframe" not in html and "frame-src" not in response["Content-Security-Policy"]
    assert "video.example.com" in re.search(r"<a [^>]*data-embed-href[^>]*>[^<]*</a>", html).group(0)
    asked = client.get("/uk/campaign/?external=1")
    assert '<iframe class="film" src="https://video.example.com/embed/1"' in asked.content.decode()
    assert "frame-src https://video.example.com;" in asked["Content-Security-Policy"]
    assert "default-src 'self'" in asked["Content-Security-Policy"]


def test_without_an_embeddable_player_the_external_film_is_only_a_link(client, db):
    _page("pl", external_page_url="https://video.example.com/watch/1")
    response = client.get("/pl/campaign/?external=1")
    assert "<iframe" not in response.content.decode() and "frame-src" not in response["Content-Security-Policy"]


def test_materials_are_downloaded_as_attachments_with_titles_in_the_readers_language(client, db):
    material = material_save(material=Material(titles={"pl": "Ulotka", "uk": "Листівка"},
                                               file=ContentFile(b"%PDF-1.4", name="ulotka.pdf")), by=None)  # fmt: skip
    assert "Листівка" in client.get("/uk/campaign/").content.decode()
    assert "Ulotka" in client.get("/en/campaign/").content.decode()
    response = client.get(f"/en/campaign/materials/{material.pk}/")
    assert response["Content-Type"] == "application/pdf" and "attachment" in response["Content-Disposition"]


def test_information_packages_are_counted_for_a_period(db):
    def add(on, package):
        material_save(material=Material(titles={"pl": "x"}, file=ContentFile(b"x", name="x.pdf"),
                                        is_information_package=package, published_on=on), by=None)  # fmt: skip

    add(datetime.date(2026, 3, 1), True)
    add(datetime.date(2026, 6, 30), True)
    add(datetime.date(2026, 4, 1), False)
    add(datetime.date(2025, 12, 31), True)
    assert information_packages_count(start=datetime.date(2026, 1, 1), end=datetime.date(2026, 6, 30)) == 2


def test_a_material_needs_a_title_in_some_language(db):
    with pytest.raises(DomainError):
        material_save(material=Material(titles={"pl": " "}, file=ContentFile(b"x", name="x.pdf")), by=None)


def test_the_service_refuses_subtitles_that_are_not_webvtt(db):
    with pytest.raises(DomainError) as refusal:
        not_vtt = ContentFile(b"1\n00:00", name="x.vtt")
        campaign_save(campaign=Campaign(), by=None, translations={"uk": {"title": "T", "subtitles": not_vtt}})
    assert "uk-subtitles" in refusal.value.message_dict and not Campaign.objects.exists()


def _edit_data(**overrides) -> dict:
    data = {"film_authors": "Olena Astakhova, Aleksandra Dziuli", "external_page_url": "", "external_embed_url": ""}
    for code in ("pl", "uk", "ru", "en"):
        data |= {f"{code}-title": "", f"{code}-intro": "", f"{code}-film_text": "", f"{code}-transcript": ""}
    data |= {"pl-title": "Jestem wrocławianinem", "pl-intro": "O kampanii", "uk-title": "Я вроцлав'янин",
             "uk-transcript": "Текст фільму"}  # fmt: skip
    return data | overrides


def test_a_coordinator_edits_the_page_uploads_the_film_and_subtitles_and_it_is_audited(coordinator_client):
    response = coordinator_client.post(reverse("campaign_staff:page_edit"), _edit_data(
        video=SimpleUploadedFile("film.webm", VIDEO, content_type="video/webm"),
        **{"uk-subtitles": SimpleUploadedFile("uk.vtt", VTT, content_type="text/vtt")},
    ))  # fmt: skip
    assert response.status_code == 302
    campaign = Campaign.objects.get()
    assert campaign.video and campaign.film_authors == "Olena Astakhova, Aleksandra Dziuli"
    ukrainian = CampaignTranslation.objects.get(language="uk")
    assert ukrainian.transcript == "Текст фільму" and ukrainian.subtitles.read() == VTT
    assert not CampaignTranslation.objects.filter(language__in=["ru", "en"]).exists()
    assert AuditEvent.objects.filter(action="campaign.create").count() == 1


def test_a_bad_subtitle_file_is_refused_next_to_its_field_and_nothing_typed_is_lost(coordinator_client):
    response = coordinator_client.post(reverse("campaign_staff:page_edit"), _edit_data(
        **{"uk-subtitles": SimpleUploadedFile("uk.vtt", b"1\n00:00:00,000 --> 00:00:02,000\nHi\n")},
    ))  # fmt: skip
    html = response.content.decode()
    assert response.status_code == 200 and not Campaign.objects.exists()
    error = pl("This is not a WebVTT file: its first line must be WEBVTT.")
    fieldset = html.split('id="translation-uk"')[1].split("</fieldset>")[0]
    assert error in fieldset and html.count('<p class="field-error">') == 1
    assert "Я вроцлав&#x27;янин" in fieldset and "Текст фільму" in fieldset
    assert "O kampanii" in html and 'value="Olena Astakhova, Aleksandra Dziuli"' in html


def test_an_external_address_must_be_https(coordinator_client):
    response = coordinator_client.post(reverse("campaign_staff:page_edit"),
                                       _edit_data(external_page_url="http://video.example.com/1"))  # fmt: skip
    assert response.status_code == 200 and pl("Give an address that starts with https://.") in response.content.decode()


def test_a_coordinator_adds_a_material_marked_as_an_information_package(coordinator_client):
    response = coordinator_client.post(reverse("campaign_staff:material_create"), {
        "title_pl": "Pakiet informacyjny", "title_uk": "Інформаційний пакет", "title_ru": "", "title_en": "",
        "file": SimpleUploadedFile("pakiet.pdf", b"%PDF-1.4"), "is_information_package": "on",
        "published_on": "2026-05-01",
    })  # fmt: skip
    assert response.status_code == 302
    material = Material.objects.get()
    assert material.titles == {"pl": "Pakiet informacyjny", "uk": "Інформаційний пакет"}
    assert material.is_information_package
    assert AuditEvent.objects.filter(action="campaign.material_create", object_id=str(material.pk)).exists()
    coordinator_client.post(reverse("campaign_staff:material_delete", args=[material.pk]))
    assert not Material.objects.exists() and AuditEvent.objects.filter(action="campaign.material_delete").exists()


def test_a_coordinator_records_reach_and_sees_it_on_the_campaign_page(coordinator_client, coordinator):
    figure = {"kind": "media_mention", "on": "2026-05-04", "source": "Gazeta Wrocławska", "number": "1", "note": ""}
    response = coordinator_client.post(reverse("campaign_staff:reach_create"), figure)
    assert response.status_code == 302
    figure = ReachFigure.objects.get()
    assert figure.recorded_by == coordinator
    assert AuditEvent.objects.filter(action="campaign.reach_record").exists()
    html = coordinator_client.get(reverse("campaign_staff:overview")).content.decode()
    assert "Gazeta Wrocławska" in html
    none_yet = pl("Screenings held: %(held)s, audience counted at check-in: %(audience)s.") % {"held": 0, "audience": 0}
    assert none_yet in html


def test_a_figure_without_a_number_is_refused_and_what_was_typed_stays(coordinator_client):
    figure = {"kind": "views", "on": "2026-05-04", "source": "YouTube", "number": ""}
    response = coordinator_client.post(reverse("campaign_staff:reach_create"), figure)
    assert response.status_code == 200 and 'value="YouTube"' in response.content.decode()
    assert not ReachFigure.objects.exists()


@pytest.mark.parametrize("url", [
    "campaign_staff:overview", "campaign_staff:page_edit", "campaign_staff:material_create",
])
def test_a_consultant_and_a_teacher_are_refused_the_campaign_pages(client, db, url):
    for role in (Role.CONSULTANT, Role.TEACHER):
        sign_in(client, make_staff(f"{role}@example.org", role))
        assert client.get(reverse(url)).status_code == 403


def test_a_consultant_cannot_change_the_page(client, db):
    sign_in(client, make_staff("konsultant@example.org", Role.CONSULTANT))
    assert client.post(reverse("campaign_staff:page_edit"), _edit_data()).status_code == 403
    assert not Campaign.objects.exists()


def test_the_staff_area_leads_a_coordinator_to_the_campaign(coordinator_client):
    html = coordinator_client.get(reverse("staff:dashboard")).content.decode()
    assert f'href="{reverse("campaign_staff:overview")}"' in html


def test_the_demo_step_writes_the_page_in_four_languages_once(db):
    from restart.campaign.demo import seed_campaign

    seed_campaign()
    assert seed_campaign() == "already there"
    assert set(CampaignTranslation.objects.exclude(subtitles="").values_list("language", flat=True)) == {
        "pl", "uk", "ru", "en"}  # fmt: skip


def test_screenings_come_from_the_events_and_their_audience_from_check_ins(client, coordinator_client, coordinator):
    _page("pl", "uk")
    now = timezone.now()
    for slug, when in (("past-screening", now - datetime.timedelta(days=3)),
                       ("next-screening", now + datetime.timedelta(days=4))):
        titles = {"pl": f"Pokaz {slug}", "uk": f"Показ {slug}"}
        event_create(data={"slug": slug, "kind": "screening", "titles": titles, "place": "Kino Nowe Horyzonty"},
                     first_starts_at=when, minutes=90, by=coordinator)  # fmt: skip
    past = Event.objects.get(slug="past-screening").occurrences.get()
    came = registration_create(quota=past.quota, person=make_person(), language="uk", by=coordinator)
    registration_mark(registration=came, status="attended", by=coordinator)
    registration_create(quota=past.quota, person=make_person(full_name="No Show"), language="uk", by=coordinator)
    overview = coordinator_client.get(reverse("campaign_staff:overview")).content.decode()
    assert pl("Screenings held: %(held)s, audience counted at check-in: %(audience)s.") % {
        "held": 1, "audience": 1} in overview  # fmt: skip
    page = client.get("/uk/campaign/").content.decode()
    assert "Показ next-screening" in page and "past-screening" not in page
