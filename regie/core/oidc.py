"""OpenID Connect login (Microsoft Entra ID style): app roles in the `roles` claim become groups."""

from django.contrib.auth.models import Group
from mozilla_django_oidc.auth import OIDCAuthenticationBackend


class RoleClaimOIDCBackend(OIDCAuthenticationBackend):
    def get_userinfo(self, access_token, id_token, payload):
        """Entra ID puts app roles in the ID token, not in the userinfo answer: take them there."""
        info = super().get_userinfo(access_token, id_token, payload)
        if "roles" not in info and "roles" in (payload or {}):
            info = {**info, "roles": payload["roles"]}
        return info

    def create_user(self, claims):
        user = super().create_user(claims)
        return self._sync(user, claims)

    def update_user(self, user, claims):
        return self._sync(user, claims)

    def _sync(self, user, claims):
        user.first_name = claims.get("given_name", user.first_name)
        user.last_name = claims.get("family_name", user.last_name)
        user.save(update_fields=["first_name", "last_name"])
        roles = [str(role) for role in claims.get("roles", [])]
        user.groups.set([Group.objects.get_or_create(name=role)[0] for role in roles])
        return user
