"""Every URL of the project, with its parameters filled from the world.

`SKIPPED` lists, with the reason, the URL prefixes the matrix leaves alone; `PUBLIC` the URLs
anybody may open. `RULES` says which kind of object fills which parameter; a URL whose
parameter no rule fills makes the matrix fail, so no new page escapes it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import RoutePattern

from regie.planning.tests import access_matrix as planning_matrix
from regie.reports.tests import access_matrix as reports_matrix
from regie.risks.tests import access_matrix as risks_matrix

SKIPPED: dict[str, str] = {
    "beheer/": "Django admin: staff only, every page checks the model permissions itself",
    "api/schema/": "the OpenAPI schema: public by design, describes the API, holds no data",
    "oidc/": "OpenID Connect handshake with the identity provider, off in tests",
    "static/": "static files (CSS, JavaScript), public",
    "media/": "uploaded files are never served directly; downloads go through a checked view",
    "inloggen/": "the login page itself",
    "uitloggen/": "logout: POST ends the session of whoever sends it",
}

PUBLIC: dict[str, str] = {
    "core:healthz": "health check for the load balancer; says only whether the database answers",
}

# (pattern on the URL name, parameter name, kind of object). The first match wins.
RULES: list[tuple[str, str, str]] = [
    (r".*", "token", "wrong_token"),
    (r".*", "body_pk", "body"),
    (r"^meetings:(body_\w+|decision_register)$", "pk", "body"),
    (r"^meetings:(item_\w+|decision_add|action_add)$", "pk", "agenda_item"),
    (r"^meetings:proposal_step_\w+$", "pk", "proposal_step"),
    (r"^meetings:proposal_\w+$", "pk", "proposal"),
    (r"^meetings:decision_\w+$", "pk", "decision"),
    (r"^meetings:\w+$", "pk", "meeting"),
    (r"^actions:person_actions$", "pk", "person"),
    (r"^actions:body_actions$", "pk", "body"),
    (r"^actions:\w+$", "pk", "action"),
    (r"^documents:download$", "pk", "document_version"),
    (r"^documents:step_\w+$", "pk", "review_step"),
    (r"^documents:\w+$", "pk", "document"),
    (r"^reports:(agenda|minutes)_\w+$", "pk", "meeting"),
    (r"^reports:(decisions|actions)_\w+$", "pk", "body"),
    (r"^hiring:contract_\w+$", "pk", "contract"),
    (r"^hiring:candidate_(?!add$)\w+$", "pk", "candidate"),
    (r"^hiring:\w+$", "pk", "hiring_request"),
    (r"^api:body-detail$", "pk", "body"),
    (r"^api:meeting-detail$", "pk", "meeting"),
    (r"^api:agenda-item-detail$", "pk", "agenda_item"),
    (r"^api:proposal-detail$", "pk", "proposal"),
    (r"^api:decision-detail$", "pk", "decision"),
    (r"^api:action-detail$", "pk", "action"),
    (r"^api:hiring-request-detail$", "pk", "hiring_request"),
    (r"^api:candidate-detail$", "pk", "candidate"),
    (r"^api:contract-detail$", "pk", "contract"),
    (r"^api:plan-detail$", "pk", "plan"),
    (r"^api:goal-detail$", "pk", "goal"),
    (r"^api:activity-detail$", "pk", "activity"),
    (r"^api:milestone-detail$", "pk", "milestone"),
    (r"^api:reporting-period-detail$", "pk", "reporting_period"),
    (r"^api:progress-update-detail$", "pk", "progress_update"),
    (r"^api:risk-detail$", "pk", "risk"),
]
RULES += planning_matrix.RULES + risks_matrix.RULES + reports_matrix.RULES

# Pages that need a query string to show anything: (query, kinds of objects that must exist).
QUERIES: dict[str, tuple[str, tuple[str, ...]]] = {
    "reports:template_download": ("kind=agenda", ("word_template",)),
    "reports:template_example": ("kind=agenda", ()),
    # The hiring lists: the confidential objects must exist for the list to be checked.
    "api:hiring-request-list": ("", ("hiring_request",)),
    "api:candidate-list": ("", ("candidate",)),
    "api:contract-list": ("", ("contract",)),
    # The planning and risks lists: likewise.
    "api:plan-list": ("", ("plan",)),
    "api:goal-list": ("", ("goal",)),
    "api:activity-list": ("", ("activity",)),
    "api:milestone-list": ("", ("milestone",)),
    "api:reporting-period-list": ("", ("reporting_period",)),
    "api:progress-update-list": ("", ("progress_update",)),
    "api:risk-list": ("", ("risk_measure",)),
}

# Kinds that are not owned by a body: a non-member may open the page, but must not see the
# confidential body's objects on it.
SHARED_KINDS = {"person"}


@dataclass(frozen=True)
class Route:
    name: str  # namespaced, e.g. "meetings:meeting_detail"
    route: str  # e.g. "vergaderingen/<int:pk>/"
    params: tuple[str, ...]

    @property
    def is_api(self) -> bool:
        return self.name.startswith("api:")


class UnfilledParameter(Exception):
    pass


def _walk(patterns, prefix: str, namespaces: tuple[str, ...]):
    for entry in patterns:
        piece = str(entry.pattern)
        route = prefix + piece
        if isinstance(entry, URLResolver):
            if any(route.startswith(skip) for skip in SKIPPED):
                continue
            ns = (*namespaces, entry.namespace) if entry.namespace else namespaces
            yield from _walk(entry.url_patterns, route, ns)
        elif isinstance(entry, URLPattern):
            if any(route.startswith(skip) for skip in SKIPPED):
                continue
            if not isinstance(entry.pattern, RoutePattern):
                raise UnfilledParameter(
                    f"URL {route!r} uses a regular expression; write it with path() so the "
                    "access matrix can fill its parameters"
                )
            if not entry.name:
                raise UnfilledParameter(f"URL {route!r} has no name; give it one")
            params = tuple(re.findall(r"<(?:\w+:)?(\w+)>", route))
            yield Route(":".join((*namespaces, entry.name)), route, params)


def all_routes() -> list[Route]:
    seen: dict[str, Route] = {}
    for found in _walk(get_resolver().url_patterns, "", ()):
        seen.setdefault(found.name + "|" + found.route, found)
    return sorted(seen.values(), key=lambda r: r.name)


def kind_of(route: Route, param: str) -> str:
    for name_pattern, name, kind in RULES:
        if name == param and re.search(name_pattern, route.name):
            return kind
    raise UnfilledParameter(
        f"{route.name} ({route.route}): no rule in tests/access_matrix/urls.py RULES fills "
        f"the parameter <{param}>; add one that names the kind of object it takes"
    )


def fill(route: Route, values: dict[str, str]) -> str:
    path = "/" + re.sub(r"<(?:\w+:)?(\w+)>", lambda m: values[m.group(1)], route.route)
    query = QUERIES.get(route.name, ("", ()))[0]
    return f"{path}?{query}" if query else path
