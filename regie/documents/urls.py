from django.urls import path

from regie.documents import views

app_name = "documents"
urlpatterns = [
    path("", views.document_list, name="list"),
    path("nieuw/", views.upload, name="upload"),
    path("routering/", views.overdue, name="overdue"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/versie/", views.version_upload, name="version_upload"),
    path("<int:pk>/routering/", views.route_edit, name="route_edit"),
    path("versie/<int:pk>/download/", views.download, name="download"),
    path("stap/<int:pk>/", views.step_decide, name="step_decide"),
]
