from django.urls import path

from restart.reports import views

app_name = "reports"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    *[path(f"download.{fmt}", views.download, {"fmt": fmt}, name=f"download_{fmt}") for fmt in ("json", "xlsx", "pdf")],
    path("people/", views.people_behind, name="people"),
    path("periods/", views.periods, name="periods"),
    path("periods/<int:pk>/", views.period_detail, name="period"),
    path("import/", views.activities_upload, name="import"),
]
