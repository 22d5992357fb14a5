#!/usr/bin/env bash
# Installs npm dependencies when they are missing or package-lock.json changed since the last install.
# The lock file's sha256 is kept in node_modules/.package-lock.sha256; silent when nothing needs doing.
set -euo pipefail
cd "$(dirname "$0")/.."

stamp=node_modules/.package-lock.sha256
want=$(sha256sum package-lock.json | cut -d' ' -f1)

[ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && exit 0

# No stamp, or another lock: an existing tree that already matches the lock (for instance one installed
# before this script existed, or by `npm install`) only needs the stamp; replacing it would pull
# node_modules away from anything else running in this checkout.
if [ -d node_modules ] && node - <<'JS'
const { existsSync, readFileSync } = require('node:fs');
const lock = JSON.parse(readFileSync('package-lock.json', 'utf8'));
for (const [path, entry] of Object.entries(lock.packages ?? {})) {
	if (!path.startsWith('node_modules/') || entry.link) continue;
	const manifest = `${path}/package.json`;
	if (!existsSync(manifest)) {
		if (entry.optional) continue; // another platform's binary
		process.exit(1);
	}
	if (JSON.parse(readFileSync(manifest, 'utf8')).version !== entry.version) process.exit(1);
}
JS
then
	echo "$want" >"$stamp"
	exit 0
fi

echo "Installing npm dependencies (npm ci)…"
npm ci --no-audit --no-fund
echo "$want" >"$stamp"
