from django.urls import path

from restart.courses.views import public

app_name = "courses"

urlpatterns = [
    path("", public.catalogue, name="catalogue"),
    path("placement/", public.placement, name="placement"),
    path("groups/<int:pk>/", public.group_detail, name="group"),
    path("certificate/<str:token>/", public.certificate_download, name="certificate"),
    path("calendar/<str:code>.ics", public.participant_calendar, name="participant_calendar"),
    path("teaching/<str:code>.ics", public.teacher_calendar, name="teacher_calendar"),
    path("verify/", public.verify_form, name="verify_form"),
]
