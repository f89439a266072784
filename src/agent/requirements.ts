/** `--install-requirements`: npm packages for Node tasks, a virtualenv with pip for Python tasks. */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from './command';

function run(cmd: string, args: string[], cwd: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(cmd, args, { cwd, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`${cmd} ${args.join(' ')} failed: ${(stderr || stdout).trim().split('\n').pop()}`));
      else resolve(`${stdout}${stderr}`);
    });
  });
}

const lines = (text: unknown) =>
  typeof text === 'string'
    ? text
        .split('\n')
        .map((l) => l.trim())
        .filter((l) => l && !l.startsWith('#'))
    : [];

export interface Installed {
  command: Command;
  note: string;
  /** The task's requirements to record afterwards, as clearml-agent does: the frozen list, the original kept. */
  record?: Record<string, unknown>;
}

/** Installs what the task lists and returns the command to use (a venv's python for Python). */
export async function installRequirements(
  requirements: Record<string, unknown> | undefined,
  command: Command,
  cwd: string,
  venvDir: string,
): Promise<Installed> {
  if (command.kind === 'node') {
    const pkgs = lines(requirements?.npm).map((l) => l.replace('==', '@'));
    if (!pkgs.length) return { command, note: 'no npm requirements to install' };
    await run('npm', ['install', '--no-save', '--no-audit', '--no-fund', ...pkgs], cwd);
    return { command, note: `installed ${pkgs.length} npm package(s)` };
  }
  if (command.kind === 'python') {
    const pkgs = lines(requirements?.pip);
    if (!pkgs.length) return { command, note: 'no pip requirements to install' };
    await run(command.cmd, ['-m', 'venv', venvDir], cwd);
    const file = path.join(venvDir, 'requirements.txt');
    fs.writeFileSync(file, pkgs.join('\n') + '\n');
    const python = path.join(venvDir, 'bin', 'python');
    await run(python, ['-m', 'pip', 'install', '--disable-pip-version-check', '-r', file], cwd);
    const frozen = await run(python, ['-m', 'pip', 'freeze', '--disable-pip-version-check'], cwd);
    return {
      command: { ...command, cmd: python },
      note: `installed ${pkgs.length} pip package(s) in ${venvDir}`,
      record: { ...requirements, org_pip: requirements?.org_pip ?? requirements?.pip, pip: frozen.trim() + '\n' },
    };
  }
  return { command, note: 'requirements are installed only for Node and Python tasks' };
}
