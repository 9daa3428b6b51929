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
]
