from django.urls import path

from regie.home import views, views_dashboard

app_name = "home"
urlpatterns = [
    path("", views.my_week, name="my_week"),
    path("zoeken/", views.search, name="search"),
    path("dashboard/", views_dashboard.dashboard, name="dashboard"),
]
