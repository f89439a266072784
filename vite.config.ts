import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { compression, defineAlgorithm } from 'vite-plugin-compression2';

const API = process.env.TASKDECK_DEV_API ?? 'http://localhost:8008';

/**
 * Monaco's language services (TypeScript, CSS, HTML, JSON) each name a worker of their own as a fallback, for pages
 * that set no MonacoEnvironment.getWorker; Vite then builds every one of them. Our getWorker (code-editor/monaco.ts)
 * answers every label with the editor's or the JSON worker, so the fallbacks never run: left out, the build no longer
 * makes (and precompresses) 8.7 MB of workers nothing loads, the TypeScript one alone 6.9 MB.
 */
function monacoWithoutFallbackWorkers(): Plugin {
  const manager = /monaco-editor\/esm\/vs\/languages\/features\/(typescript|css|html|json)\/workerManager\.js$/;
  const fallback = /new Worker\(new URL\('[a-z]+\.worker\.js', import\.meta\.url\), \{ type: "module" \}\)/g;
  return {
    name: 'monaco-without-fallback-workers',
    enforce: 'pre',
    transform(code, id) {
      if (!manager.test(id)) return null;
      const out = code.replace(fallback, 'undefined');
      // A Monaco that words its fallback otherwise would quietly bring the workers back: say so instead.
      if (out === code) throw new Error(`${id}: Monaco's fallback worker was not found; update vite.config.ts`);
      return { code: out, map: null };
    },
  };
}

/**
 * A feature's `index.ts` only re-exports its parts. Declared free of side effects, importing one name through it
 * (the router's tab lists) brings only the module that defines it: otherwise the bundler, unable to tell that the
 * feature's other modules do nothing on import, kept whole features in the first script, lazy pages or not.
 */
function featureIndexesWithoutSideEffects(): Plugin {
  const index = /[\\/]src[\\/]features[\\/][^\\/]+[\\/]index\.ts$/;
  return {
    name: 'feature-indexes-without-side-effects',
    transform(code, id) {
      return index.test(id) ? { code, map: null, moduleSideEffects: false } : null;
    },
  };
}

export default defineConfig({
  plugins: [
    monacoWithoutFallbackWorkers(),
    featureIndexesWithoutSideEffects(),
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
