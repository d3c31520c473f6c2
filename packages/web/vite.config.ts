import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';

// The app is served by @rapport/server at `/`; `npm run dev` proxies the API to a running server.
export default defineConfig({
  plugins: [preact()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    manifest: true,
    sourcemap: false,
  },
  server: {
    proxy: { '/api': 'http://localhost:3000', '/x': 'http://localhost:3000', '/i': 'http://localhost:3000' },
  },
});
