from regie.meetings.urls_agenda import urlpatterns as agenda_urlpatterns
from regie.meetings.urls_minutes import urlpatterns as minutes_urlpatterns

app_name = "meetings"
urlpatterns = agenda_urlpatterns + minutes_urlpatterns
