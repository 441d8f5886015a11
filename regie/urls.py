from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path

urlpatterns = [
    path("", include("regie.core.urls")),
    path("", include("regie.home.urls")),
    path("stukken/", include("regie.documents.urls")),
    path("acties/", include("regie.actions.urls")),
    path("vergaderingen/", include("regie.meetings.urls")),
    path("inhuur/", include("regie.hiring.urls")),
    path("planning/", include("regie.planning.urls")),
    path("risicos/", include("regie.risks.urls")),
    path("export/", include("regie.reports.urls")),
    path("api/", include("regie.api.urls")),
    path(
        "inloggen/",
        auth_views.LoginView.as_view(extra_context={"oidc_enabled": settings.OIDC_ENABLED}),
        name="login",
    ),
    path("uitloggen/", auth_views.LogoutView.as_view(), name="logout"),
    path("beheer/", admin.site.urls),
]
if settings.OIDC_ENABLED:
    from mozilla_django_oidc import urls as oidc_urls

    # Signing in happens before there is a user: these pages must not ask for a login.
    urlpatterns.append(
        path(
            "oidc/",
            include(
                [
                    path(str(p.pattern), login_not_required(p.callback), name=p.name)
                    for p in oidc_urls.urlpatterns
                ]
            ),
        )
    )

handler500 = "regie.core.views.server_error"
