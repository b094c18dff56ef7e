import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Served by the Beckon server at /console/; in development the API and the agent socket are proxied to it.
export default defineConfig({
  base: '/console/',
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false },
  server: {
    proxy: { '/v1': { target: 'http://localhost:3000', ws: true, changeOrigin: false } },
  },
});
