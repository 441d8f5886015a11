from django.urls import path

from regie.meetings import views_minutes as views

urlpatterns = [
    path("<int:pk>/verslag/", views.minutes, name="minutes"),
    path("<int:pk>/verslag/aanwezigheid/", views.attendance_save, name="attendance_save"),
    path(
        "<int:pk>/verslag/aantekeningen/", views.minutes_summary_save, name="minutes_summary_save"
    ),
    path(
        "agendapunt/<int:pk>/bespreking/", views.item_discussion_save, name="item_discussion_save"
    ),
    path("agendapunt/<int:pk>/besluit/", views.decision_add, name="decision_add"),
    path("agendapunt/<int:pk>/actie/", views.action_add, name="action_add"),
    # Where an action raised on an agenda item links back to (see actions.views.source_url).
    path("agendapunt/<int:pk>/in-verslag/", views.item_source, name="item_source"),
    path("gremia/<int:pk>/besluiten/", views.decision_register, name="decision_register"),
    path("besluiten/<int:pk>/", views.decision_detail, name="decision_detail"),
    path("besluiten/<int:pk>/wijzigen/", views.decision_update, name="decision_update"),
    path("besluiten/<int:pk>/intrekken/", views.decision_withdraw, name="decision_withdraw"),
]
