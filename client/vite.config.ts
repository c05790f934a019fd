import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const apiServer = 'http://127.0.0.1:3000';

export default defineConfig({
  plugins: [react()],
  server: {
    proxy: {
      '/api': apiServer,
      '/healthz': apiServer,
      '/readyz': apiServer,
      '/socket.io': { target: apiServer, ws: true },
    },
  },
  // livekit-client alone is ~500 kB minified; it loads only on the pre-join and room pages.
  build: { outDir: 'dist', sourcemap: true, chunkSizeWarningLimit: 700 },
});
