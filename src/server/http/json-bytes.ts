/**
 * An answer already serialised to JSON, e.g. by a reader thread (which sends the bytes without a copy): the
 * envelope takes them as its `data` as they are, so the event loop neither rebuilds nor re-stringifies the
 * object. `T` is the answer's type, for the endpoint's contract. The text may come in parts (an answer put together
 * from several jobs), sent one after another: joining them would copy the whole answer on the event loop.
 */
export class JsonBytes<T = unknown> {
  declare readonly answer?: T;
  readonly parts: Uint8Array[];
  constructor(bytes: Uint8Array | Uint8Array[]) {
    this.parts = Array.isArray(bytes) ? bytes : [bytes];
  }

  /** The whole text in one buffer (for tests and small answers: it copies). */
  get bytes(): Uint8Array {
    return this.parts.length === 1 ? this.parts[0] : Buffer.concat(this.parts);
  }
}
