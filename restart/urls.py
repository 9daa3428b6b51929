from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from restart.core.views import healthz
from restart.courses.views.public import verify as course_verify
from restart.events.views.public import events_ics
from restart.infopoint.views.public import manage_short
from restart.registrations.views import manage_short as registration_short

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("api/v1/", include("restart.api.urls")),
    # The short booking link sent by SMS: no language prefix, it redirects to the person's own.
    path("b/<str:code>/", manage_short, name="manage_short"),
    path("events.ics", events_ics, name="events_ics"),
    path("r/<str:code>/", registration_short, name="registration_short"),
    # Printed on certificates as a QR code: no language prefix, the page speaks the reader's language.
    path("verify/<str:code>", course_verify, name="course_verify"),
]

urlpatterns += i18n_patterns(
    path("staff/people/", include("restart.people.urls")),
    path("staff/information-point/", include("restart.infopoint.staff_urls")),
    path("staff/knowledge/", include("restart.knowledge.staff_urls")),
    path("staff/campaign/", include("restart.campaign.staff_urls")),
    path("staff/audit/", include("restart.core.audit_urls")),
    path("staff/meetings/", include("restart.events.staff_urls")),
    path("staff/courses/", include("restart.courses.staff_urls")),
    path("staff/job-fair/", include("restart.jobfair.staff_urls")),
    path("staff/reports/", include("restart.reports.urls")),
    path("staff/", include("restart.staff.urls")),
    path("information-point/knowledge/", include("restart.knowledge.urls")),
    path("information-point/", include("restart.infopoint.urls")),
    path("meetings/", include("restart.events.urls")),
    path("courses/", include("restart.courses.urls")),
    path("job-fair/", include("restart.jobfair.urls")),
    path("registrations/", include("restart.registrations.urls")),
    path("campaign/", include("restart.campaign.urls")),
    path("api/", include("restart.api.reference_urls")),
    path("", include("restart.core.urls")),
)
