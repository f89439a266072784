import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { compression, defineAlgorithm } from 'vite-plugin-compression2';

const API = process.env.TASKDECK_DEV_API ?? 'http://localhost:8008';

export default defineConfig({
  plugins: [
    react(),
    // Precompressed twins (.br, .gz) of every asset, so the server sends them without compressing per request.
    compression({
      algorithms: [defineAlgorithm('brotliCompress'), defineAlgorithm('gzip', { level: 9 })],
      include: /\.(js|css|html|svg|json|woff2?|ttf|map)$/,
      threshold: 1024,
    }),
  ],
  build: { outDir: 'dist', sourcemap: false, chunkSizeWarningLimit: 4000 },
  server: { proxy: { '/api': API, '/files': API } },
});
