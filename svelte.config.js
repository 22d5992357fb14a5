import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		// A static single-page app: the planner works offline, the demo data ships with the build.
		adapter: adapter({ fallback: 'index.html' }),
		alias: { $geodata: 'geodata', $seeds: 'seeds' }
	}
};

export default config;
