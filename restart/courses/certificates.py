"""The certificate as a PDF (WeasyPrint, in Polish): the participant's name in their own script,
the course, the level reached, hours and dates, and a QR code of its public verification page."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from restart.core.qr import qr_svg
from restart.courses.models import Certificate


def verification_url(certificate: Certificate) -> str:
    return settings.SITE_URL + reverse("course_verify", args=[certificate.code])


def _no_fetching(url: str, *args, **kwargs):
    # Everything the certificate needs is inline: nothing is fetched, from us or from elsewhere.
    raise ValueError(f"The certificate does not load {url}")


def render_pdf(certificate: Certificate) -> bytes:
    from weasyprint import HTML  # imported here: it loads pango, which only the PDF needs

    url = verification_url(certificate)
    with translation.override("pl"):
        html = render_to_string("courses/certificate.html", {
            "certificate": certificate, "verify_url": url, "programme_name": settings.PROGRAMME_NAME,
            "qr": qr_svg(url, label=f"{url}"),
        })  # fmt: skip
    return HTML(string=html, url_fetcher=_no_fetching).write_pdf()


def pdf_response(certificate: Certificate, request: HttpRequest | None = None) -> HttpResponse:
    response = HttpResponse(render_pdf(certificate), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="certificate-{certificate.code}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response
