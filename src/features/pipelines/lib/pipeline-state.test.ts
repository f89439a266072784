import { describe, expect, it } from 'vitest';
import { readTranscript } from '../../../testing/transcripts';
import { isLiveRun, parsePipeline, resolveSteps } from './pipeline-state';

const records = readTranscript('sdk-pipeline-transcript.jsonl');
const pipelineValues = records
  .filter(
    (r) => r.endpoint === 'tasks.edit' && (r.request as { configuration?: Record<string, unknown> }).configuration?.Pipeline,
  )
  .map((r) => (r.request as { configuration: { Pipeline: { value: string } } }).configuration.Pipeline.value);

describe('pipeline state from the controller configuration', () => {
  it('reads two steps, step_two after step_one, before anything ran', () => {
    const steps = parsePipeline(pipelineValues[0]);
    expect(steps.map((s) => [s.name, s.parents, s.recordedStatus, s.taskId])).toEqual([
      ['step_one', [], 'pending', null],
      ['step_two', ['step_one'], 'pending', null],
    ]);
    expect(steps[0].parameters).toEqual({ 'kwargs/a': '1' });
  });

  it('reads the launched task ids at the end of the run', () => {
    const steps = parsePipeline(pipelineValues.at(-1));
    expect(steps.map((s) => [s.recordedStatus, s.taskId])).toEqual([
      ['completed', 'a8bd241e769e4799a98d51b32edc15a8'],
      ['completed', 'f502ac649d384c90a6c29288246eb8a4'],
    ]);
  });

  it('takes the live status from the step task, matched by id or by name', () => {
    const steps = parsePipeline(pipelineValues.at(-1)).map((s, i) => (i === 1 ? { ...s, taskId: null } : s));
    const resolved = resolveSteps(steps, [
      { id: 'a8bd241e769e4799a98d51b32edc15a8', name: 'step_one', status: 'completed', project: 'p' },
      { id: 'other', name: 'step_two', status: 'in_progress', project: 'p' },
    ]);
    expect(resolved.map((s) => [s.status, s.task?.id])).toEqual([
      ['completed', 'a8bd241e769e4799a98d51b32edc15a8'],
      ['in_progress', 'other'],
    ]);
    expect(isLiveRun('completed', resolved)).toBe(true);
    expect(isLiveRun('completed', resolved.slice(0, 1))).toBe(false);
  });

  it('refuses what is not a pipeline', () => {
    expect(parsePipeline('nope')).toEqual([]);
    expect(parsePipeline('[1]')).toEqual([]);
  });
});
