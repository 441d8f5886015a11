import pytest

pytestmark = pytest.mark.django_db

PATHS = [
    "/api/bodies/",
    "/api/bodies/{id}/",
    "/api/meetings/",
    "/api/meetings/{id}/",
    "/api/agenda-items/",
    "/api/agenda-items/{id}/",
    "/api/proposals/",
    "/api/proposals/{id}/",
    "/api/decisions/",
    "/api/decisions/{id}/",
    "/api/actions/",
    "/api/actions/{id}/",
    "/api/hiring-requests/",
    "/api/hiring-requests/{id}/",
    "/api/candidates/",
    "/api/candidates/{id}/",
    "/api/contracts/",
    "/api/contracts/{id}/",
    "/api/plans/",
    "/api/plans/{id}/",
    "/api/goals/",
    "/api/goals/{id}/",
    "/api/activities/",
    "/api/activities/{id}/",
    "/api/milestones/",
    "/api/milestones/{id}/",
    "/api/reporting-periods/",
    "/api/reporting-periods/{id}/",
    "/api/progress-updates/",
    "/api/progress-updates/{id}/",
    "/api/risks/",
    "/api/risks/{id}/",
]


@pytest.fixture
def schema(client):
    response = client.get("/api/schema/?format=json")
    assert response.status_code == 200
    return response.json()


def test_the_schema_lists_every_endpoint(schema):
    assert sorted(schema["paths"]) == sorted(PATHS)
    assert set(schema["paths"]["/api/actions/{id}/"]) == {"get", "patch"}
    assert set(schema["paths"]["/api/actions/"]) == {"get", "post"}


def test_the_schema_names_each_component_after_its_resource(schema):
    names = set(schema["components"]["schemas"])
    assert {
        "Body",
        "Meeting",
        "AgendaItem",
        "Proposal",
        "ProposalStep",
        "Decision",
        "Action",
        "ActionDetail",
        "ActionCreate",
        "ActionStatus",
        "StaleAction",
        "ActionStatusEnum",
        "MeetingStatusEnum",
        "AgendaItemStatusEnum",
        "ConfidentialityEnum",
        "HiringRequest",
        "HiringRequestStatusEnum",
        "Candidate",
        "CandidateStatusEnum",
        "Contract",
        "ContractExtension",
        "ContractStatusEnum",
        "ContractFormEnum",
        "Supplier",
    } <= names
    assert not [name for name in names if name[-5:-4].isdigit() or "Patched" in name]


def test_the_schema_documents_token_auth_and_the_409(schema):
    assert "tokenAuth" in schema["components"]["securitySchemes"]
    patch = schema["paths"]["/api/actions/{id}/"]["patch"]
    assert "409" in patch["responses"]
    params = {p["name"] for p in schema["paths"]["/api/actions/"]["get"]["parameters"]}
    assert {"body", "owner", "status", "overdue", "limit", "offset"} <= params


def test_the_hiring_endpoints_are_read_only_and_filter_by_request(schema):
    for resource in ("hiring-requests", "candidates", "contracts"):
        assert set(schema["paths"][f"/api/{resource}/"]) == {"get"}
        assert set(schema["paths"][f"/api/{resource}/{{id}}/"]) == {"get"}
    for resource in ("candidates", "contracts"):
        params = {p["name"] for p in schema["paths"][f"/api/{resource}/"]["get"]["parameters"]}
        assert {"request", "status", "limit", "offset"} <= params
    candidate = schema["components"]["schemas"]["Candidate"]["properties"]
    assert "cv" not in candidate
    assert candidate["hourly_rate"]["type"] == "string"
