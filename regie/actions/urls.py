from django.urls import path

from regie.actions import views

app_name = "actions"
urlpatterns = [
    path("", views.action_list, name="list"),
    path("mijn/", views.mine, name="mine"),
    path("nieuw/", views.create, name="create"),
    path("persoon/<int:pk>/", views.person_actions, name="person_actions"),
    path("gremium/<int:pk>/", views.body_actions, name="body_actions"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/wijzigen/", views.edit, name="edit"),
    path("<int:pk>/status/", views.update_status, name="update_status"),
    path("<int:pk>/voortgang/", views.add_note, name="add_note"),
]
