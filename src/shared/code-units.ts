/**
 * Orders strings by UTF-16 code unit, as clearml-server's sorts (and a database's "C" collation) do, not by locale:
 * `localeCompare` would put "b" before "C".
 */
export const compareCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** A comparator of records by a string each holds, in code-unit order. */
export const byCodeUnits =
  <T>(key: (x: T) => string) =>
  (a: T, b: T): number =>
    compareCodeUnits(key(a), key(b));
