"""Benchmarks: production-like (DEBUG off, no query logging) against a throwaway database."""

from .test import *

DATABASES = {"default": env.db("DATABASE_URL")}
DATABASES["default"]["CONN_MAX_AGE"] = 600
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
