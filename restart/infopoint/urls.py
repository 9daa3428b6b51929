from django.urls import path

from restart.infopoint.views import public

app_name = "infopoint"

urlpatterns = [
    path("", public.overview, name="overview"),
    path("book/", public.book, name="book"),
    path("book/<int:slot_id>/", public.book_slot, name="book_slot"),
    path("booking/<str:token>/", public.manage, name="manage"),
    path("booking/<str:token>/cancel/", public.manage_cancel, name="manage_cancel"),
    path("booking/<str:token>/move/", public.manage_move, name="manage_move"),
]
