/**
 * An answer already serialised to JSON, e.g. by a reader thread (which sends the bytes without a copy): the
 * envelope takes them as its `data` as they are, so the event loop neither rebuilds nor re-stringifies the
 * object. `T` is the answer's type, for the endpoint's contract.
 */
export class JsonBytes<T = unknown> {
  declare readonly answer?: T;
  constructor(readonly bytes: Uint8Array) {}
}
