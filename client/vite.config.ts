import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { compression } from 'vite-plugin-compression2';
import relay from 'vite-plugin-relay';

// The server (PORT, default 4000) answers the API; the dev server proxies to it so the session cookie is
// first-party in development exactly as in production, where the server serves the built console itself.
const apiTarget = process.env.API_URL ?? `http://127.0.0.1:${process.env.PORT ?? 4000}`;

export default defineConfig({
  plugins: [
    react(),
    relay,
    // Gzip and Brotli copies next to each asset; the server sends them to browsers that accept them.
    compression({ algorithms: ['gzip', 'brotliCompress'], threshold: 1024, include: /\.(js|css|html|svg)$/ }),
  ],
  build: {
    outDir: 'dist',
    // The build prints every chunk with its gzipped size; the manifest lets tests sum what a route loads.
    reportCompressedSize: true,
    manifest: true,
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
