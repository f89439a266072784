/**
 * Where the server is and which keys to use, for Node callers (SDK, agent, CLI): explicit
 * options, then the environment variables the ClearML SDK reads, then a clearml.conf file.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { hoconString, parseHocon } from './hocon';
import { ApiClient } from './index';

export interface Connection {
  /** Server root, e.g. http://localhost:8008 (the API is under /api, files under /files). */
  baseUrl: string;
  accessKey: string;
  secretKey: string;
}

type ConfKey = 'api_server' | 'files_server' | 'web_server' | 'access_key' | 'secret_key';

/** Reads the server and keys from a clearml.conf: its `api { ... }` block and the `credentials { ... }` inside it. */
export function parseClearmlConf(text: string): Partial<Record<ConfKey, string>> {
  const root = parseHocon(text);
  const paths: Record<ConfKey, string> = {
    api_server: 'api.api_server',
    web_server: 'api.web_server',
    files_server: 'api.files_server',
    access_key: 'api.credentials.access_key',
    secret_key: 'api.credentials.secret_key',
  };
  const out: Partial<Record<ConfKey, string>> = {};
  for (const [key, p] of Object.entries(paths) as [ConfKey, string][]) {
    const v = hoconString(root, p);
    if (v) out[key] = v;
  }
  return out;
}

/** `http://host:8008/api` (clearml.conf style) or `http://host:8008` → `http://host:8008`. */
export function serverRoot(apiServer: string): string {
  return apiServer.replace(/\/+$/, '').replace(/\/api$/, '');
}

export function resolveConnection(
  opts: Partial<Connection> & { api?: string } = {},
  env: NodeJS.ProcessEnv = process.env,
): Connection {
  const confPath = env.CLEARML_CONFIG_FILE ?? path.join(os.homedir(), 'clearml.conf');
  const conf = fs.existsSync(confPath) ? parseClearmlConf(fs.readFileSync(confPath, 'utf8')) : {};
  const api = opts.baseUrl ?? opts.api ?? env.TASKDECK_API ?? env.CLEARML_API_HOST ?? conf.api_server ?? 'http://localhost:8008';
  const accessKey = opts.accessKey ?? env.TASKDECK_ACCESS_KEY ?? env.CLEARML_API_ACCESS_KEY ?? conf.access_key;
  const secretKey = opts.secretKey ?? env.TASKDECK_SECRET_KEY ?? env.CLEARML_API_SECRET_KEY ?? conf.secret_key;
  if (!accessKey || !secretKey) {
    throw new Error(
      `No Taskdeck credentials: set CLEARML_API_ACCESS_KEY and CLEARML_API_SECRET_KEY, or put them in ${confPath} ` +
        '(the server prints a ready clearml.conf at its first start; `npm run credentials` makes another pair)',
    );
  }
  return { baseUrl: serverRoot(api), accessKey, secretKey };
}

export function clientFor(c: Connection, headers?: Record<string, string>): ApiClient {
  return new ApiClient({ baseUrl: c.baseUrl, accessKey: c.accessKey, secretKey: c.secretKey, headers });
}

/** The environment a child process needs to reach the same server (ClearML's names). */
export function connectionEnv(c: Connection): Record<string, string> {
  return {
    CLEARML_API_HOST: `${c.baseUrl}/api`,
    CLEARML_WEB_HOST: c.baseUrl,
    CLEARML_FILES_HOST: `${c.baseUrl}/files`,
    CLEARML_API_ACCESS_KEY: c.accessKey,
    CLEARML_API_SECRET_KEY: c.secretKey,
  };
}
