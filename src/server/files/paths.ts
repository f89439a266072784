import fs from 'node:fs';
import path from 'node:path';
import { errors } from '../http/errors';

/** True when the file, with every symlink on its way resolved, lies inside the files root. */
export async function realInside(root: string, full: string): Promise<boolean> {
  const [realRoot, realFull] = await Promise.all([fs.promises.realpath(root), fs.promises.realpath(full).catch(() => null)]);
  return !!realFull && realFull.startsWith(realRoot + path.sep);
}

/**
 * Moves a completed upload from its temporary file to its object path. Refuses (400, naming only
 * the object path) a target that is a folder, sits under a file, or links outside the root.
 */
export async function placeUpload(root: string, tmp: string, target: string, name: string): Promise<void> {
  const dir = path.dirname(target);
  try {
    await fs.promises.mkdir(dir, { recursive: true });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST' || (e as NodeJS.ErrnoException).code === 'ENOTDIR') {
      throw errors.badRequest(`Cannot store "${name}": a part of its path is already a file`);
    }
    throw e;
  }
  if (!(await realInside(root, dir + path.sep + '.'))) {
    throw errors.badRequest(`Cannot store "${name}": its folder links outside the files store`);
  }
  const st = await fs.promises.lstat(target).catch(() => null);
  if (st?.isDirectory()) throw errors.badRequest(`Cannot store "${name}": a folder of that name already exists`);
  if (st?.isSymbolicLink()) throw errors.badRequest(`Cannot store "${name}": a link of that name already exists`);
  await fs.promises.rename(tmp, target);
}
