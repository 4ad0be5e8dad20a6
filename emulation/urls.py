from django.apps import apps
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from . import views
from .auth import PortalLoginView, PortalPasswordResetView

admin.site.site_header = "Thi đua - Khen thưởng"
admin.site.site_title = "Quản trị"

account_urls = [
    path("login/", PortalLoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password-change/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path("password-change/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("password-reset/", PortalPasswordResetView.as_view(), name="password_reset"),
    path("password-reset/done/", auth_views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path("reset/<uidb64>/<token>/", auth_views.PasswordResetConfirmView.as_view(), name="password_reset_confirm"),
    path("reset/done/", auth_views.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
]

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz/", views.healthz, name="healthz"),
    path("accounts/", include(account_urls)),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("don-vi/", views.unit_list, name="unit_list"),
    path("don-vi/<int:pk>/", views.unit_detail, name="unit_detail"),
    path("don-vi/<int:unit_pk>/them-ca-nhan/", views.person_edit, name="person_create"),
    path("cum-thi-dua/", views.cluster_list, name="cluster_list"),
    path("cum-thi-dua/<int:pk>/", views.cluster_detail, name="cluster_detail"),
    path("ca-nhan/", views.person_list, name="person_list"),
    path("ca-nhan/<int:pk>/", views.person_detail, name="person_detail"),
    path("ca-nhan/<int:pk>/sua/", views.person_edit, name="person_update"),
    path("thong-bao/", views.notification_list, name="notification_list"),
    path("thong-bao/da-doc/", views.notifications_mark_read, name="notifications_mark_read"),
    path("thong-bao/cai-dat-thu/", views.notification_settings, name="notification_settings"),
    path("nhat-ky/", views.audit_log, name="audit_log"),
    path("", include("campaigns.urls")),
    path("", include("awards.urls")),
    path("", include("reports.urls")),
]

handler403 = "emulation.views.forbidden"
handler500 = "emulation.views.server_error"

if apps.is_installed("benchmarks"):  # the benchmark's floor view, only where the benchmarks app is installed
    urlpatterns.append(path("", include("benchmarks.urls")))
