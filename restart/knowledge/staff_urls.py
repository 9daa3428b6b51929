from django.urls import path

from restart.knowledge.views import staff

app_name = "knowledge_staff"

urlpatterns = [
    path("", staff.article_list, name="list"),
    path("new/", staff.article_edit, name="create"),
    path("<int:pk>/", staff.article_edit, name="edit"),
]
