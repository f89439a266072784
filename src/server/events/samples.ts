import { z } from 'zod';
import * as api from '../../shared/api/events';
import { endpoint } from '../http/endpoint';
import { errors } from '../http/errors';
import { offloadAnswer } from '../readers/offload';
import type { Store } from '../store/store';
import { assertEventOwner } from './owner';
import type { DocumentEvent } from '../../shared/api/results';
import { documentEvent } from './reader';
import { decodeScroll, encodeScroll } from './scroll';
import { compareCodeUnits } from '../../shared/code-units';

/**
 * The web app's sample viewers: one debug image (a metric/variant at an iteration) or the plots
 * of one metric at an iteration, and stepping from there to the neighbouring variant, metric or
 * iteration. The scroll id holds where the viewer is.
 */
const sampleState = z.object({
  task: z.string(),
  model: z.boolean(),
  metric: z.string(),
  /** Debug images only: the variant shown. */
  variant: z.string().optional(),
  iter: z.number(),
  currentMetric: z.boolean(),
});
type SampleState = z.infer<typeof sampleState>;

type Kind = 'training_debug_image' | 'plot';

/** A place a viewer can stand on: an iteration and metric (and variant for images), with its events. */
interface Spot {
  iter: number;
  metric: string;
  variant: string;
  events: DocumentEvent[];
}

function compareSpots(a: Pick<Spot, 'iter' | 'metric' | 'variant'>, b: Pick<Spot, 'iter' | 'metric' | 'variant'>): number {
  return a.iter - b.iter || compareCodeUnits(a.metric, b.metric) || compareCodeUnits(a.variant, b.variant);
}

/** All spots of an owner, in (iteration, metric, variant) order; the newest event per metric/variant/iteration. */
async function spots(store: Store, owner: string, kind: Kind): Promise<Spot[]> {
  const latest = new Map<string, DocumentEvent>();
  // queryEvents returns the newest first within an iteration/metric/variant.
  for (const e of await store.events.queryEvents({ tasks: [owner], type: kind })) {
    const k = `${e.iter}\u0000${e.metric}\u0000${e.variant}`;
    if (!latest.has(k)) latest.set(k, documentEvent(e));
  }
  const byPlace = new Map<string, Spot>();
  for (const e of latest.values()) {
    const variant = kind === 'plot' ? '' : (e.variant ?? '');
    const k = `${e.iter}\u0000${e.metric}\u0000${variant}`;
    let s = byPlace.get(k);
    if (!s) byPlace.set(k, (s = { iter: e.iter ?? 0, metric: e.metric ?? '', variant, events: [] }));
    s.events.push(e);
  }
  const out = [...byPlace.values()].sort(compareSpots);
  for (const s of out) s.events.sort((a, b) => ((a.variant ?? '') < (b.variant ?? '') ? -1 : 1));
  return out;
}

function sameLine(kind: Kind, s: Spot, metric: string, variant: string | undefined): boolean {
  return s.metric === metric && (kind === 'plot' || s.variant === variant);
}

function answer(kind: Kind, state: SampleState, all: Spot[], at: Spot | undefined) {
  const line = all.filter((s) => sameLine(kind, s, at?.metric ?? state.metric, at ? at.variant : state.variant));
  const next: SampleState = at
    ? { ...state, metric: at.metric, variant: kind === 'plot' ? undefined : at.variant, iter: at.iter }
    : state;
  const range = line.length ? { min_iteration: line[0].iter, max_iteration: line[line.length - 1].iter } : {};
  return {
    scroll_id: encodeScroll(next),
    ...(kind === 'plot' ? { events: at?.events ?? [] } : { event: at?.events[0] ?? null }),
    ...range,
  };
}

/** The sample viewer's answer at an iteration (a reader job: it reads every event of the kind). */
export async function getSample(
  store: Store,
  { kind, req }: { kind: Kind; req: z.infer<typeof api.metricSample> & { variant?: string } },
) {
  await assertEventOwner({ store }, req.task, req.model_events);
  const prior = req.scroll_id && !req.refresh ? decodeScroll(sampleState, req.scroll_id) : undefined;
  if (prior && prior.task !== req.task) throw errors.validation('Invalid scroll_id: it belongs to another task');
  const state: SampleState = {
    task: req.task,
    model: !!req.model_events,
    metric: req.metric,
    variant: kind === 'plot' ? undefined : req.variant,
    iter: req.iteration ?? 0,
    currentMetric: req.navigate_current_metric ?? prior?.currentMetric ?? true,
  };
  const all = await spots(store, req.task, kind);
  const line = all.filter((s) => sameLine(kind, s, req.metric, state.variant));
  let at: Spot | undefined;
  if (req.iteration === undefined) at = line[line.length - 1];
  else at = [...line].reverse().find((s) => s.iter <= req.iteration!) ?? line[0];
  return answer(kind, state, all, at);
}

/** The sample viewer's answer a step away (a reader job: it reads every event of the kind). */
export async function nextSample(store: Store, { kind, req }: { kind: Kind; req: z.infer<typeof api.nextSample> }) {
  const state = decodeScroll(sampleState, req.scroll_id);
  if (state.task !== req.task) throw errors.validation('Invalid scroll_id: it belongs to another task');
  await assertEventOwner({ store }, state.task, state.model);
  const all = await spots(store, state.task, kind);
  const earlier = req.navigate_earlier ?? true;
  const here = { iter: state.iter, metric: state.metric, variant: state.variant ?? '' };
  const candidates = req.next_iteration
    ? all.filter((s) => sameLine(kind, s, state.metric, state.variant))
    : state.currentMetric
      ? all.filter((s) => s.metric === state.metric)
      : all;
  const at = earlier
    ? [...candidates].reverse().find((s) => compareSpots(s, here) < 0 && (!req.next_iteration || s.iter < here.iter))
    : candidates.find((s) => compareSpots(s, here) > 0 && (!req.next_iteration || s.iter > here.iter));
  return answer(kind, state, all, at);
}

export const sampleEndpoints = [
  endpoint(
    'events.get_debug_image_sample',
    (req, ctx) => offloadAnswer(ctx, 'getSample', { kind: 'training_debug_image', req }),
    { access: 'read' },
  ),
  endpoint(
    'events.next_debug_image_sample',
    (req, ctx) => offloadAnswer(ctx, 'nextSample', { kind: 'training_debug_image', req }),
    { access: 'read' },
  ),
  endpoint('events.get_plot_sample', (req, ctx) => offloadAnswer(ctx, 'getSample', { kind: 'plot', req }), {
    access: 'read',
  }),
  endpoint('events.next_plot_sample', (req, ctx) => offloadAnswer(ctx, 'nextSample', { kind: 'plot', req }), {
    access: 'read',
  }),
];
