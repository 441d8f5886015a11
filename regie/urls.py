from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

urlpatterns = [
    path("", include("regie.core.urls")),
    path("", include("regie.home.urls")),
    path("stukken/", include("regie.documents.urls")),
    path("acties/", include("regie.actions.urls")),
    path("vergaderingen/", include("regie.meetings.urls")),
    path("inhuur/", include("regie.hiring.urls")),
    path("export/", include("regie.reports.urls")),
    path("api/", include("regie.api.urls")),
    path("inloggen/", auth_views.LoginView.as_view(), name="login"),
    path("uitloggen/", auth_views.LogoutView.as_view(), name="logout"),
    path("beheer/", admin.site.urls),
]
if settings.OIDC_ENABLED:
    urlpatterns.append(path("oidc/", include("mozilla_django_oidc.urls")))

handler500 = "regie.core.views.server_error"
