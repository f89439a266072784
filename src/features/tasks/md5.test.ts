import { createHash as nodeHash } from 'node:crypto';
import { expect, it } from 'vitest';
import { createHash } from './md5';

it('hashes UTF-8 text as the server does', () => {
  expect(createHash('')).toBe('d41d8cd98f00b204e9800998ecf8427e');
  expect(createHash('loss')).toBe(nodeHash('md5').update('loss').digest('hex'));
  for (const s of ['Δ accuracy / 验证', 'emoji 🎯', 'x'.repeat(1000)])
    expect(createHash(s)).toBe(nodeHash('md5').update(s).digest('hex'));
});
