import { expect, it } from 'vitest';
import { outputDestinationProblem } from './output-destination';

it('takes the storage addresses the ClearML SDK uploads to, and nothing set', () => {
  for (const ok of [
    '',
    '  ',
    's3://bucket/models',
    'gs://b/p',
    'azure://acct.blob.core.windows.net/c',
    'https://files.team:8081',
    'http://10.0.0.2:8081',
    'file:///srv/models',
    '/mnt/shared/models',
    '  S3://bucket  ',
  ])
    expect(outputDestinationProblem(ok), ok).toBeNull();
});

it('says why anything else is not one', () => {
  for (const bad of ['not a url at all', 's3://', 'bucket/models', 'ftp://host/x', 'models', 'c:\\models'])
    expect(outputDestinationProblem(bad), bad).toMatch(/Not a storage address/);
});
