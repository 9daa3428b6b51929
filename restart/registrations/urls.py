from django.urls import path

from restart.registrations import views

app_name = "registrations"

urlpatterns = [
    path("<str:token>/", views.manage, name="manage"),
    path("<str:token>/cancel/", views.manage_cancel, name="manage_cancel"),
    path("<str:token>/confirm/", views.manage_confirm, name="manage_confirm"),
    path("<str:token>/my-data/", views.manage_data, name="manage_data"),
    path("<str:token>/feedback/", views.manage_feedback, name="manage_feedback"),
]
