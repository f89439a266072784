import type { Change } from './hub';

/** Tasks and models a change touched that open pages are told of one by one; past it, only that the lists changed. */
export const ANNOUNCED_IDS = 500;

/**
 * What a change spread over many records (a project deleted or merged with its tasks) touched, for open pages: the
 * request and its answer name the project only, so a task's page would go on showing a task deleted with it.
 */
export class Touched {
  private readonly changes: Change[] = [];

  add(kind: 'task' | 'model', id: string): void {
    if (this.changes.length < ANNOUNCED_IDS) this.changes.push({ kind, id });
  }

  /**
   * The changes to announce: each id added (up to the cap), and that task and model lists changed (a task's output
   * models go with it, by no id of theirs).
   */
  list(): Change[] {
    return [...this.changes, { kind: 'tasks' }, { kind: 'model' }];
  }
}
