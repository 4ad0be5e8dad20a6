from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("bao-cao-dinh-ky/", views.report_list, name="list"),
    path("bao-cao-dinh-ky/danh-sach/", views.report_rows, name="rows"),
    path("bao-cao-dinh-ky/yeu-cau/", views.report_request, name="request"),
    path("bao-cao-dinh-ky/<int:pk>/", views.report_detail, name="detail"),
    path("bao-cao-dinh-ky/<int:pk>/tai-ve/<str:fmt>/", views.report_download, name="download"),
    path("bao-cao-dinh-ky/<int:pk>/lap-lai/", views.report_retry, name="retry"),
]
