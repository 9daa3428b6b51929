# Django's Polish short date-time has two spaces between the date and the time ("d-m-Y  H:i"),
# which shows in every mail, SMS and message that prints one. Everything else is Django's.
SHORT_DATETIME_FORMAT = "d-m-Y H:i"
