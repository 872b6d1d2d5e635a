from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from awards.api.api import api
from awards.decisions.views.verify import certificate_verify, certificate_verify_search
from emulation import health, views
from emulation.calendar import views as calendar_views
from organizations.views import me

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path("accounts/login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/me/", me.account_home, name="account"),
    path("accounts/me/calendar/", me.calendar_token, name="account-calendar-token"),
    path("accounts/password/", me.PasswordChangeView.as_view(), name="password_change"),
    path("accounts/password/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("accounts/password/reset/", me.PasswordResetView.as_view(), name="password_reset"),
    path("accounts/password/reset/sent/", auth_views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "accounts/password/reset/<uidb64>/<token>/",
        me.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "accounts/password/reset/done/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("i18n/", include("django.conf.urls.i18n")),
    path("org/", include("organizations.urls")),
    path("campaigns/", include("campaigns.urls")),
    path("scoring/", include("scoring.urls")),
    path("awards/", include("awards.urls")),
    path("calendar/", calendar_views.calendar_month, name="calendar"),
    path("calendar/feed/<str:token>.ics", calendar_views.calendar_feed, name="calendar-feed"),
    path("api/v1/", api.urls),
    path("public/", include("awards.public.urls")),
    path("verify/", certificate_verify_search, name="verify-search"),
    path("verify/<str:code>/", certificate_verify, name="verify"),
    path("admin/", admin.site.urls),
]

if settings.DEBUG:
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
