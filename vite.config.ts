import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const API = process.env.TASKDECK_DEV_API ?? 'http://localhost:8008';

export default defineConfig({
  plugins: [react()],
  build: { outDir: 'dist', sourcemap: false, chunkSizeWarningLimit: 4000 },
  server: { proxy: { '/api': API, '/files': API } },
});
