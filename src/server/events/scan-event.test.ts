import { afterEach, describe, expect, it, vi } from 'vitest';
import { defaultConfig, type RequestLimits } from '../config';
import { parseBody } from '../http/body';
import { ApiError } from '../http/errors';
import { checkLimits } from '../http/limits';
import { checkBatch, checkBatchBody, type CheckedBatch } from './checked-batch';
import { FALLBACK, Scan, scanLine } from './scan-event';

/**
 * The byte scanner against the JSON.parse path: for the same body, the checked batch (columns, events,
 * refusals) or the body's refusal must be the same. The reference is the path as it was before the
 * scanner: parseBody, checkLimits, checkBatch.
 */
const limits = defaultConfig();
const CT = 'application/json-lines';

function reference(body: Buffer, l: RequestLimits): CheckedBatch {
  const items = parseBody(body, CT) as unknown[];
  checkLimits('events.add_batch', items, l);
  return checkBatch(items);
}

/** A value in a form that tells -0 from 0, a number from a string, and keeps the order of an object's keys. */
function canon(v: unknown): unknown {
  if (typeof v === 'number') return Object.is(v, -0) ? 'n:-0' : `n:${v}`;
  if (typeof v === 'string') return `s:${v}`;
  if (ArrayBuffer.isView(v)) return Array.from(v as unknown as ArrayLike<number>, canon);
  if (Array.isArray(v)) return v.map(canon);
  if (v && typeof v === 'object') {
    return [
      Object.getPrototypeOf(v) === Object.prototype,
      Reflect.ownKeys(v).map((k) => [String(k), canon((v as Record<string, unknown>)[k as string])]),
    ];
  }
  return v;
}

interface Outcome {
  batch?: CheckedBatch;
  refused?: { code: number; subcode: number; message: string; data: unknown };
}

function outcome(f: () => CheckedBatch): Outcome {
  try {
    return { batch: f() };
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
    return { refused: { code: e.code, subcode: e.subcode, message: e.message, data: e.data } };
  }
}

/** The scanner's outcome for a body is the JSON.parse path's; that outcome. */
function same(body: Buffer, l: RequestLimits = limits): Outcome {
  const want = outcome(() => reference(body, l));
  const got = outcome(() => checkBatchBody(body, CT, l));
  expect(canon(got), `body: ${JSON.stringify(body.toString('latin1'))}`).toEqual(canon(want));
  return want;
}

/** A small seeded generator (mulberry32), so that a failure reproduces from its seed. */
function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)];
  return { next, int, pick, chance: (p: number) => next() < p };
}
type Rng = ReturnType<typeof rng>;

const NUMBERS = [
  '0',
  '-0',
  '0.0',
  '-0.0',
  '1',
  '-1',
  '3',
  '42',
  '1.5',
  '0.1',
  '0.30000000000000004',
  '1e5',
  '1E5',
  '1e+5',
  '1e-5',
  '2.5e-3',
  '1700000000000',
  '1733150000.123456',
  '9007199254740991',
  '9007199254740992',
  '9007199254740993',
  '123456789012345678901234567890',
  '1e22',
  '1e23',
  '1e-22',
  '1e-23',
  '4.9e-324',
  '1e-400',
  '1e400',
  '-1e400',
  '1.7976931348623157e308',
  '2.2250738585072014e-308',
  '0.000001',
  '100.000',
  '1.0000000000000000000001',
  '5e0',
  '0e10',
  '-0e-5',
  '12345678901234567',
  '0.1e1',
  '7.0',
  '1E+2',
  '123456789012345.678',
];
const BAD_NUMBERS = [
  '01',
  '1.',
  '.5',
  '+1',
  '0x10',
  '1e',
  '1e+',
  '-',
  '--1',
  '1.e5',
  'NaN',
  'Infinity',
  '-Infinity',
  '00',
  '-01',
  '1.2.3',
];
const STRINGS = [
  '',
  'loss',
  'train',
  'm0',
  'v0',
  'a b',
  'line\\nbreak',
  'tab\\there',
  'quote\\"d',
  'back\\\\slash',
  'sl\\/ash',
  '\\u00e9t\\u00E9',
  '\\ud83d\\ude00',
  '\\ud800',
  'héllo',
  '世界',
  '🎉',
  '\\b\\f\\r',
  'x'.repeat(40),
  '__proto__',
  '\\u0000',
  'ü\\n',
];
const BAD_STRINGS = ['\\x', '\\u12', '\\u12g4', 'raw\ttab', 'raw\u0001ctl', 'raw\u001fctl', 'raw\u0010ctl', '\\'];
const KEYS = [
  'type',
  'task',
  'timestamp',
  'iter',
  'metric',
  'variant',
  'value',
  'msg',
  'level',
  'worker',
  'plot_str',
  'url',
  'key',
  'model_event',
  'model',
  'allow_locked',
];
const EXTRA_KEYS = [
  'extra',
  'x',
  '0',
  '12',
  'constructor',
  '__proto__',
  'name',
  'tags',
  'comment',
  'parameters',
  'é',
  'ke\\u0079',
  'k'.repeat(1100),
  'ty\\u0070e',
];
const TYPES = [
  'training_stats_scalar',
  'training_stats_scalar',
  'training_stats_scalar',
  'log',
  'log',
  'plot',
  'training_debug_image',
  'nonsense',
  'lo\\u0067',
  '',
];
const TASKS = ['T1', 'T2', 'a'.repeat(32), '', 'M1'];

function ws(r: Rng): string {
  if (!r.chance(0.15)) return '';
  return Array.from({ length: 1 + r.int(3) }, () => r.pick([' ', '\t', '\r'])).join('');
}

/** How often a body holds what refuses it as a whole (a malformed line, a limit): 0 for a clean body. */
let dirt = 1;

/** A value for a field: mostly of the right kind, sometimes not. */
function valueFor(r: Rng, key: string): string {
  const roll = r.next();
  if (roll < 0.06) return 'null';
  if (roll < 0.1) return r.pick(['true', 'false', '[]', '[1,2]', '{}', '{"a":1}', `"${r.pick(STRINGS)}"`, r.pick(NUMBERS)]);
  if (roll < 0.1 + 0.02 * dirt) return r.pick(BAD_NUMBERS);
  if (roll < 0.1 + 0.03 * dirt) return `"${r.pick(BAD_STRINGS)}"`;
  switch (key) {
    case 'type':
      return `"${r.pick(TYPES)}"`;
    case 'task':
    case 'model':
      return `"${r.pick(TASKS)}"`;
    case 'timestamp':
    case 'value':
      return r.pick(NUMBERS);
    case 'iter':
      return r.chance(0.8) ? String(r.int(1000) - 10) : r.pick(NUMBERS);
    case 'model_event':
      return r.chance(0.85) ? 'false' : 'true';
    case 'allow_locked':
      return r.pick(['true', 'false']);
    case 'name':
      return r.chance(1 - 0.5 * dirt) ? '"short"' : `"${'n'.repeat(1100)}"`;
    default:
      return `"${r.pick(STRINGS)}"`;
  }
}

/** A line of an event: fields in any order, spacing anywhere, sometimes a field twice or a key of another kind. */
function eventLine(r: Rng): string {
  const keys = KEYS.filter(
    (k) => k === 'type' || k === 'task' || r.chance(k === 'model' || k === 'plot_str' || k === 'url' || k === 'key' ? 0.1 : 0.6),
  );
  if (r.chance(0.03)) keys.splice(r.int(keys.length), 1);
  if (r.chance(0.15)) keys.push(r.pick(dirt ? EXTRA_KEYS : EXTRA_KEYS.filter((k) => k.length < 100)));
  if (r.chance(0.05)) keys.push(r.pick(KEYS));
  for (let i = keys.length - 1; i > 0; i--) {
    const j = r.int(i + 1);
    [keys[i], keys[j]] = [keys[j], keys[i]];
  }
  const parts = keys.map((k) => `${ws(r)}"${k}"${ws(r)}:${ws(r)}${valueFor(r, k)}${ws(r)}`);
  return `${ws(r)}{${parts.join(',')}}${ws(r)}`;
}

/** A body: event lines, sometimes blank lines, rarely a line that is not JSON or not an object. */
function body(r: Rng, n: number): Buffer {
  dirt = r.chance(0.4) ? 1 : 0;
  const lines: (string | Buffer)[] = [];
  for (let i = 0; i < n; i++) {
    const roll = r.next();
    if (roll < 0.03) lines.push(r.pick(['', '  ', '\t\r', '\f', '\u00a0', '\ufeff']));
    else if (roll < 0.03 + 0.01 * dirt)
      lines.push(
        r.pick([
          '[1]',
          '"text"',
          '3',
          'null',
          '{}',
          '{"a":NaN}',
          '{"type":"log","task":"T1","value":Infinity}',
          '{"a":1',
          'garbage',
          '{"a":1}}',
          '{"a" 1}',
          '{"a":1,}',
          '{,}',
          '\ufeff{"type":"log","task":"T1"}',
        ]),
      );
    else if (roll < 0.045)
      lines.push(
        Buffer.concat([
          Buffer.from('{"type":"log","task":"T1","msg":"'),
          Buffer.from([r.pick([0x80, 0xc3, 0xe4, 0xff, 0xed, 0xf0])]),
          Buffer.from('"}'),
        ]),
      );
    else lines.push(eventLine(r));
  }
  const sep = r.chance(0.1) ? '\r\n' : '\n';
  const parts: Buffer[] = [];
  lines.forEach((l, i) => {
    if (i) parts.push(Buffer.from(sep));
    parts.push(typeof l === 'string' ? Buffer.from(l) : l);
  });
  if (r.chance(0.1)) parts.push(Buffer.from('\n'));
  return Buffer.concat(parts);
}

/** A line with a few bytes changed, dropped, doubled or cut. */
function mutate(r: Rng, line: Buffer): Buffer {
  const b = [...line];
  for (let m = 1 + r.int(3); m > 0 && b.length; m--) {
    const at = r.int(b.length);
    switch (r.int(5)) {
      case 0:
        b[at] = r.pick([
          0x22, 0x5c, 0x2c, 0x3a, 0x7b, 0x7d, 0x5b, 0x30, 0x2d, 0x2e, 0x65, 0x20, 0x0a, 0x09, 0x0d, 0x00, 0x1f, 0x7f, 0xff, 0x61,
          0x6e, 0x75,
        ]);
        break;
      case 1:
        b.splice(at, 1);
        break;
      case 2:
        b.splice(at, 0, ...b.slice(at, at + 1 + r.int(6)));
        break;
      case 3:
        b.length = at;
        break;
      default:
        b[at] ^= 1 << r.int(8);
    }
  }
  return Buffer.from(b);
}

afterEach(() => vi.restoreAllMocks());

describe('the byte scanner against the JSON.parse path', () => {
  it('reads the scalars of a batch of plain scalar and log lines without JSON.parse (log lines by JSON.parse), into the same batch', () => {
    const lines = Array.from({ length: 50 }, (_, i) =>
      i % 5 === 4
        ? JSON.stringify({ type: 'log', task: 'T1', timestamp: 1.7e12 + i, msg: `step ${i}`, level: 'info', worker: 'w' })
        : JSON.stringify({
            timestamp: 1.7e12 + i,
            type: 'training_stats_scalar',
            task: 'T1',
            iter: i,
            metric: `m${i % 3}`,
            variant: 'v',
            value: i / 7,
            allow_locked: false,
            model_event: false,
          }),
    );
    const b = Buffer.from(lines.join('\n'));
    const want = reference(b, limits);
    const parse = vi.spyOn(JSON, 'parse');
    const got = checkBatchBody(b, CT, limits);
    const texts = parse.mock.calls.map(([text]) => text);
    parse.mockRestore();
    // Each log line is parsed by JSON.parse, and after it the next line (the scan resumes at a scalar);
    // the scalars before the first log line are not.
    expect(texts.filter((t) => (JSON.parse(t) as { type: string }).type === 'log')).toHaveLength(10);
    expect(texts.length).toBeLessThanOrEqual(20);
    for (const t of lines.slice(0, 4)) expect(texts).not.toContain(t);
    expect(canon(got)).toEqual(canon(want));
    expect(got.scalars.value.length).toBe(40);
    expect(got.others.map((e) => e.msg)).toEqual([
      'step 4',
      'step 9',
      'step 14',
      'step 19',
      'step 24',
      'step 29',
      'step 34',
      'step 39',
      'step 44',
      'step 49',
    ]);
  });

  it('reads every number of the list as JSON.parse does, and refuses what JSON refuses', () => {
    for (const n of [...NUMBERS, ...BAD_NUMBERS]) {
      for (const field of ['value', 'timestamp', 'iter']) {
        same(Buffer.from(`{"type":"training_stats_scalar","task":"T1","${field}":${n}}`));
        same(Buffer.from(`{"type":"log","task":"T1","${field}": ${n} ,"x":${n}}`));
      }
    }
  });

  it('reads random doubles and digit strings as JSON.parse does', () => {
    const r = rng(7);
    const f64 = new Float64Array(1);
    const u32 = new Uint32Array(f64.buffer);
    const texts: string[] = [];
    for (let i = 0; i < 3000; i++) {
      u32[0] = r.int(2 ** 32);
      u32[1] = r.int(2 ** 32);
      if (Number.isFinite(f64[0])) texts.push(String(f64[0]));
      const digits = (k: number) => Array.from({ length: k }, () => r.int(10)).join('');
      const int = r.chance(0.2) ? '0' : `${1 + r.int(9)}${digits(r.int(20))}`;
      texts.push(
        `${r.chance(0.3) ? '-' : ''}${int}${r.chance(0.6) ? `.${digits(1 + r.int(20))}` : ''}${r.chance(0.3) ? `e${r.pick(['', '+', '-'])}${r.int(40)}` : ''}`,
      );
    }
    const lines = texts.map((t) => `{"type":"training_stats_scalar","task":"T1","value":${t},"timestamp":${t}}`);
    const b = Buffer.from(lines.join('\n'));
    const got = checkBatchBody(b, CT, limits);
    expect(got.refusedAt).toEqual([]);
    expect(canon(got.scalars.value)).toEqual(texts.map((t) => canon(JSON.parse(t))));
    same(b);
  });

  it('gives the same batch or the same refusal for generated bodies (seeded)', () => {
    const seed = 20261202;
    const r = rng(seed);
    let refusedBodies = 0;
    let refusedEvents = 0;
    for (let i = 0; i < 400; i++) {
      const out = same(body(r, 1 + r.int(30)));
      if (out.refused) refusedBodies++;
      else refusedEvents += out.batch!.refusedAt.length;
    }
    // The bodies must exercise both the per-event refusals and the whole-body ones.
    expect(refusedBodies).toBeGreaterThan(40);
    expect(refusedBodies).toBeLessThan(300);
    expect(refusedEvents).toBeGreaterThan(100);
  });

  it('gives the same batch or the same refusal for randomly mutated lines (seeded)', () => {
    const seed = 1313;
    const r = rng(seed);
    for (let i = 0; i < 4000; i++) {
      dirt = r.chance(0.5) ? 1 : 0;
      const line = Buffer.from(eventLine(r));
      const bad = mutate(r, line);
      same(r.chance(0.5) ? bad : Buffer.concat([line, Buffer.from('\n'), bad, Buffer.from('\n'), line]));
    }
  });

  it('refuses an owner that mixes model and task events, after the other refusals, as the JSON.parse path', () => {
    const scalar = '{"type":"training_stats_scalar","task":"T1","value":1}';
    const model = '{"type":"training_stats_scalar","task":"T1","model_event":true,"value":1}';
    const long = `{"type":"log","task":"T1","name":"${'n'.repeat(limits.maxNameBytes + 1)}"}`;
    expect(same(Buffer.from([scalar, model].join('\n'))).refused?.message).toMatch(/mix model and task events/);
    expect(same(Buffer.from([scalar, model, long].join('\n'))).refused?.message).toMatch(/max-name-bytes/);
    expect(same(Buffer.from([scalar, model, long, '{"a":'].join('\n'))).refused?.message).toMatch(/Malformed JSON on line 4/);
  });

  it('keeps the limits when they are small enough to refuse a plain event', () => {
    const r = rng(99);
    const small = [
      { ...limits, maxNameBytes: 12 },
      { ...limits, maxNameBytes: 5 },
      { ...limits, maxJsonDepth: 1 },
      { ...limits, maxJsonDepth: 2 },
    ];
    for (const l of small) for (let i = 0; i < 50; i++) same(body(r, 1 + r.int(10)), l);
  });
});

it('reads a body of log lines by the JSON.parse path, into the same batch', () => {
  const lines = Array.from({ length: 30 }, (_, i) => JSON.stringify({ type: 'log', task: 'T1', msg: `line ${i}\u001b[0m` }));
  const b = Buffer.from(['', ...lines].join('\n'));
  expect(canon(checkBatchBody(b, CT, limits))).toEqual(canon(reference(b, limits)));
  expect(checkBatchBody(b, CT, limits).others).toHaveLength(30);
});

describe('scanLine', () => {
  const scan = new Scan();
  const at = (s: string) => scanLine(Buffer.from(s), 0, Buffer.byteLength(s), scan);

  it('answers the end of its line, and a whitespace line as one without keys', () => {
    expect(at('{"a":1}\n{"b":2}')).toBe(7);
    expect(at('{"a":1} \r')).toBe(9);
    expect(at(' \t\r\n{"a":1}')).toBe(3);
    expect(scan.keys).toBe(0);
  });

  it.each([
    '{"a":[1]}',
    '{"a":{}}',
    '{"a":01}',
    '{"a":1.}',
    '{"a":.5}',
    '{"a":+1}',
    '{"a":NaN}',
    '{"a":"\\x"}',
    '{"a":"\t"}',
    '{"\\u0061":1}',
    '{"é":1}',
    '{"a":1,}',
    '{"a":1}x',
    '{}',
    '[1]',
    '{"a":1\n}',
    '{"a":tru}',
    '{"a":nul}',
  ])('leaves %j to JSON.parse', (line) => expect(at(line)).toBe(FALLBACK));
});
