import SparkMD5 from 'spark-md5';

/**
 * MD5 of a UTF-8 string, as hex. ClearML keys `last_metrics` by the md5 of metric and variant
 * names; the browser has no md5 in WebCrypto.
 */
export function createHash(text: string): string {
  return SparkMD5.hash(text);
}
