from django.urls import path

from restart.jobfair.views import public

app_name = "jobfair"

urlpatterns = [
    path("", public.offer_list, name="list"),
    path("offers/<int:pk>/", public.offer_detail, name="offer"),
    path("employers/register/", public.employer_register, name="register"),
    path("candidates/", public.candidate_start, name="candidate_start"),
    path("profile/<str:token>/", public.profile, name="profile"),
    path("profile/<str:token>/cv.pdf", public.profile_cv, name="profile_cv"),
    path("profile/<str:token>/interviews/", public.profile_book, name="profile_book"),
    path("interview/<str:token>/accept/", public.interview_accept, name="interview_accept"),
    path("interview/<str:token>/decline/", public.interview_decline, name="interview_decline"),
    path("interview/<str:token>/still-employed/", public.still_employed, name="still_employed"),
]
