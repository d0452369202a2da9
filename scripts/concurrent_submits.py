"""Submit the public inquiry form N times at once against a running portal and report the
answers: `make run`'s SQLite must answer every one (docs/operations.md, Faults).

    DJANGO_SETTINGS_MODULE=config.settings.dev INQUIRY_RATE_LIMIT_PER_HOUR=1000 \\
        INQUIRY_MIN_FILL_SECONDS=0 .venv/bin/gunicorn config.wsgi -w 3 --threads 4 &
    .venv/bin/python scripts/concurrent_submits.py http://127.0.0.1:8000 24

Exits 1 if any submit was not answered with the "sent" page.
"""

import collections
import http.cookiejar
import re
import sys
import threading
import urllib.error
import urllib.parse
import urllib.request


def main(base: str, n: int) -> int:
    if not base.startswith(("http://", "https://")):
        raise SystemExit("give the portal's http(s) address")
    answers = collections.Counter()
    barrier = threading.Barrier(n)

    def submit(i: int) -> None:
        jar = http.cookiejar.CookieJar()
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        page = opener.open(base + "/en/inquiry/").read().decode()
        fields = {
            "csrfmiddlewaretoken": re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)[
                1
            ],
            "started": re.search(r'name="started" value="([^"]+)"', page)[1],
            "name": f"Tester {i}",
            "organisation": "Concurrency Ltd",
            "country": "GB",
            "email": f"tester{i}@example.com",
            "industry": "",
            "interest": "Concurrency",
            "message": "One of several submits at the same moment.",
            "homepage": "",
        }
        request = urllib.request.Request(  # noqa: S310 - the http(s) address given
            base + "/en/inquiry/",
            data=urllib.parse.urlencode(fields).encode(),
            headers={"Referer": base + "/en/inquiry/"},
        )
        barrier.wait()
        try:
            with opener.open(request) as response:  # follows the redirect to the sent page
                answers[response.status] += 1
        except urllib.error.HTTPError as exc:
            answers[exc.code] += 1

    threads = [threading.Thread(target=submit, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    print(dict(answers))
    return 0 if answers == {200: n} else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1].rstrip("/"), int(sys.argv[2]) if len(sys.argv) > 2 else 24))
