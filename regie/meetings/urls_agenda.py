from django.urls import path

from regie.meetings import views

urlpatterns = [
    path("gremia/", views.body_list, name="body_list"),
    path("gremia/<int:pk>/", views.body_detail, name="body_detail"),
    path("gremia/<int:pk>/instellingen/", views.body_edit, name="body_edit"),
    path("gremia/<int:pk>/leden/", views.body_members, name="body_members"),
    path("gremia/<int:body_pk>/nieuw/", views.meeting_create, name="meeting_create"),
    path("gremia/<int:body_pk>/reeks/", views.series_plan, name="series_plan"),
    path("<int:pk>/", views.meeting_detail, name="meeting_detail"),
    path("<int:pk>/agendapunt/", views.item_add, name="item_add"),
    path("<int:pk>/volgorde/", views.agenda_reorder, name="agenda_reorder"),
    path("<int:pk>/status/", views.meeting_transition, name="meeting_transition"),
    path("<int:pk>/heropenen/", views.meeting_reopen, name="meeting_reopen"),
    path("agendapunt/<int:pk>/", views.item_edit, name="item_edit"),
    path("agendapunt/<int:pk>/verplaatsen/", views.item_move, name="item_move"),
    path("agendapunt/<int:pk>/verwijderen/", views.item_delete, name="item_delete"),
    path("agendapunt/<int:pk>/aanhouden/", views.item_hold_over, name="item_hold_over"),
    path("agendapunt/<int:pk>/stukken/", views.item_documents, name="item_documents"),
    path("voorstellen/", views.proposal_list, name="proposal_list"),
    path("voorstellen/nieuw/", views.proposal_create, name="proposal_create"),
    path("voorstellen/<int:pk>/", views.proposal_detail, name="proposal_detail"),
    path(
        "voorstelstap/<int:pk>/inplannen/",
        views.proposal_step_schedule,
        name="proposal_step_schedule",
    ),
    path(
        "voorstelstap/<int:pk>/uitkomst/", views.proposal_step_outcome, name="proposal_step_outcome"
    ),
]
