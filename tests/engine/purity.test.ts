import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ENGINE = join(import.meta.dirname, '../../src/lib/engine');

/**
 * The engine is shared by the browser worker, the CLI and the tests, so it must not reach for the
 * DOM, Svelte, MapLibre, SvelteKit aliases or the file system. Its tsconfig has no DOM lib and no
 * Node types; this test catches the imports a compiler would let through.
 */
describe('engine purity', () => {
	const files = readdirSync(ENGINE, { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith('.ts') && !name.endsWith('.d.ts'));

	it.each(files)('%s imports nothing impure', (name) => {
		const source = readFileSync(join(ENGINE, name), 'utf8');
		const imports = [...source.matchAll(/from\s+['"]([^'"]+)['"]/g)].map((match) => match[1]);
		for (const specifier of imports) {
			expect(specifier).not.toMatch(/^(svelte|maplibre-gl|\$app|\$lib|node:|fs$|path$)/);
		}
		expect(source).not.toMatch(/\b(document|window|localStorage)\./);
	});
});
