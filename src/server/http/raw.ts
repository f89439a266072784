/** An endpoint result sent as it is (a file download), not wrapped in the JSON envelope. */
export class RawResult {
  constructor(
    readonly contentType: string,
    readonly body: AsyncIterable<string | Buffer>,
    readonly filename?: string,
  ) {}
}
