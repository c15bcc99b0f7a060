// The web application's build: `vite` for development (the API proxied), `npm run build:web` for web/dist.
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** Where `vite dev` sends /api requests: a running `lifeboat serve`. */
const API = process.env.LIFEBOAT_API ?? 'http://127.0.0.1:8080';

export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The first-load budget is 350 KB gzip; the map and simulator (Cytoscape) are split out by lazy routes.
    chunkSizeWarningLimit: 1200,
  },
  server: { proxy: { '/api': { target: API, changeOrigin: false } } },
  preview: { proxy: { '/api': { target: API, changeOrigin: false } } },
});
