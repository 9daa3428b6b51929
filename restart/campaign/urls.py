from django.urls import path

from restart.campaign.views import public

app_name = "campaign"

urlpatterns = [
    path("", public.page, name="page"),
    path("film/", public.film, name="film"),
    path("subtitles/<str:language>.vtt", public.subtitles, name="subtitles"),
    path("materials/<int:pk>/", public.material, name="material"),
]
