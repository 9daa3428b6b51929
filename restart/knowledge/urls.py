from django.urls import path

from restart.knowledge.views import public

app_name = "knowledge"

urlpatterns = [
    path("", public.index, name="index"),
    path("topics/<slug:slug>/", public.topic_detail, name="topic"),
    path("<slug:slug>/", public.article_detail, name="article"),
]
