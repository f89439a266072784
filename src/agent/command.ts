/** The command that runs a task's entry point. */
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);

export interface Command {
  cmd: string;
  args: string[];
  kind: 'node' | 'python' | 'other';
}

/** Node for JavaScript, Node with the tsx loader for TypeScript, python3 for Python, the binary otherwise. */
export function buildCommand(entry: string, binary = ''): Command {
  const ext = path.extname(entry).toLowerCase();
  if (['.ts', '.mts', '.cts', '.tsx'].includes(ext)) {
    return { cmd: process.execPath, args: ['--import', pathToFileURL(require.resolve('tsx')).href, entry], kind: 'node' };
  }
  if (['.js', '.mjs', '.cjs'].includes(ext)) return { cmd: process.execPath, args: [entry], kind: 'node' };
  if (ext === '.py') return { cmd: /^python[\d.]*$/.test(binary) ? binary : 'python3', args: ['-u', entry], kind: 'python' };
  if (ext === '.sh') return { cmd: 'bash', args: [entry], kind: 'other' };
  return binary ? { cmd: binary, args: [entry], kind: 'other' } : { cmd: path.resolve(entry), args: [], kind: 'other' };
}
