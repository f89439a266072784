import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { clearmlConf } from '../shared/clearml-conf';
import { connectionEnv, parseClearmlConf, resolveConnection } from './connection';

it('reads the clearml.conf the server prints at its first start', () => {
  const text = clearmlConf('http://gpu-box:8008', { accessKey: 'AK123', secretKey: 's3cr=t' });
  expect(parseClearmlConf(text)).toEqual({
    api_server: 'http://gpu-box:8008/api',
    web_server: 'http://gpu-box:8008',
    files_server: 'http://gpu-box:8008/files',
    access_key: 'AK123',
    secret_key: 's3cr=t',
  });
});

it('takes explicit options, then the environment, then the file; and says what is missing', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'taskdeck-conf-'));
  const file = path.join(dir, 'clearml.conf');
  fs.writeFileSync(file, clearmlConf('http://from-file:1', { accessKey: 'FILE', secretKey: 'file-secret' }));
  expect(resolveConnection({}, { CLEARML_CONFIG_FILE: file })).toEqual({
    baseUrl: 'http://from-file:1',
    accessKey: 'FILE',
    secretKey: 'file-secret',
  });
  const env = {
    CLEARML_CONFIG_FILE: file,
    ...connectionEnv({ baseUrl: 'http://from-env:2', accessKey: 'ENV', secretKey: 'env-secret' }),
  };
  expect(resolveConnection({}, env)).toEqual({ baseUrl: 'http://from-env:2', accessKey: 'ENV', secretKey: 'env-secret' });
  expect(resolveConnection({ api: 'http://explicit:3/api/' }, env).baseUrl).toBe('http://explicit:3');
  expect(() => resolveConnection({}, { CLEARML_CONFIG_FILE: path.join(dir, 'none.conf') })).toThrow(
    /No Taskdeck credentials: set CLEARML_API_ACCESS_KEY/,
  );
  fs.rmSync(dir, { recursive: true, force: true });
});
