"""`make bench BENCH_ARGS=load`: the production settings, as gunicorn runs them, with only
what a plain-HTTP run on one machine needs changed: the cookies are sent without TLS (the
bench speaks http to 127.0.0.1, where a browser would have been behind the TLS proxy). The
environment bench/load.py sets does the rest (a throwaway secret, no SSL redirect, two-factor
off for the bench account, a high inquiry limit for the one address Locust sends from)."""

from .prod import *

SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
