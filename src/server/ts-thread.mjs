// A worker thread's entry when the server runs from source: registers the TypeScript loader, then loads the
// entry that threads.ts passed as the last argument. The built server (dist-server/) starts its threads directly.
import { register } from 'tsx/esm/api';

register();
await import(process.argv.at(-1));
