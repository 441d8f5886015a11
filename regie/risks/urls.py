from django.urls import path

from regie.risks import views

app_name = "risks"
urlpatterns = [
    path("", views.register, name="register"),
    path("excel/", views.export, name="export"),
    path("risicokaart/", views.heat_map, name="heat_map"),
    path("te-herbeoordelen/", views.due_for_review, name="due_for_review"),
    path("nieuw/", views.create, name="create"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/wijzigen/", views.edit, name="edit"),
    path("<int:pk>/maatregelen/", views.measure_create, name="measure_create"),
    path("maatregelen/<int:pk>/wijzigen/", views.measure_edit, name="measure_edit"),
    path("maatregelen/<int:pk>/actie/", views.measure_action, name="measure_action"),
    path("maatregelen/<int:pk>/", views.measure_source, name="measure_source"),
]
