/** `npm run demo`: fills a running Taskdeck with the demo data. */
import { parseArgs } from 'node:util';
import { ApiClient } from '../client';
import { generateDemo } from '../client/demo/generate';

const { values } = parseArgs({
  options: { url: { type: 'string' }, 'access-key': { type: 'string' }, 'secret-key': { type: 'string' } },
});
const url = values.url ?? process.env.TASKDECK_URL ?? 'http://localhost:8008';
const accessKey = values['access-key'] ?? process.env.TASKDECK_ACCESS_KEY;
const secretKey = values['secret-key'] ?? process.env.TASKDECK_SECRET_KEY;
if (!accessKey || !secretKey) {
  console.error('Give the credentials: --access-key and --secret-key (or TASKDECK_ACCESS_KEY and TASKDECK_SECRET_KEY).');
  process.exit(2);
}
const client = new ApiClient({ baseUrl: url, accessKey, secretKey });
const ids = await generateDemo(client, (p) => p.name && console.log(`[${p.done + 1}/${p.total}] ${p.name}`));
console.log(`Created ${Object.keys(ids).length} demo tasks on ${url}`);
