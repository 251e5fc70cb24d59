#!/usr/bin/env bash
# End-to-end tests and benchmarks drive Debian's Chromium (never a browser downloaded by a test tool).
set -euo pipefail
if [ -x /usr/bin/chromium ]; then exit 0; fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
	echo "Chromium absent : installation du paquet Debian « chromium »…"
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
else
	echo "Chromium est requis pour les tests de bout en bout : installez-le avec « sudo apt-get install chromium »." >&2
	exit 1
fi
test -x /usr/bin/chromium || { echo "Chromium n'a pas pu être installé (/usr/bin/chromium absent)." >&2; exit 1; }
