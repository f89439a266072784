/** Prepares the folder a task runs in: a clone at its commit with its diff applied, or its local folder. */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Script } from '../shared/api/records';

/** A reason the task cannot run, recorded as its failure reason. */
export class PrepareError extends Error {}

function run(cmd: string, args: string[], cwd: string): Promise<{ ok: boolean; out: string }> {
  return new Promise((resolve) => {
    execFile(cmd, args, { cwd, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      resolve({ ok: !err, out: `${stdout}${stderr}`.trim() });
    });
  });
}

const lastLine = (s: string) => s.split('\n').filter(Boolean).pop() ?? '';
const isGitDiff = (d: string) => /^(submodule[^\n]*\n)?diff /.test(d.trimStart());

export interface Prepared {
  cwd: string;
  entry: string;
  /** The top of the code: the clone, else the working folder (Python imports from it). */
  root: string;
  /** The commit checked out when the task named none (a branch, or the default branch). */
  checkedOut: string | null;
  /** A folder the agent made and removes afterwards. */
  scratch: string | null;
  /** What happened, for the task console. */
  notes: string[];
}

export async function prepareWorkdir(script: Partial<Script>, taskDir: string): Promise<Prepared> {
  const notes: string[] = [];
  const entry = script.entry_point ?? '';
  const diff = script.diff ?? '';
  fs.rmSync(taskDir, { recursive: true, force: true });
  fs.mkdirSync(path.dirname(taskDir), { recursive: true });
  let cwd: string;
  let root: string;
  let checkedOut: string | null = null;
  let scratch: string | null = null;
  if (script.repository) {
    const repo = script.repository;
    scratch = taskDir;
    notes.push(`cloning ${repo}`);
    const clone = await run('git', ['clone', '--quiet', repo, taskDir], path.dirname(taskDir));
    if (!clone.ok) throw new PrepareError(`failed cloning repository ${repo}: ${lastLine(clone.out)}`);
    const revision = script.version_num || script.tag || (script.branch ? `origin/${script.branch}` : '');
    if (revision) {
      const co = await run('git', ['checkout', '--quiet', '--detach', revision], taskDir);
      if (!co.ok) {
        const what = script.version_num ? `commit ${revision}` : script.tag ? `tag ${revision}` : `branch ${script.branch}`;
        throw new PrepareError(`cannot check out ${what}: it does not exist in ${repo} (${lastLine(co.out)})`);
      }
      notes.push(`checked out ${revision}`);
    }
    if (!script.version_num) {
      const head = await run('git', ['rev-parse', 'HEAD'], taskDir);
      if (head.ok) checkedOut = head.out;
    }
    if (diff.trim() && isGitDiff(diff)) {
      const patch = path.join(path.dirname(taskDir), `${path.basename(taskDir)}.diff`);
      fs.writeFileSync(patch, diff.endsWith('\n') ? diff : `${diff}\n`);
      const applied = await run('git', ['apply', '--whitespace=nowarn', patch], taskDir);
      fs.rmSync(patch, { force: true });
      if (!applied.ok) throw new PrepareError(`could not apply the task's uncommitted changes: ${lastLine(applied.out)}`);
      notes.push('applied uncommitted changes');
    }
    cwd = path.join(taskDir, script.working_dir || '.');
    root = taskDir;
  } else if (diff.trim() && !isGitDiff(diff)) {
    // No repository and a diff that is not a patch: the diff is the script itself.
    scratch = taskDir;
    fs.mkdirSync(taskDir, { recursive: true });
    fs.writeFileSync(path.join(taskDir, entry || 'untitled.js'), diff);
    cwd = taskDir;
    notes.push('running the script stored in the task');
    return { cwd, root: taskDir, checkedOut, entry: entry || 'untitled.js', scratch, notes };
  } else if (script.working_dir && path.isAbsolute(script.working_dir)) {
    if (!fs.existsSync(script.working_dir))
      throw new PrepareError(`the task's working directory ${script.working_dir} does not exist on this machine`);
    cwd = script.working_dir;
    root = cwd;
    notes.push(`running in the local folder ${cwd}`);
  } else {
    throw new PrepareError('the task records no repository, no local working directory and no script: nothing to run');
  }
  if (!entry) throw new PrepareError('the task has no entry point (script.entry_point is empty)');
  if (!fs.existsSync(path.resolve(cwd, entry))) throw new PrepareError(`entry point ${entry} not found in ${cwd}`);
  return { cwd, root, checkedOut, entry, scratch, notes };
}
