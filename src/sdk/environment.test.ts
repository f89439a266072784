import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { detectPackages, detectScript } from './environment';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
function folder(files: Record<string, string>, gitSteps: string[][] = []): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'taskdeck-env-')));
  dirs.push(dir);
  for (const [f, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
    fs.writeFileSync(path.join(dir, f), text);
  }
  for (const args of gitSteps) execFileSync('git', args, { cwd: dir, stdio: 'ignore' });
  return dir;
}
const identity = [
  ['config', 'user.email', 't@t'],
  ['config', 'user.name', 't'],
];

it('records the commit, branch and uncommitted changes of a repository, the script relative to the working folder', () => {
  const dir = folder({ 'src/train.ts': 'one\n' }, [
    ['init', '-q', '--initial-branch=main'],
    ...identity,
    ['add', '.'],
    ['commit', '-qm', 'x'],
  ]);
  fs.writeFileSync(path.join(dir, 'src/train.ts'), 'two\n');
  const info = detectScript(path.join(dir, 'src/train.ts'), path.join(dir, 'src'));
  expect(info).toMatchObject({ repository: dir, branch: 'main', entry_point: 'train.ts', working_dir: 'src' });
  expect(info.version_num).toMatch(/^[0-9a-f]{40}$/);
  expect(info.diff).toContain('+two');
});

it('runs in place when the repository has no commit yet, or there is no git at all', () => {
  for (const dir of [folder({ 'train.ts': 'x\n' }, [['init', '-q']]), folder({ 'train.ts': 'x\n' })]) {
    expect(detectScript(path.join(dir, 'train.ts'), dir)).toEqual({
      binary: 'node',
      repository: '',
      branch: '',
      version_num: '',
      entry_point: 'train.ts',
      working_dir: dir,
      diff: '',
    });
  }
});

it("records the packages of the script's own repository, not of a project around it", () => {
  const lock = (deps: Record<string, string>) =>
    JSON.stringify({
      packages: {
        '': { dependencies: deps },
        ...Object.fromEntries(Object.entries(deps).map(([n, v]) => [`node_modules/${n}`, { version: v.replace('^', '') }])),
      },
    });
  // An outer project's lock, and inside it a repository of its own without one.
  const outer = folder({ 'package-lock.json': lock({ vite: '^8.0.0' }), 'repo/train.js': 'x' });
  execFileSync('git', ['init', '-q'], { cwd: path.join(outer, 'repo'), stdio: 'ignore' });
  expect(detectPackages(path.join(outer, 'repo'))).toBe('');
  // With its own lock, that one; from a folder inside the repository too.
  fs.writeFileSync(path.join(outer, 'repo', 'package-lock.json'), lock({ 'left-pad': '^1.3.0' }));
  fs.mkdirSync(path.join(outer, 'repo', 'src'));
  expect(detectPackages(path.join(outer, 'repo', 'src'))).toBe('left-pad==1.3.0');
  // Outside any repository the nearest lock is still found.
  expect(detectPackages(outer)).toBe('vite==8.0.0');
});
