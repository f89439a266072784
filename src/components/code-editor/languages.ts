/** Monaco language for a ClearML configuration type or a file name. */
export function languageFor(typeOrName: string | undefined): string {
  const t = (typeOrName ?? '').toLowerCase();
  if (t === 'dictionary' || t === 'hocon' || t.endsWith('.conf')) return 'hocon';
  if (t.includes('json')) return 'json';
  if (t.includes('yaml') || t.endsWith('.yml')) return 'yaml';
  if (t === 'python' || t.endsWith('.py')) return 'python';
  if (t.endsWith('.ts') || t.endsWith('.js')) return 'typescript';
  if (t === 'diff' || t.endsWith('.diff') || t.endsWith('.patch')) return 'diff';
  if (t === 'ini' || t.endsWith('.ini') || t.endsWith('.cfg')) return 'ini';
  if (t.endsWith('.sh')) return 'shell';
  return 'plaintext';
}
