import type { Task } from '../../../shared/api/records';

/** One step of a pipeline as the controller records it in its "Pipeline" configuration object. */
export interface PipelineStep {
  name: string;
  parents: string[];
  /** The controller's own view: pending, running, completed, failed, skipped, cached... */
  recordedStatus: string;
  /** The step's task, once the controller launched it (`job_id`, else `executed`). */
  taskId: string | null;
  parameters: Record<string, string>;
}

const MAX_TEXT = 5_000_000;
const str = (v: unknown) => (typeof v === 'string' ? v : v === null || v === undefined ? '' : String(v));

/** Reads the controller's `configuration.Pipeline.value`: `{step_name: {parents, status, job_id, executed, parameters}}`. */
export function parsePipeline(text: string | undefined): PipelineStep[] {
  if (!text || text.length > MAX_TEXT) return [];
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return [];
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return [];
  return Object.entries(raw as Record<string, Record<string, unknown>>)
    .filter(([, v]) => v && typeof v === 'object')
    .map(([name, v]) => ({
      name,
      parents: (Array.isArray(v.parents) ? v.parents : []).map(str),
      recordedStatus: str(v.status) || 'pending',
      taskId: (typeof v.job_id === 'string' && v.job_id) || (typeof v.executed === 'string' && v.executed) || null,
      parameters: Object.fromEntries(
        Object.entries(v.parameters && typeof v.parameters === 'object' ? (v.parameters as Record<string, unknown>) : {}).map(
          ([k, p]) => [k, str(p)],
        ),
      ),
    }));
}

export type StepTask = Pick<Task, 'id' | 'name' | 'status' | 'project'>;

export interface ResolvedStep extends PipelineStep {
  task: StepTask | null;
  /** The task's own status when it exists (live), else what the controller recorded. */
  status: string;
}

/** Matches each step to its task: by the recorded task id, else a child task of the controller with the step's name. */
export function resolveSteps(steps: PipelineStep[], children: StepTask[]): ResolvedStep[] {
  const byId = new Map(children.map((t) => [t.id, t]));
  return steps.map((s) => {
    const task = (s.taskId ? byId.get(s.taskId) : undefined) ?? children.find((t) => t.name === s.name) ?? null;
    return { ...s, task, status: task ? task.status : s.recordedStatus };
  });
}

const COLORS: Record<string, string> = {
  created: '#78909c',
  pending: '#78909c',
  queued: '#0288d1',
  in_progress: '#1976d2',
  running: '#1976d2',
  completed: '#2e7d32',
  closed: '#2e7d32',
  published: '#6a1b9a',
  failed: '#c62828',
  stopped: '#ef6c00',
  aborted: '#ef6c00',
  skipped: '#9e9e9e',
  cached: '#558b2f',
};

export function statusColor(status: string): string {
  return COLORS[status] ?? '#607d8b';
}

const FINAL = new Set(['completed', 'closed', 'published', 'failed', 'stopped', 'aborted', 'skipped', 'cached']);

/** Whether anything in the run can still change (then the page keeps refetching). */
export function isLiveRun(controllerStatus: string, steps: ResolvedStep[]): boolean {
  return (
    controllerStatus === 'in_progress' ||
    controllerStatus === 'queued' ||
    steps.some((s) => !FINAL.has(s.status) && s.task !== null)
  );
}
