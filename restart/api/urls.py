from django.urls import path

from restart.api import views
from restart.api.api import api

app_name = "api"

# The ninja API's own routes (schema and endpoints) plus the human-readable reference.
urlpatterns = [path("docs", views.reference_redirect, name="docs"), *api.urls[0]]
