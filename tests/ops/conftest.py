"""Faults against real services: a private redis-server this test session starts and stops
(never the shared one), the Celery app pointed at it with eager mode off."""

import shutil
import socket
import subprocess
import time

import pytest
import redis

from config.celery import app


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PrivateRedis:
    """A throwaway redis-server without persistence, stopped and started at will."""

    def __init__(self):
        self.port = _free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = None

    def start(self):
        self.process = subprocess.Popen(  # noqa: S603 - a fixed command line
            [
                shutil.which("redis-server"),
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        client = redis.Redis.from_url(self.url)
        for _ in range(100):
            try:
                if client.ping():
                    return
            except redis.ConnectionError:
                time.sleep(0.05)
        raise RuntimeError("the private redis-server did not start")

    def stop(self):
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=10)
            self.process = None


@pytest.fixture
def private_redis():
    if shutil.which("redis-server") is None:
        pytest.fail("redis-server is not installed (apt-get install redis-server)")
    server = PrivateRedis()
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def on_private_redis(private_redis, settings):
    """The cache, the broker and Celery's client on the private Redis; tasks are published,
    not run in the test (eager off)."""
    # Read Celery's settings before touching Django's: its configuration is read from them.
    saved = {key: getattr(app.conf, key) for key in ("task_always_eager", "broker_url")}
    settings.CACHES = {
        "default": {
            "BACKEND": "config.cache.ResilientRedisCache",
            "LOCATION": private_redis.url.replace("/0", "/1"),
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
    settings.CELERY_BROKER_URL = private_redis.url
    app.conf.update(task_always_eager=False, broker_url=private_redis.url)
    _reset_pools()
    try:
        yield private_redis
    finally:
        app.conf.update(saved)
        _reset_pools()


def _reset_pools():
    """Celery keeps its broker connections; drop them so the next use reads the new URL. The
    producer pools live in kombu's registry too (keyed by connection): `pools.reset()` closes
    and forgets them all, so no later test (in this process, under pytest-xdist) is handed a
    closed pool."""
    from kombu import pools

    for holder, name in ((app, "_pool"), (app.amqp, "_producer_pool")):
        pool = getattr(holder, name, None)
        if pool is not None:
            pool.force_close_all()
        setattr(holder, name, None)
    pools.reset()


def queued(server: PrivateRedis) -> list[dict]:
    """The task messages waiting in the private broker's queues (the default one, `mail` and
    `reports`: CELERY_TASK_ROUTES)."""
    import json

    client = redis.Redis.from_url(server.url)
    return [
        json.loads(raw)
        for queue in ("celery", "mail", "reports")
        for raw in client.lrange(queue, 0, -1)
    ]
