import { inflateSync } from 'node:zlib';
import { expect, it } from 'vitest';
import { encodePng } from './png';

it('writes a PNG whose pixels read back', async () => {
  const png = await encodePng(3, 2, (x, y) => [x * 100, y * 200, 7]);
  expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const view = new DataView(png.buffer, png.byteOffset);
  expect(view.getUint32(16)).toBe(3);
  expect(view.getUint32(20)).toBe(2);
  const idatLen = view.getUint32(33);
  const raw = inflateSync(png.subarray(41, 41 + idatLen));
  // Row 1, pixel 2: filter byte, then RGB.
  expect([...raw.subarray(10 + 1 + 6, 10 + 1 + 9)]).toEqual([200, 200, 7]);
});
