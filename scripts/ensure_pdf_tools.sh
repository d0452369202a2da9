#!/usr/bin/env bash
# PDF exports embed Debian's fonts (fonts-wqy-microhei: a CJK face with TrueType outlines,
# fonts-liberation: the Latin face; see config/pdf.py), and their tests read the PDFs back with
# poppler-utils (pdffonts, pdftotext, pdfinfo).
set -euo pipefail
have() {
  [ -f /usr/share/fonts/truetype/wqy/wqy-microhei.ttc ] \
    && [ -f /usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf ] \
    && command -v pdffonts >/dev/null && command -v pdftotext >/dev/null
}
if have; then exit 0; fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "Installing fonts-wqy-microhei, fonts-liberation and poppler-utils for the PDF exports…"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
    fonts-wqy-microhei fonts-liberation poppler-utils >/dev/null
else
  echo "PDF exports and their tests need Debian's fonts-wqy-microhei, fonts-liberation and" \
       "poppler-utils: sudo apt-get install fonts-wqy-microhei fonts-liberation poppler-utils" >&2
  exit 1
fi
