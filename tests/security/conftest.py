from tests.stats.conftest import approve, sections  # noqa: F401
