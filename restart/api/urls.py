from django.urls import path

from restart.api import views

app_name = "api"

urlpatterns = [path("knowledge/search", views.knowledge_search_view, name="knowledge_search")]
