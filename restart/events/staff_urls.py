from django.urls import path

from restart.events.views import staff

app_name = "events_staff"

urlpatterns = [
    path("", staff.event_list, name="list"),
    path("new/", staff.event_create, name="create"),
    path("<int:pk>/", staff.event_detail, name="event"),
    path("<int:pk>/edit/", staff.event_edit, name="event_edit"),
    path("occasions/<int:pk>/edit/", staff.occurrence_edit, name="occurrence_edit"),
    path("occasions/<int:pk>/cancel/", staff.occurrence_cancel, name="occurrence_cancel"),
    path("registrations/<int:pk>/move/", staff.registration_move, name="registration_move"),
    path("occasions/<int:pk>/", staff.occurrence_detail, name="occurrence"),
    path("occasions/<int:pk>/add/", staff.occurrence_add_person, name="occurrence_add"),
    path("occasions/<int:pk>/check-in/", staff.occurrence_check_in, name="check_in"),
    path("occasions/<int:pk>/message/", staff.occurrence_message, name="message"),
    path("occasions/<int:pk>/check-in/scans/", staff.occurrence_scans, name="scans"),
    path("registrations/<int:pk>/undo-check-in/", staff.registration_check_in_undo, name="check_in_undo"),
    path("registrations/<int:pk>/", staff.registration_mark, name="registration_mark"),
]
