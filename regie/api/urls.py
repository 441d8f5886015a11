from django.contrib.auth.decorators import login_not_required
from django.urls import path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import SimpleRouter

from regie.api import hiring, planning, views

router = SimpleRouter(trailing_slash=True, use_regex_path=False)
router.register("bodies", views.BodyViewSet, basename="body")
router.register("meetings", views.MeetingViewSet, basename="meeting")
router.register("agenda-items", views.AgendaItemViewSet, basename="agenda-item")
router.register("proposals", views.ProposalViewSet, basename="proposal")
router.register("decisions", views.DecisionViewSet, basename="decision")
router.register("actions", views.ActionViewSet, basename="action")
router.register("hiring-requests", hiring.HiringRequestViewSet, basename="hiring-request")
router.register("candidates", hiring.CandidateViewSet, basename="candidate")
router.register("contracts", hiring.ContractViewSet, basename="contract")
router.register("plans", planning.PlanViewSet, basename="plan")
router.register("goals", planning.GoalViewSet, basename="goal")
router.register("activities", planning.ActivityViewSet, basename="activity")
router.register("milestones", planning.MilestoneViewSet, basename="milestone")
router.register("reporting-periods", planning.PeriodViewSet, basename="reporting-period")
router.register("progress-updates", planning.ProgressUpdateViewSet, basename="progress-update")
router.register("risks", planning.RiskViewSet, basename="risk")

# One schema component per request body of a status change, not a "Patched" copy of it.
SCHEMA_SETTINGS = {"COMPONENT_SPLIT_PATCH": False}

app_name = "api"
urlpatterns = [
    path(
        "schema/",
        login_not_required(SpectacularAPIView.as_view(custom_settings=SCHEMA_SETTINGS)),
        name="schema",
    ),
    *router.urls,
]
