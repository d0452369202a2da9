"""The deployment kit's nginx site (deploy/nginx/) as Debian's nginx reads it: `nginx -t`
accepts it, and a running nginx with it (ports, paths and the certificate replaced by a
throwaway copy) redirects to HTTPS, serves static files with the security headers, never
serves the media folder by its path, hands over a file only on the portal's X-Accel-Redirect
(sandboxed), and passes the scheme and host to the portal.

scripts/ensure_nginx.sh installs nginx (CI runs it); without it this test fails, saying so."""

import http.server
import os
import re
import shutil
import socket
import ssl
import subprocess
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

DEPLOY = Path(__file__).resolve().parents[2] / "deploy" / "nginx"
HOST = "portal.example.gov.cn"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _nginx() -> str:
    path = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else "")
    if not path:
        pytest.fail("nginx is not installed: run scripts/ensure_nginx.sh (CI does).")
    return path


class _Portal(http.server.BaseHTTPRequestHandler):
    """Stands in for gunicorn: echoes what the proxy passed, or hands a file over."""

    def do_GET(self):
        if self.path == "/files/evidence":
            self.send_response(200)
            self.send_header("X-Accel-Redirect", "/_protected/evidence/report.txt")
            self.send_header("Content-Type", "text/plain")
            self.end_headers()
            return
        body = (
            f"proto={self.headers.get('X-Forwarded-Proto')};host={self.headers.get('Host')};"
            f"for={self.headers.get('X-Forwarded-For')}"
        ).encode()
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def _site(tmp: Path, *, upstream: int, http_port: int, https_port: int) -> str:
    text = (DEPLOY / "invest-portal.conf").read_text()
    replace = {
        "/etc/nginx/snippets/invest-portal-security-headers.conf": str(
            DEPLOY / "security-headers.conf"
        ),
        "/etc/nginx/snippets/invest-portal-proxy.conf": str(DEPLOY / "proxy.conf"),
        "/etc/ssl/invest-portal/fullchain.pem": str(tmp / "cert.pem"),
        "/etc/ssl/invest-portal/privkey.pem": str(tmp / "key.pem"),
        "/var/log/nginx/": f"{tmp}/",
        "/srv/invest-portal/static/": f"{tmp}/static/",
        "/srv/invest-portal/media/": f"{tmp}/media/",
        "/var/www/letsencrypt": f"{tmp}/acme",
        "127.0.0.1:8000": f"127.0.0.1:{upstream}",
    }
    for old, new in replace.items():
        assert old in text, f"the site no longer has {old}: update this test"
        text = text.replace(old, new)
    text = re.sub(r"^\s*listen \[::\].*$", "", text, flags=re.M)
    text = text.replace("listen 80;", f"listen 127.0.0.1:{http_port};")
    return text.replace("listen 443 ssl", f"listen 127.0.0.1:{https_port} ssl")


@pytest.fixture
def site(tmp_path):
    nginx = _nginx()
    subprocess.run(  # noqa: S603 - a fixed command line
        [
            shutil.which("openssl") or "openssl",
            "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
            "-subj", f"/CN={HOST}",
            "-keyout", str(tmp_path / "key.pem"), "-out", str(tmp_path / "cert.pem"),
        ],
        check=True,
        capture_output=True,
    )  # fmt: skip
    for folder in ("static/css", "media/evidence", "acme", "temp"):
        (tmp_path / folder).mkdir(parents=True)
    (tmp_path / "static/css/app.3f2a.css").write_text("body{}")
    (tmp_path / "media/evidence/report.txt").write_text("evidence")
    # nginx's workers read these files as its user; pytest's folders are the owner's only.
    for path in [tmp_path, *tmp_path.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    portal = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Portal)
    threading.Thread(target=portal.serve_forever, daemon=True).start()
    ports = {"http_port": _free_port(), "https_port": _free_port()}
    (tmp_path / "site.conf").write_text(_site(tmp_path, upstream=portal.server_port, **ports))
    temp = tmp_path / "temp"
    user = "user root;\n" if os.geteuid() == 0 else ""
    (tmp_path / "nginx.conf").write_text(
        f"{user}pid {tmp_path}/nginx.pid;\nerror_log {tmp_path}/error.log;\nevents {{}}\n"
        "http {\n"
        "  include /etc/nginx/mime.types;\n"
        f"  client_body_temp_path {temp}/body; proxy_temp_path {temp}/proxy;\n"
        f"  fastcgi_temp_path {temp}/fastcgi; uwsgi_temp_path {temp}/uwsgi;\n"
        f"  scgi_temp_path {temp}/scgi;\n"
        f"  include {tmp_path}/site.conf;\n"
        "}\n"
    )
    args = [nginx, "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf")]
    yield {"args": args, "tmp": tmp_path, **ports}
    portal.shutdown()


def _get(url: str, **headers):
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(urllib.request.HTTPSHandler(context=context), NoRedirect)
    request = urllib.request.Request(url, headers={"Host": HOST, **headers})  # noqa: S310
    try:
        with opener.open(request, timeout=10) as resp:
            return resp.status, dict(resp.headers), resp.read().decode()
    except urllib.error.HTTPError as err:
        return err.code, dict(err.headers), err.read().decode()


def test_nginx_accepts_the_site(site):
    result = subprocess.run([*site["args"], "-t"], capture_output=True, text=True)  # noqa: S603
    assert result.returncode == 0, result.stderr
    assert "syntax is ok" in result.stderr


def test_the_site_serves_as_the_operations_guide_says(site):
    process = subprocess.Popen([*site["args"], "-g", "daemon off;"], stderr=subprocess.PIPE)  # noqa: S603
    try:
        https = f"https://127.0.0.1:{site['https_port']}"
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", site["https_port"]), timeout=0.2).close()
                break
            except OSError:
                assert process.poll() is None, process.stderr.read().decode()
                time.sleep(0.05)
        status, headers, _ = _get(f"http://127.0.0.1:{site['http_port']}/en/")
        assert status == 301
        assert headers["Location"] == f"https://{HOST}/en/"

        status, headers, body = _get(f"{https}/static/css/app.3f2a.css")
        assert (status, body) == (200, "body{}")
        assert headers["Strict-Transport-Security"].startswith("max-age=31536000")
        assert headers["X-Content-Type-Options"] == "nosniff"

        # The media folder is never served by its path, nor the internal location.
        assert _get(f"{https}/media/evidence/report.txt")[0] == 404
        assert _get(f"{https}/_protected/evidence/report.txt")[0] == 404

        # Only the portal's answer hands the file over, sandboxed.
        status, headers, body = _get(f"{https}/files/evidence")
        assert (status, body) == (200, "evidence")
        assert headers["Content-Security-Policy"] == "sandbox"

        # The portal learns the scheme and the host it was asked for.
        status, _, body = _get(f"{https}/en/staff/")
        assert status == 200
        assert f"proto=https;host={HOST};for=127.0.0.1" == body
    finally:
        process.terminate()
        process.wait(timeout=10)
