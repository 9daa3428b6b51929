"""A coordinator writes the campaign page; a visitor reads it in Ukrainian on a phone, nothing from elsewhere.

The film is a real one and a short one: Chromium itself records a second and a half of a canvas
into WebM (VP8) with MediaRecorder, so no encoder or video file has to ship with the tests. The
visitor's browser then plays it from our host, with the Ukrainian subtitle cue showing
(tests/test_campaign.py checks the bytes, types and 206 answers of the range requests).
"""

from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from restart.campaign.models import Campaign, CampaignTranslation, Material, ReachFigure
from restart.core.roles import Role
from tests.conftest import make_staff

# Run in the coordinator's browser: 1.5 s of a blinking canvas, recorded as WebM; returns the bytes.
RECORD_FILM = """async () => {
  const canvas = Object.assign(document.createElement("canvas"), {width: 64, height: 48});
  const context = canvas.getContext("2d");
  const recorder = new MediaRecorder(canvas.captureStream(25), {mimeType: "video/webm;codecs=vp8"});
  const chunks = [];
  recorder.ondataavailable = (event) => chunks.push(event.data);
  let frame = 0;
  const timer = setInterval(() => {
    context.fillStyle = frame++ % 2 ? "#1b4f8a" : "#f5c518";
    context.fillRect(0, 0, 64, 48);
  }, 40);
  recorder.start();
  await new Promise((resolve) => setTimeout(resolve, 1500));
  const stopped = new Promise((resolve) => { recorder.onstop = resolve; });
  recorder.stop();
  await stopped;
  clearInterval(timer);
  return Array.from(new Uint8Array(await new Blob(chunks).arrayBuffer()));
}"""
VTT = "WEBVTT\n\n1\n00:00:00.000 --> 00:00:02.000\nПривіт, Вроцлаве!\n".encode()


def _sign_in(page, email: str, device: TOTPDevice) -> None:
    page.goto("/en/staff/login/")
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label("Password").fill("a-long-Passw0rd!")
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("Six-digit code").fill(f"{totp(device.bin_key):06d}")
    page.get_by_role("button", name="Verify").click()
    page.wait_for_url("**/en/staff/")


def _fits_a_phone(page, path: str) -> None:
    page.set_viewport_size({"width": 320, "height": 800})
    overflow = page.evaluate("document.documentElement.scrollWidth")
    assert overflow <= 320, f"{path} is {overflow}px wide at 320px"
    page.set_viewport_size({"width": 1280, "height": 900})


def test_a_coordinator_writes_the_page_and_a_visitor_reads_it_in_ukrainian(visit, db):
    page = visit.page
    coordinator = make_staff("kasia@restart.example", Role.COORDINATOR, full_name="Kasia Koordynatorka")
    _sign_in(page, coordinator.email, TOTPDevice.objects.create(user=coordinator, name="phone", confirmed=True))

    page.get_by_role("navigation", name="Staff area").get_by_role("link", name="Campaign").click()
    page.wait_for_url("**/en/staff/campaign/")
    visit.check_accessibility()
    _fits_a_phone(page, "overview")

    page.get_by_role("link", name="Edit the page").first.click()
    visit.check_accessibility()
    page.get_by_label("Authors of the film").fill("Olena Astakhova, Aleksandra Dziuli")
    page.locator("#translation-pl").get_by_role("textbox", name="Title").fill("Jestem wrocławianinem tak jak Ty")
    ukrainian = page.locator("#translation-uk")
    ukrainian.get_by_role("textbox", name="Title").fill("Я вроцлав'янин, так само як Ти")
    ukrainian.get_by_label("What the campaign is").fill("Кампанія про **сусідів**.")
    ukrainian.get_by_label("Transcript of the film").fill("Привіт, Вроцлаве!")
    ukrainian.get_by_label("Subtitles (WebVTT)").set_input_files(
        {"name": "uk.srt", "mimeType": "text/vtt", "buffer": b"1\n00:00:00,000 --> 00:00:02,000\nHi\n"})  # fmt: skip
    page.get_by_label("Film (video file)").set_input_files(
        {"name": "film.webm", "mimeType": "video/webm", "buffer": b"\x1aE\xdf\xa3" + bytes(2000)})  # fmt: skip
    page.get_by_role("button", name="Save").click()
    page.get_by_role("alert").wait_for()
    visit.check_accessibility()
    assert not Campaign.objects.exists()
    assert ukrainian.get_by_label("Transcript of the film").input_value() == "Привіт, Вроцлаве!"

    subtitles = {"name": "uk.vtt", "mimeType": "text/vtt", "buffer": VTT}
    ukrainian.get_by_label("Subtitles (WebVTT)").set_input_files(subtitles)
    film = bytes(page.evaluate(RECORD_FILM))
    assert film[:4] == b"\x1aE\xdf\xa3"  # a WebM (EBML) file
    page.get_by_label("Film (video file)").set_input_files(
        {"name": "film.webm", "mimeType": "video/webm", "buffer": film})  # fmt: skip
    page.get_by_role("button", name="Save").click()
    page.wait_for_url("**/en/staff/campaign/")
    assert CampaignTranslation.objects.get(language="uk").subtitles

    page.get_by_role("link", name="Add a material").first.click()
    visit.check_accessibility()
    page.get_by_label("Title (Українська)").fill("Інформаційний пакет")
    page.get_by_label("File").set_input_files({"name": "pakiet.pdf", "mimeType": "application/pdf",
                                               "buffer": b"%PDF-1.4\n"})  # fmt: skip
    page.get_by_label("Information package").check()
    page.get_by_role("button", name="Save").click()
    page.wait_for_url("**/en/staff/campaign/")
    assert Material.objects.get().is_information_package

    page.get_by_label("Kind").select_option("media_mention")
    page.get_by_label("Source").fill("Gazeta Wrocławska")
    page.get_by_label("Number").fill("1")
    page.get_by_role("button", name="Record", exact=True).click()
    page.get_by_role("status").wait_for()
    assert ReachFigure.objects.get().source == "Gazeta Wrocławska"
    visit.check_accessibility()

    page.goto("/uk/campaign/")
    visit.check_accessibility()
    _fits_a_phone(page, "/uk/campaign/")
    assert page.get_by_role("heading", level=1).inner_text() == "Я вроцлав'янин, так само як Ти"
    assert "Привіт, Вроцлаве!" in page.locator(".transcript").inner_text()
    assert page.locator("video[controls]").count() == 1
    track = page.locator('video track[srclang="uk"]')
    assert track.get_attribute("default") is not None and track.get_attribute("kind") == "subtitles"
    page.wait_for_function("document.querySelector('video track[srclang=uk]').readyState === 2")
    assert page.evaluate("document.querySelector('video').textTracks[0].mode") == "showing"
    # It plays, from our host, with the Ukrainian line on screen.
    page.evaluate("() => { const video = document.querySelector('video'); video.muted = true; return video.play(); }")
    page.wait_for_function("() => document.querySelector('video').currentTime > 0.2")
    page.wait_for_function(
        "() => { const cues = document.querySelector('video').textTracks[0].activeCues;"
        " return cues && cues.length > 0 && cues[0].text === 'Привіт, Вроцлаве!'; }"
    )
    assert page.get_by_role("link", name="Інформаційний пакет").is_visible()
    # the visit fixture fails the test if the browser asked any other host


def test_the_campaign_page_without_content_is_accessible_and_fits_a_phone(visit, db):
    page = visit.page
    for path in ("/pl/campaign/", "/ru/campaign/"):
        assert page.goto(path).status == 200
        visit.check_accessibility()
        _fits_a_phone(page, path)
