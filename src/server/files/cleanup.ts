import fs from 'node:fs';
import path from 'node:path';
import type { ServerConfig } from '../config';
import { filesRoot, resolveObject } from './store';

/** The object path of a URL that points into our files store (`…/files/<encoded path>`), or null. */
export function objectPathOf(url: string): string | null {
  const at = url.indexOf('/files/');
  if (at < 0 || !/^https?:\/\//.test(url)) return null;
  try {
    return decodeURIComponent(url.slice(at + '/files/'.length).split(/[?#]/)[0]);
  } catch {
    return null;
  }
}

/**
 * Deletes the stored files behind these URLs (others are left alone), then the task
 * folders they leave empty. Runs outside any store transaction: it is file I/O only.
 */
export async function removeStoredFiles(config: ServerConfig, urls: string[]): Promise<number> {
  const root = filesRoot(config);
  let removed = 0;
  const dirs = new Set<string>();
  for (const url of new Set(urls)) {
    const rel = objectPathOf(url);
    if (!rel) continue;
    let full: string;
    try {
      full = resolveObject(root, rel);
    } catch {
      continue;
    }
    if (
      await fs.promises.rm(full).then(
        () => true,
        () => false,
      )
    ) {
      removed++;
      dirs.add(path.dirname(full));
    }
  }
  // Remove emptied folders upwards, never the root itself.
  for (let dir of dirs) {
    while (
      dir.startsWith(root + path.sep) &&
      (await fs.promises.rmdir(dir).then(
        () => true,
        () => false,
      ))
    )
      dir = path.dirname(dir);
  }
  return removed;
}
