from django.urls import path

from restart.campaign.views import staff

app_name = "campaign_staff"

urlpatterns = [
    path("", staff.overview, name="overview"),
    path("page/", staff.page_edit, name="page_edit"),
    path("materials/new/", staff.material_edit, name="material_create"),
    path("materials/<int:pk>/", staff.material_edit, name="material_edit"),
    path("materials/<int:pk>/delete/", staff.material_delete, name="material_delete"),
    path("reach/", staff.reach_create, name="reach_create"),
    path("reach/<int:pk>/delete/", staff.reach_delete, name="reach_delete"),
]
