from django.urls import path

from regie.planning import views

app_name = "planning"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("bestuurlijke-planning/", views.decision_moments, name="decision_moments"),
    path("plan/nieuw/", views.plan_create, name="plan_create"),
    path("plan/<int:pk>/", views.plan_detail, name="plan_detail"),
    path("plan/<int:pk>/wijzigen/", views.plan_edit, name="plan_edit"),
    path("plan/<int:pk>/tijdlijn/", views.plan_timeline, name="plan_timeline"),
    path("plan/<int:pk>/periode/<int:period_pk>/", views.plan_period, name="plan_period"),
    path("plan/<int:pk>/excel/", views.plan_export, name="plan_export"),
    path("plan/<int:pk>/inlezen/", views.plan_import_workplan, name="plan_import"),
    path("plan/<int:pk>/planner/", views.plan_import_planner, name="plan_import_planner"),
    path("plan/<int:pk>/vaststellen/", views.plan_approve, name="plan_approve"),
    path("plan/<int:pk>/doelstelling/", views.goal_create, name="goal_create"),
    path("plan/<int:pk>/activiteit/", views.activity_create, name="activity_create"),
    path("plan/<int:pk>/mijlpaal/", views.milestone_create, name="milestone_create"),
    path("doelstelling/<int:pk>/wijzigen/", views.goal_edit, name="goal_edit"),
    path("activiteit/<int:pk>/", views.activity_detail, name="activity_detail"),
    path("activiteit/<int:pk>/koppelen/", views.activity_links, name="activity_links"),
    path("activiteit/<int:pk>/ontkoppelen/", views.activity_unlink, name="activity_unlink"),
    path("activiteit/<int:pk>/wijzigen/", views.activity_edit, name="activity_edit"),
    path("activiteit/<int:pk>/voortgang/<int:period_pk>/", views.progress, name="progress"),
    path("mijlpaal/<int:pk>/wijzigen/", views.milestone_edit, name="milestone_edit"),
    path("periodes/", views.period_list, name="period_list"),
    path("periodes/maken/", views.period_generate, name="period_generate"),
    path("periodes/nieuw/", views.period_create, name="period_create"),
    path("periodes/<int:pk>/", views.period_detail, name="period_detail"),
    path("periodes/<int:pk>/herinneren/", views.period_chase, name="period_chase"),
]
