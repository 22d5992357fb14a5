// `npm run test:e2e`: runs every tests/e2e/*.e2e.mjs file with node's test runner, one file at a time
// (each starts its own preview server and browser), prints the spec report and a final count line,
// and exits non-zero when anything failed. Expects a built app (`npx vite build`).
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const files = readdirSync(here)
	.filter((name) => name.endsWith('.e2e.mjs'))
	.sort()
	.map((name) => join(here, name));

const scratch = mkdtempSync(join(tmpdir(), 'e2e-'));
const tap = join(scratch, 'report.tap');
const child = spawn(
	process.execPath,
	['--test', '--test-concurrency=1', '--test-reporter=spec', '--test-reporter-destination=stdout', '--test-reporter=tap', `--test-reporter-destination=${tap}`, ...files],
	{ stdio: ['ignore', 'inherit', 'inherit'] }
);
const code = await new Promise((resolve) => child.on('exit', (exitCode, signal) => resolve(exitCode ?? (signal ? 1 : 0))));

let report = '';
try {
	report = readFileSync(tap, 'utf8');
} catch {
	// the runner died before writing its report; the exit code says so
}
rmSync(scratch, { recursive: true, force: true });
const count = (name) => Number(report.match(new RegExp(`^# ${name} (\\d+)$`, 'm'))?.[1] ?? NaN);
const passed = count('pass');
const failed = count('fail') + count('cancelled');
console.log(`e2e: ${Number.isNaN(passed) ? '?' : passed} passed, ${Number.isNaN(failed) ? '?' : failed} failed`);
process.exitCode = code === 0 && failed === 0 && passed > 0 ? 0 : 1;
