// SvelteKit config for the partner portal Worker.
import { fileURLToPath } from 'node:url';
import adapter from '@sveltejs/adapter-cloudflare';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		// Absolute path so the build finds this Worker's config whatever the cwd.
		adapter: adapter({ config: fileURLToPath(new URL('./wrangler.toml', import.meta.url)) }),
		env: {
			// PORTAL_* vars (e.g. PORTAL_BASE_DOMAIN) are non-secret settings that the
			// universal `reroute` hook needs in the browser too, so they are "public".
			publicPrefix: 'PORTAL_'
		},
		csp: {
			mode: 'auto',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				'style-src': ['self'],
				// SvelteKit's route announcer carries this fixed inline style (see
				// .svelte-kit/generated/root.svelte); allow exactly that one.
				'style-src-attr': [
					'unsafe-hashes',
					'sha256-S8qMpvofolR8Mpjy4kQvEm7m1q8clzU4dfDH0AmvZjo='
				],
				'img-src': ['self', 'data:'],
				'font-src': ['self'],
				'connect-src': ['self'],
				'form-action': ['self'],
				'frame-ancestors': ['none'],
				'base-uri': ['self'],
				'object-src': ['none']
			}
		},
		// Keep SvelteKit's origin check for form posts (the default, stated on purpose).
		csrf: { trustedOrigins: [] }
	}
};

export default config;
