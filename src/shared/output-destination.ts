/** Where the ClearML SDK's storage uploads to (an `output_uri`): these schemes, or an absolute path on the machine. */
const SCHEMES = ['s3://', 'gs://', 'azure://', 'http://', 'https://', 'file://'];

/**
 * Why `value` is no output destination the SDK can upload to, or null when it is one (or empty: none set). The server
 * takes any text, as clearml-server does; the dashboard asks before saving a typo that every run would fail on.
 */
export function outputDestinationProblem(value: string): string | null {
  const s = value.trim();
  if (!s || s.startsWith('/')) return null;
  const scheme = SCHEMES.find((p) => s.toLowerCase().startsWith(p));
  if (scheme && s.length > scheme.length) return null;
  return 'Not a storage address: s3://, gs://, azure://, http(s)://, file:// or an absolute path';
}
