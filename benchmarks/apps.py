from django.apps import AppConfig


class BenchmarksConfig(AppConfig):
    """Synthetic national-scale data, the page/report/worker/load benchmark and its floor view."""

    name = "benchmarks"
    verbose_name = "Benchmarks"
