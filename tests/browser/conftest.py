import os

import pytest
from django.core.management import call_command

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture
def demo(transactional_db):
    call_command("seed_demo", verbosity=0)


@pytest.fixture
def login(page, live_server):
    def _login(username, lang="en", password="demo-pass-2026"):  # noqa: S107
        page.goto(f"{live_server.url}/{lang}/accounts/login/")
        page.fill("input[name=username]", username)
        page.fill("input[name=password]", password)
        page.click("button[type=submit]")
        page.wait_for_url(f"**/{lang}/staff/")
        return page

    return _login
