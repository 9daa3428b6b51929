from django.urls import path

from restart.jobfair.views import fair, staff

app_name = "jobfair_staff"

urlpatterns = [
    path("", staff.home, name="home"),
    path("offers/new/", staff.offer_edit, name="offer_create"),
    path("offers/<int:pk>/", staff.offer_detail, name="offer"),
    path("offers/<int:pk>/edit/", staff.offer_edit, name="offer_edit"),
    path("offers/<int:pk>/decide/", staff.offer_decide, name="offer_decide"),
    path("employers/<int:pk>/decide/", staff.employer_decide, name="employer_decide"),
    path("candidates/<int:pk>/", staff.candidate_profile, name="candidate"),
    path("offers/<int:pk>/invite/", fair.offer_invite, name="offer_invite"),
    path("fairs/new/", fair.fair_create, name="fair_create"),
    path("fairs/<int:pk>/", fair.fair_detail, name="fair"),
    path("fairs/<int:pk>/stand/", fair.stand_book, name="stand_book"),
    path("stands/<int:pk>/slots/", fair.slots_open, name="slots_open"),
    path("slots/<int:pk>/remove/", fair.slot_remove, name="slot_remove"),
    path("interviews/<int:pk>/outcome/", fair.interview_outcome, name="interview_outcome"),
    path("interviews/<int:pk>/cancel/", fair.interview_cancel, name="interview_cancel"),
    path("interviews/<int:pk>/cv.pdf", fair.interview_cv, name="interview_cv"),
]
