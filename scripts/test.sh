#!/usr/bin/env bash
# `npm test` (and .ci/run): dependencies, type checks, unit tests, build, browser end-to-end tests.
# Works unattended on a fresh machine (CI=true, no stdin); any failing step stops it with a non-zero exit.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n== %s\n' "$*"; }

step "dependencies"
bash scripts/ensure-deps.sh

# Debian packages for the browser tests, installed as root directly or through sudo.
can_install() { [ "$(id -u)" -eq 0 ] || command -v sudo >/dev/null 2>&1; }
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo -n "$@"; fi; }
apt_install() { as_root apt-get update -qq && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null; }

if [ -z "${CHROMIUM_PATH:-}" ] && ! command -v chromium >/dev/null 2>&1; then
	step "installing Debian's chromium for the browser tests"
	if ! can_install; then
		echo "error: chromium is not installed and this user cannot install it (not root, no sudo)." >&2
		echo "       Install it (apt-get install chromium) or set CHROMIUM_PATH to a Chromium binary." >&2
		exit 1
	fi
	apt_install chromium
	command -v chromium >/dev/null || { echo "error: chromium still not found after apt-get install" >&2; exit 1; }
fi

# Optional: without a CJK font the screenshots in test-results/ show boxes for Chinese (tests still pass).
if command -v fc-list >/dev/null 2>&1 && [ -z "$(fc-list :lang=zh)" ] && can_install; then
	step "installing a CJK font for the screenshots"
	apt_install fonts-wqy-microhei || echo "warning: could not install fonts-wqy-microhei; screenshots will show boxes for Chinese" >&2
fi

step "svelte-kit sync"
npx svelte-kit sync

step "type checks"
npm run -s check

step "unit tests"
npx vitest run

step "build"
npx vite build --logLevel warn

step "browser tests"
node tests/e2e/run.mjs
