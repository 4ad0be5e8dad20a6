from django.urls import path

from . import views

app_name = "benchmarks"

urlpatterns = [path("bench/trivial/", views.trivial, name="trivial")]
