#!/usr/bin/env bash
# Installs the Debian packages evalkit needs, skipping what is already present:
# a CJK font for Chinese reports, poppler-utils for PDF checks in tests, Chromium for the
# tests of report.html at phone and laptop widths and of the `evalkit serve` dashboard (driven
# by Playwright from PyPI, which never downloads a browser of its own), a PostgreSQL server for
# the database integration tests, LibreOffice Calc for the test that expert workbooks survive a
# LibreOffice round trip (about 94 MB to download, 296 MB installed, without recommends), and
# Java for Spark's local driver (data.engine.spark; the Spark tests).
set -euo pipefail

need=()
fc-list 2>/dev/null | grep -i "Noto Sans CJK" >/dev/null || need+=(fonts-noto-cjk)  # no -q: SIGPIPE + pipefail
# WeasyPrint subsets embedded fonts with HarfBuzz; without it a CJK report takes ten times longer
ls /usr/lib/*/libharfbuzz-subset.so.0 >/dev/null 2>&1 || need+=(libharfbuzz-subset0)
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
command -v fc-list >/dev/null 2>&1 || need+=(fontconfig)
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v soffice >/dev/null 2>&1 || need+=(libreoffice-calc)
if ! command -v initdb >/dev/null 2>&1 && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  need+=(postgresql)
fi
command -v java >/dev/null 2>&1 || [ -x "${JAVA_HOME:-/nonexistent}/bin/java" ] || need+=(openjdk-17-jre-headless)
if [ ${#need[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "evalkit needs these Debian packages: ${need[*]} (run as root, or install them)" >&2
  exit 0
fi
echo "installing system packages: ${need[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
