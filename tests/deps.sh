#!/bin/sh
# Installs the Debian packages that are missing.  Arguments are
# FILE:PACKAGE pairs: PACKAGE is installed when FILE does not exist.
missing=
for pair in "$@"; do
	file=${pair%%:*}
	pkg=${pair#*:}
	[ -e "$file" ] || missing="$missing $pkg"
done
[ -z "$missing" ] && exit 0
echo "rater: installing missing Debian packages:$missing"
if [ "$(id -u)" -eq 0 ]; then
	sudo=
elif command -v sudo >/dev/null 2>&1; then
	sudo=sudo
else
	echo "rater: not root and no sudo; install as root:$missing" >&2
	exit 1
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get install -y -q $missing >/dev/null 2>&1 || {
	$sudo apt-get update -q >/dev/null 2>&1
	$sudo apt-get install -y -q $missing
} || { echo "rater: apt-get install$missing failed" >&2; exit 1; }
