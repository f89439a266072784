import { expect, it } from 'vitest';
import { failureSummary } from './failure';

it('finds the error line of a Node crash below its stack', () => {
  const node = [
    'node:internal/modules/esm/resolve:854',
    '  throw new ERR_MODULE_NOT_FOUND(packageName, fileURLToPath(base), null);',
    "Error [ERR_MODULE_NOT_FOUND]: Cannot find package 'x' imported from /job/job.mjs",
    '    at packageResolve (node:internal/modules/esm/resolve:854:9)',
    "  code: 'ERR_MODULE_NOT_FOUND'",
    '}',
    'Node.js v20.20.2',
  ];
  expect(failureSummary(node)).toBe("Error [ERR_MODULE_NOT_FOUND]: Cannot find package 'x' imported from /job/job.mjs");
});

it('finds the last line of a Python traceback', () => {
  const py = [
    'Traceback (most recent call last):',
    '  File "train.py", line 3, in <module>',
    '    raise ValueError("bad lr")',
    'ValueError: bad lr',
  ];
  expect(failureSummary(py)).toBe('ValueError: bad lr');
});

it('falls back to the last lines when nothing looks like an error', () => {
  expect(failureSummary(['a', '', 'b', 'c', 'd', 'e', 'f'])).toBe('b\nc\nd\ne\nf');
});
