/**
 * A body's bytes, ready to move to a thread: without a copy when the Buffer owns its memory (Buffer.concat
 * of a large body does), else copied into memory of their own (a small Buffer may share a pool's).
 */
export function transferOf(body: Buffer): Uint8Array {
  const owned = body.byteOffset === 0 && body.byteLength === body.buffer.byteLength;
  return owned ? new Uint8Array(body.buffer, 0, body.byteLength) : new Uint8Array(body);
}
