/** What the SDK records about how the script runs: git state, entry point, packages, host. */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Script } from '../shared/api/records';

/** What detectScript fills: every script field but `tag` and `requirements`. */
export type ScriptInfo = Required<Omit<Script, 'tag' | 'requirements'>>;

function git(cwd: string, args: string[]): string | null {
  try {
    return execFileSync('git', args, {
      cwd,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      maxBuffer: 64 * 1024 * 1024,
    }).trimEnd();
  } catch {
    return null;
  }
}

/**
 * The script's repository, commit and uncommitted changes. Without a remote the repository is
 * the local folder (an agent on the same machine can clone it); without git the working
 * directory is recorded as an absolute path, for an agent to run in place.
 */
export function detectScript(entryFile: string, cwd = process.cwd()): ScriptInfo {
  const entry = path.resolve(entryFile);
  const dir = path.dirname(entry);
  const root = git(dir, ['rev-parse', '--show-toplevel']);
  const head = root ? (git(root, ['rev-parse', '--verify', '--quiet', 'HEAD']) ?? '') : '';
  // Outside git, or in a repository with no commit yet (nothing to check out): the local folder.
  if (!root || !head) {
    return {
      binary: 'node',
      repository: '',
      branch: '',
      version_num: '',
      entry_point: path.relative(cwd, entry),
      working_dir: cwd,
      diff: '',
    };
  }
  const remote = git(root, ['remote', 'get-url', 'origin']);
  const branch = git(root, ['rev-parse', '--abbrev-ref', 'HEAD']) ?? '';
  // Staged and unstaged changes to tracked files, against the recorded commit.
  const diff = git(root, ['diff', 'HEAD', '--no-color', '--no-ext-diff']) ?? '';
  const inside = path.relative(root, cwd);
  const workingDir = inside.startsWith('..') || path.isAbsolute(inside) ? '.' : inside || '.';
  return {
    binary: 'node',
    repository: remote || root,
    branch: branch === 'HEAD' ? '' : branch,
    version_num: head,
    entry_point: path.relative(path.join(root, workingDir), entry),
    working_dir: workingDir,
    diff: diff ? diff + '\n' : '',
  };
}

/**
 * The nearest package-lock.json's direct dependencies with their installed versions, one `name==version` a line: looked
 * for from `from` up to the root of its git repository.
 */
export function detectPackages(from: string): string {
  for (let dir = path.resolve(from); ; dir = path.dirname(dir)) {
    const lock = path.join(dir, 'package-lock.json');
    if (fs.existsSync(lock)) {
      try {
        const data = JSON.parse(fs.readFileSync(lock, 'utf8')) as {
          packages?: Record<
            string,
            { version?: string; dependencies?: Record<string, string>; devDependencies?: Record<string, string> }
          >;
        };
        const rootPkg = data.packages?.[''] ?? {};
        const names = [...Object.keys(rootPkg.dependencies ?? {}), ...Object.keys(rootPkg.devDependencies ?? {})].sort();
        return names
          .map(
            (n) =>
              `${n}==${data.packages?.[`node_modules/${n}`]?.version ?? rootPkg.dependencies?.[n] ?? rootPkg.devDependencies?.[n]}`,
          )
          .join('\n');
      } catch {
        return '';
      }
    }
    // The repository's root bounds the walk: a lock file above it is another project's (the script's checkout
    // inside a bigger one would otherwise record, and an agent install, that project's packages).
    if (fs.existsSync(path.join(dir, '.git')) || path.dirname(dir) === dir) return '';
  }
}

export function detectRuntime(argv: string[]): Record<string, string> {
  return {
    platform: `${os.type()} ${os.release()}`,
    node_version: process.version,
    node_exec: process.execPath,
    OS: os.platform(),
    processor: os.arch(),
    cpu_cores: String(os.cpus().length),
    memory_gb: (os.totalmem() / 1024 ** 3).toFixed(1),
    hostname: os.hostname(),
    argv: JSON.stringify(argv),
    'TASKDECK SDK': '0.1.0',
  };
}
