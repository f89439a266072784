/** JSON punctuation and the fixed fields of one list item, roughly; the variable text is counted exactly. */
const ITEM_OVERHEAD = 128;

/**
 * The longest run of `items`, from the start (or from the end when `fromEnd`), whose text fits in
 * `maxBytes`; always at least one item, so that a client paging through the list moves on.
 */
export function capByBytes<T>(items: T[], text: (item: T) => string, maxBytes: number, fromEnd = false): T[] {
  let bytes = 0;
  const n = items.length;
  for (let k = 0; k < n; k++) {
    const item = items[fromEnd ? n - 1 - k : k];
    bytes += Buffer.byteLength(text(item)) + ITEM_OVERHEAD;
    if (bytes > maxBytes && k > 0) return fromEnd ? items.slice(n - k) : items.slice(0, k);
  }
  return items;
}
