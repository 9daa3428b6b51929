from django.urls import path

from restart.jobfair.views import staff

app_name = "jobfair_staff"

urlpatterns = [
    path("", staff.home, name="home"),
    path("offers/new/", staff.offer_edit, name="offer_create"),
    path("offers/<int:pk>/", staff.offer_detail, name="offer"),
    path("offers/<int:pk>/edit/", staff.offer_edit, name="offer_edit"),
    path("offers/<int:pk>/decide/", staff.offer_decide, name="offer_decide"),
    path("employers/<int:pk>/decide/", staff.employer_decide, name="employer_decide"),
    path("candidates/<int:pk>/", staff.candidate_profile, name="candidate"),
]
