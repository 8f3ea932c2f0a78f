#!/usr/bin/env bash
# Quick checks for the WordPress plugin: PHP syntax (when php is installed)
# and that the compiled translation matches its .po file.
#
#   bash integrations/wordpress/check.sh
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
plugin="$here/bantin"

if command -v php >/dev/null 2>&1; then
  while IFS= read -r -d '' file; do
    if ! out="$(php -l "$file" 2>&1)"; then
      echo "$out" >&2
      echo "check: php -l failed for ${file#"$repo"/}" >&2
      exit 1
    fi
  done < <(find "$plugin" -name '*.php' -print0 | sort -z)
  echo "check: php -l passed"
else
  echo "check: php is not installed; skipped php -l"
fi

for po in "$plugin"/languages/*.po; do
  node "$repo/scripts/wp-mo.mjs" --check "$po" "${po%.po}.mo"
done
