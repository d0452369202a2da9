"""The deployment kit agrees with the settings: every Celery queue has a worker in the Procfile
and in the systemd target, exactly one beat, the nginx location the portal hands files to is
`internal` and is the one the environment template names, the media folder is never served."""

import re
import subprocess
from pathlib import Path

from django.conf import settings

ROOT = Path(__file__).resolve().parent.parent.parent
DEPLOY = ROOT / "deploy"


def _queues():
    return {settings.CELERY_TASK_DEFAULT_QUEUE} | {
        route["queue"] for route in settings.CELERY_TASK_ROUTES.values()
    }


def test_every_queue_has_a_worker_and_there_is_one_beat():
    procfile = (ROOT / "Procfile").read_text()
    served = set(re.findall(r"worker .*-Q (\S+)", procfile))
    assert served == _queues()
    assert len(re.findall(r"^beat:", procfile, re.M)) == 1
    target = (DEPLOY / "systemd" / "invest-portal.target").read_text()
    assert set(re.findall(r"invest-portal-worker@(\w+)\.service", target)) == _queues()
    assert target.count("invest-portal-beat.service") == 1
    worker = (DEPLOY / "systemd" / "invest-portal-worker@.service").read_text()
    assert "-Q %i" in worker


def test_nginx_hands_out_media_only_through_the_portal():
    site = (DEPLOY / "nginx" / "invest-portal.conf").read_text()
    protected = re.search(r"location /_protected/ \{(.*?)\}", site, re.S).group(1)
    assert "internal;" in protected
    assert "alias /srv/invest-portal/media/;" in protected
    assert 'Content-Security-Policy "sandbox"' in protected
    assert re.search(r"location /media/ \{ return 404; \}", site)
    env = (DEPLOY / "invest-portal.env").read_text()
    assert "DJANGO_MEDIA_ACCEL_REDIRECT=/_protected/" in env
    assert "DJANGO_SETTINGS_MODULE=config.settings.prod" in env
    assert "ssl_certificate " in site
    assert "X-Forwarded-Proto $scheme" in (DEPLOY / "nginx" / "proxy.conf").read_text()


def test_the_scripts_parse():
    for script in ("scripts/smoke.sh", "deploy/invest-portal-manage"):
        subprocess.run(["bash", "-n", str(ROOT / script)], check=True)  # noqa: S603, S607


def test_gunicorn_runs_with_one_settings_file_everywhere():
    """The deployment, the Procfile and the load benchmark run gunicorn with the same
    config/gunicorn.py (threads on, 2 × cores + 1 processes by default), so the measured
    figures are the deployed ones."""
    import os
    import runpy

    saved = {k: os.environ.pop(k, None) for k in ("WEB_CONCURRENCY", "WEB_THREADS")}
    try:
        conf = runpy.run_path(str(ROOT / "config" / "gunicorn.py"))
    finally:
        os.environ.update({k: v for k, v in saved.items() if v is not None})
    cores = os.cpu_count() or 1
    assert (conf["workers"], conf["threads"], conf["worker_class"]) == (
        2 * cores + 1,
        4,
        "gthread",
    )
    unit = (DEPLOY / "systemd" / "invest-portal-web.service").read_text()
    web = next(line for line in (ROOT / "Procfile").read_text().splitlines() if "web:" in line)
    bench = (ROOT / "bench" / "load.py").read_text()
    assert "gunicorn -c config/gunicorn.py config.wsgi:application" in unit
    assert "gunicorn -c config/gunicorn.py config.wsgi:application" in web
    assert '"-c",\n        "config/gunicorn.py",' in bench
    for text in (unit, web):
        assert "--workers" not in text
        assert "--threads" not in text
