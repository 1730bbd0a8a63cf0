#!/usr/bin/env bash
# Keeps docs/deploy-*.md quoting src/containers (and the WAR's WildFly descriptors) exactly, so that the operator's
# guides cannot drift from what run-matrix.sh installs and tests. In a guide, a block
#
#   <!-- include PATH as LANGUAGE -->
#   (anything: replaced)
#   <!-- end include -->
#
# is filled with the file PATH (relative to the repository) in a fenced code block of LANGUAGE, or as it is when
# LANGUAGE is markdown.
#
#   src/containers/sync-docs.sh           rewrites the guides from the files
#   src/containers/sync-docs.sh --check   changes nothing; fails and shows the difference when a guide is stale
set -euo pipefail
cd "$(dirname "$0")/../.."

check=no
[ "${1:-}" = --check ] && check=yes

expand() {
  awk '
    /^<!-- include [^ ]+ as [^ ]+ -->$/ {
      print
      path = $3; language = $5
      if ((getline line < path) < 0) { print "sync-docs: " FILENAME " includes " path ", which does not exist" > "/dev/stderr"; failed = 1; exit 1 }
      close(path)
      fence = (language == "markdown") ? "" : "```"
      if (fence != "") print fence language
      while ((getline line < path) > 0) print line
      close(path)
      if (fence != "") print fence
      inside = 1
      next
    }
    /^<!-- end include -->$/ { inside = 0; print; next }
    !inside { print }
    END { if (inside && !failed) { print "sync-docs: " FILENAME ": an include has no <!-- end include -->" > "/dev/stderr"; exit 1 } }
  ' "$1"
}

status=0
for doc in docs/deploy-*.md; do
  generated=$(mktemp)
  if ! expand "$doc" >"$generated"; then
    status=1
  elif cmp -s "$doc" "$generated"; then
    echo "$doc quotes its files exactly"
  elif [ "$check" = yes ]; then
    echo "$doc differs from the files it quotes; run src/containers/sync-docs.sh and commit the result:"
    diff -u "$doc" "$generated" | head -n 60 || true
    status=1
  else
    cp "$generated" "$doc"
    echo "$doc updated"
  fi
  rm -f "$generated"
done
exit "$status"
