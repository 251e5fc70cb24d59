#!/usr/bin/env bash
# Installs the Debian packages listed in test/system-deps.txt (Chromium, poppler-utils, fonts…) that are missing,
# before the end-to-end tests and the benchmark. Silent and without `apt-get update` when nothing is missing.
# Uses only bash builtins besides dpkg, id and apt-get, found on PATH (the unit test puts fakes there).
set -euo pipefail
here=${BASH_SOURCE[0]%/*}
[ "$here" = "${BASH_SOURCE[0]}" ] && here=.
list="$here/system-deps.txt"

packages=()
while read -r package _ || [ -n "${package:-}" ]; do
	[[ -z "${package:-}" || "$package" == \#* ]] || packages+=("$package")
done <"$list"

installed() {
	local status
	status=$(dpkg -s "$1" 2>/dev/null) || return 1
	[[ "$status" =~ (^|$'\n')Status:\ [a-z]+\ ok\ installed($'\n'|$) ]]
}

missing_packages() {
	missing=()
	local package
	for package in "${packages[@]}"; do installed "$package" || missing+=("$package"); done
}

if ! command -v dpkg >/dev/null; then
	echo "Les tests ont besoin de paquets Debian et dpkg est introuvable : installez l'équivalent de ${packages[*]}." >&2
	exit 1
fi
missing_packages
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
	echo "Paquets Debian requis par les tests et absents : ${missing[*]}." >&2
	echo "Installez-les avec « sudo apt-get install ${missing[*]} », puis relancez." >&2
	exit 1
fi

echo "Installation des paquets Debian requis par les tests : ${missing[*]}…"
export DEBIAN_FRONTEND=noninteractive
if ! apt-get update -qq || ! apt-get install -y -qq "${missing[@]}" >/dev/null; then
	echo "apt-get n'a pas pu installer ${missing[*]} (voir le message d'apt-get ci-dessus)." >&2
	exit 1
fi
missing_packages
if [ ${#missing[@]} -ne 0 ]; then
	echo "Toujours absents après apt-get install : ${missing[*]}." >&2
	exit 1
fi
