/**
 * Writes the upgrade fixture (src/server/store/testing/fixtures/v2): a data folder of the store as
 * released before the Kysely store, filled through the API with the demo data, a second user, an
 * extra key and a queue. Run once with that release; the fixture is committed and never rewritten.
 */
import fs from 'node:fs';
import path from 'node:path';
import { generateDemo } from '../src/client/demo/generate';
import { startTestServer } from '../src/server/testing/server';

const out = path.resolve('src/server/store/testing/fixtures/v2');
const srv = await startTestServer();
await generateDemo(srv.client);
await srv.client.call('users.create', { login: 'viewer1', name: 'Vera Viewer', role: 'viewer', password: 'fixture-password' });
await srv.client.call('queues.create', { name: 'gpu' });
await srv.client.call('auth.create_credentials', { label: 'fixture key' });
await srv.close();
fs.rmSync(out, { recursive: true, force: true });
fs.mkdirSync(out, { recursive: true });
fs.copyFileSync(path.join(srv.dataDir, 'taskdeck.sqlite'), path.join(out, 'taskdeck.sqlite'));
fs.rmSync(srv.dataDir, { recursive: true, force: true });
console.log('wrote', out, fs.statSync(path.join(out, 'taskdeck.sqlite')).size, 'bytes');
