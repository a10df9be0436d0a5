import os

from hypothesis import HealthCheck, settings

settings.register_profile(
    "ci", max_examples=150, deadline=None, derandomize=True, print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile(
    "deep", max_examples=20_000, deadline=None, print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
if os.environ.get("HRID_MODEL_EXAMPLES"):  # e.g. the long background run
    settings.register_profile(
        "count", parent=settings.get_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci")),
        max_examples=int(os.environ["HRID_MODEL_EXAMPLES"]),
    )
    settings.load_profile("count")
