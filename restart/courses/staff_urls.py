from django.urls import path

from restart.courses.views import staff

app_name = "courses_staff"

urlpatterns = [
    path("", staff.course_list, name="list"),
    path("new/", staff.course_create, name="create"),
    path("<int:pk>/", staff.course_detail, name="course"),
    path("<int:pk>/edit/", staff.course_edit, name="course_edit"),
    path("<int:pk>/groups/new/", staff.group_create, name="group_create"),
    path("groups/<int:pk>/", staff.group_detail, name="group"),
    path("groups/<int:pk>/add/", staff.group_add_person, name="group_add"),
    path("groups/<int:pk>/attendance/", staff.group_attendance, name="attendance"),
    path("groups/<int:pk>/message/", staff.group_message, name="message"),
    path("lessons/<int:pk>/", staff.lesson_detail, name="lesson"),
    path("lessons/<int:pk>/mark/", staff.lesson_mark, name="lesson_mark"),
    path("lessons/<int:pk>/cancel/", staff.lesson_cancel, name="lesson_cancel"),
    path("enrollments/<int:pk>/", staff.enrollment_detail, name="enrollment"),
    path("enrollments/<int:pk>/certificate.pdf", staff.certificate_pdf, name="certificate_pdf"),
]
