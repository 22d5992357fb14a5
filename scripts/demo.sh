#!/usr/bin/env bash
# `npm run demo`: builds the app with the embedded demo data and serves it on http://127.0.0.1:4173.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/ensure-deps.sh
npx svelte-kit sync
npx vite build --logLevel warn

url=http://127.0.0.1:4173
echo
echo "  打开 / open  $url"
echo "  (Ctrl+C 停止 / to stop)"
echo
exec node_modules/.bin/vite preview --port 4173 --strictPort --host 127.0.0.1
