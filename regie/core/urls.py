from django.urls import path

from regie.core import views

app_name = "core"
urlpatterns = [
    path("", views.my_week, name="my_week"),
    path("healthz", views.healthz, name="healthz"),
    path("zoeken/", views.search, name="search"),
]
