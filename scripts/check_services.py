"""Say in one line how to get PostgreSQL and Redis when the tests cannot reach them."""

import os
import sys
from urllib.parse import urlparse


def main() -> int:
    db_url = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/invest_portal")
    redis_url = os.environ.get("TEST_REDIS_URL") or os.environ.get(
        "REDIS_URL", "redis://127.0.0.1:6379/15"
    )
    problems = []
    try:
        import psycopg

        u = urlparse(db_url)
        psycopg.connect(
            host=u.hostname,
            port=u.port or 5432,
            user=u.username or "postgres",
            password=u.password,
            dbname="postgres",
            connect_timeout=3,
        ).close()
    except Exception as exc:
        problems.append(f"PostgreSQL at {db_url} ({exc.__class__.__name__})")
    try:
        import redis

        redis.Redis.from_url(redis_url, socket_connect_timeout=3).ping()
    except Exception as exc:
        problems.append(f"Redis at {redis_url} ({exc.__class__.__name__})")
    if problems:
        print(
            "Tests need " + " and ".join(problems) + ": set DATABASE_URL / REDIS_URL, or "
            "start them (`sudo apt-get install postgresql redis-server` or "
            "`bash .ci/services.sh`).",
            file=sys.stderr,
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
