// Worker entry: the server runs as TypeScript (tsx), so the worker registers the same loader first.
import { register } from 'tsx/esm/api';

register();
await import('./reader-thread.ts');
