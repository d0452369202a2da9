"""Issue 23, faults: PostgreSQL restarted. The shared server is never restarted here: the
test kills its own backend with pg_terminate_backend from a second connection, which is what
a restart does to every open connection. With CONN_HEALTH_CHECKS the next request reconnects
and succeeds; a transaction cut in the middle leaves nothing written."""

import datetime as dt
import io
import sys

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.db import DatabaseError, connection, connections, transaction
from django.utils import timezone

from investors.models import Inquiry
from investors.services import inquiry_submit
from outbox.models import OutboxMessage

# The requests below must run as a server runs them (request_started closes unusable
# connections; the test client switches that off), so this test commits for real.
pytestmark = pytest.mark.django_db(transaction=True)


def _get(path: str) -> int:
    """One request through Django's WSGI handler, as gunicorn would send it."""
    status = []
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "REMOTE_ADDR": "127.0.0.1",
        "wsgi.input": io.BytesIO(b""),
        "wsgi.errors": sys.stderr,
        "wsgi.url_scheme": "http",
    }
    response = WSGIHandler()(environ, lambda s, h, *a: status.append(int(s.split()[0])))
    b"".join(response)
    response.close()  # request_finished: keeps or closes the connection by its age
    return status[0]


def _backend_pid() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return cursor.fetchone()[0]


def _terminate(pid: int) -> None:
    """From a second connection, as a restart would."""
    other = connections.create_connection("default")
    try:
        with other.cursor() as cursor:
            cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
            assert cursor.fetchone()[0] is True
    finally:
        other.close()


@pytest.fixture
def persistent_connections():
    """Production's persistent connections (CONN_MAX_AGE) for this test."""
    saved = connection.settings_dict["CONN_MAX_AGE"], connection.settings_dict["CONN_HEALTH_CHECKS"]
    connection.close()
    connection.settings_dict["CONN_MAX_AGE"] = 600
    try:
        yield connection.settings_dict
    finally:
        connection.close()
        connection.settings_dict["CONN_MAX_AGE"], connection.settings_dict["CONN_HEALTH_CHECKS"] = (
            saved
        )


def test_a_restart_costs_a_reconnect_and_writes_nothing_half(persistent_connections):
    """One test (a transactional test empties the database after it, which takes seconds)."""
    # With CONN_HEALTH_CHECKS (the settings' default) the request after a restart succeeds.
    assert persistent_connections["CONN_HEALTH_CHECKS"] is True
    assert _get("/en/") == 200
    pid = _backend_pid()
    _terminate(pid)
    assert _get("/en/") == 200
    assert _backend_pid() != pid  # a new connection

    # What the setting is for: the same sequence without it answers 500.
    persistent_connections["CONN_HEALTH_CHECKS"] = False
    connection.close()
    assert _get("/en/") == 200
    _terminate(_backend_pid())
    assert _get("/en/") == 500
    connection.close()

    # A transaction cut in the middle (an inquiry and its queued acknowledgement) leaves
    # neither row.
    now = timezone.now()

    def write_and_die():
        with transaction.atomic():
            inquiry_submit(
                name="Half Written",
                organisation="Cut Ltd",
                country="GB",
                email="half@example.com",
                message="Cut off mid-transaction.",
                ip="198.51.100.7",
                started_at=now - dt.timedelta(seconds=30),
                now=now,
            )
            assert Inquiry.objects.count() == 1  # written, not committed
            assert OutboxMessage.objects.count() == 1
            _terminate(_backend_pid())

    with pytest.raises(DatabaseError):
        write_and_die()
    connection.close()
    assert Inquiry.objects.count() == 0
    assert OutboxMessage.objects.count() == 0
