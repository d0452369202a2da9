"""Redis URLs: which server and database number a URL names, and the same server on another
database (the production cache defaults to the database after the broker's)."""

from urllib.parse import urlsplit, urlunsplit


def redis_database(url: str) -> tuple[str, int, int]:
    """(host, port, database number) of a redis:// or rediss:// URL; database 0 by default."""
    parts = urlsplit(url)
    path = parts.path.strip("/")
    return (parts.hostname or "localhost", parts.port or 6379, int(path) if path else 0)


def on_database(url: str, db: int) -> str:
    """The same Redis server, another database number."""
    return urlunsplit(urlsplit(url)._replace(path=f"/{db}"))


def next_database(url: str) -> str:
    """The same server, the database after the URL's (the 16th wraps to the first)."""
    return on_database(url, (redis_database(url)[2] + 1) % 16)
