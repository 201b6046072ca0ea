import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import relay from 'vite-plugin-relay';

// The server (PORT, default 4000) answers the API; the dev server proxies to it so the session cookie is
// first-party in development exactly as in production, where the server serves the built console itself.
const apiTarget = process.env.API_URL ?? `http://127.0.0.1:${process.env.PORT ?? 4000}`;

export default defineConfig({
  plugins: [react(), relay],
  build: {
    outDir: 'dist',
    // Every chunk's gzipped size is reported by `pnpm --filter @spendsense/client size` after the build.
    reportCompressedSize: false,
    rolldownOptions: {
      output: {
        // Libraries every route uses change rarely: their own long-cached chunks.
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler|react-router)[\\/]/ },
            { name: 'relay', test: /node_modules[\\/](relay-runtime|react-relay|graphql-sse)[\\/]/ },
          ],
        },
      },
    },
  },
  server: {
    proxy: {
      '/graphql': { target: apiTarget, changeOrigin: false },
      '/exports': { target: apiTarget, changeOrigin: false },
    },
  },
});
