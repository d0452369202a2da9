from tests.stats.conftest import approve, arrive, sections  # noqa: F401
