"""A consultant edits an article's translations side by side; readers find it in their language."""

from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import gettext
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from restart.core.roles import Role
from restart.knowledge.models import Article, ArticleTranslation
from restart.knowledge.services import article_save
from tests.conftest import make_staff, run_worker


def pl(text: str) -> str:
    with translation.override("pl"):
        translated = gettext(text)
    assert translated != text, f"not translated into Polish: {text!r}"
    return translated


def test_consultant_edits_translations_side_by_side_and_readers_find_them(visit, db):
    page = visit.page
    consultant = make_staff("olena@restart.example", Role.CONSULTANT, full_name="Olena Konsultantka")
    device = TOTPDevice.objects.create(user=consultant, name="phone", confirmed=True)
    article = article_save(
        article=Article(slug="pesel", status=Article.Status.PUBLISHED),
        translations={"pl": {"title": "Jak uzyskać numer PESEL?", "summary": "W urzędzie gminy.",
                             "body": "Wniosek o numer PESEL składasz w urzędzie gminy."}},
        by=None,
    )  # fmt: skip
    run_worker()

    page.goto("/pl/staff/login/")
    page.get_by_label(pl("E-mail address")).fill(consultant.email)
    page.get_by_label(pl("Password")).fill("a-long-Passw0rd!")
    page.get_by_role("button", name=pl("Continue")).click()
    page.get_by_label(pl("Six-digit code from your authenticator app")).fill(f"{totp(device.bin_key):06d}")
    page.get_by_role("button", name=pl("Verify")).click()
    page.wait_for_url("**/pl/staff/")

    page.get_by_role("navigation", name=pl("Staff area")).get_by_role("link", name=pl("Knowledge base")).click()
    visit.check_accessibility()
    assert "UK — " + pl("missing") in page.locator("main table").inner_text()
    page.get_by_role("link", name="pesel").click()
    visit.check_accessibility()

    ukrainian = page.locator("#translation-uk")
    assert ukrainian.is_visible() and page.locator("#translation-pl").is_visible()
    ukrainian.get_by_label(capfirst(pl("title"))).fill("Як отримати номер PESEL?")
    ukrainian.get_by_label(capfirst(pl("summary"))).fill("У гміні, за заявою.")
    ukrainian.get_by_label(capfirst(pl("text"))).fill("Заяву на номер **PESEL** подають в уряді гміни.")
    page.get_by_role("button", name=pl("Save")).click()
    page.get_by_role("status").wait_for()
    visit.check_accessibility()
    assert ArticleTranslation.objects.get(article=article, language="uk").title == "Як отримати номер PESEL?"
    run_worker()

    page.goto("/uk/information-point/knowledge/?q=PESEL")
    visit.check_accessibility()
    assert "Як отримати номер PESEL?" in page.locator("main").inner_text()
    assert page.locator(".snippet mark").count() >= 1
    page.get_by_role("link", name="Як отримати номер PESEL?").click()
    assert page.locator("article strong").inner_text() == "PESEL"
    visit.check_accessibility()
