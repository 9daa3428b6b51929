from django.urls import path

from restart.people.views import imports, organizations, people

app_name = "people"

urlpatterns = [
    path("", people.person_list, name="list"),
    path("new/", people.person_create, name="create"),
    path("import/", imports.person_import, name="import"),
    path("restricted/", people.restricted_list, name="restricted"),
    path("possible-duplicates/", people.possible_duplicates, name="possible_duplicates"),
    path("<int:pk>/", people.person_detail, name="detail"),
    path("<int:pk>/edit/", people.person_edit, name="edit"),
    path("<int:pk>/merge/", people.person_merge, name="merge"),
    path("<int:pk>/export/", people.person_export, name="export"),
    path("<int:pk>/restrict/", people.person_restrict, name="restrict"),
    path("<int:pk>/lift-restriction/", people.person_lift_restriction, name="lift_restriction"),
    path("<int:pk>/erase/", people.person_erase, name="erase"),
    path("<int:pk>/consents/add/", people.consent_add, name="consent_add"),
    path("<int:pk>/consents/<int:consent_pk>/withdraw/", people.consent_withdraw, name="consent_withdraw"),
    path("organisations/", organizations.organization_list, name="organization_list"),
    path("organisations/new/", organizations.organization_edit, name="organization_create"),
    path("organisations/<int:pk>/", organizations.organization_edit, name="organization_edit"),
]
