from django.urls import path

from restart.api import views

app_name = "api_reference"

urlpatterns = [path("", views.reference, name="reference")]
