#!/usr/bin/env bash
# tests/ops/test_nginx.py runs Debian's nginx on the deployment kit's site (deploy/nginx/):
# `nginx -t`, then a private nginx on free ports. Installs nginx-light and openssl without
# starting the distribution's nginx service (policy-rc.d refuses it for the install).
set -euo pipefail
if command -v nginx >/dev/null || [ -x /usr/sbin/nginx ]; then
  command -v openssl >/dev/null && exit 0
fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "Installing nginx-light and openssl for the deployment kit's test…"
  policy=/usr/sbin/policy-rc.d
  created=0
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' > "$policy"; chmod +x "$policy"; created=1
  fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    nginx-light openssl >/dev/null
  [ "$created" = 1 ] && rm -f "$policy"
  exit 0
fi
echo "The deployment kit's test needs nginx and openssl: sudo apt-get install nginx-light openssl" >&2
exit 1
