from django.urls import path

from restart.infopoint.views import staff

app_name = "infopoint_staff"

urlpatterns = [
    path("", staff.week, name="week"),
    path("availability/", staff.availability, name="availability"),
    path("slots/<int:pk>/delete/", staff.slot_delete, name="slot_delete"),
    path("consultations/<int:pk>/", staff.consultation_detail, name="consultation"),
    path("consultations/<int:pk>/referral/", staff.referral_create, name="referral_create"),
    path("consultations/<int:pk>/person/", staff.consultation_person, name="consultation_person"),
    path("walk-in/", staff.walk_in, name="walk_in"),
    path("referrals/", staff.referral_list, name="referrals"),
    path("referrals/<int:pk>/", staff.referral_detail, name="referral"),
    path("referrals/<int:pk>/offer/", staff.referral_offer, name="referral_offer"),
    path("topics/", staff.topic_list, name="topics"),
    path("topics/new/", staff.topic_edit, name="topic_create"),
    path("topics/<int:pk>/", staff.topic_edit, name="topic_edit"),
    path("contact/", staff.contact_edit, name="contact"),
]
