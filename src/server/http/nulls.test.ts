/**
 * Null means absent, everywhere: for every endpoint, every optional field (also inside nested
 * objects and lists of objects) sent as null adds no validation error.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { z } from 'zod';
import { ENDPOINTS } from '../app';
import { rawRequest } from '../testing/replay';
import { validate } from './validation';
import { startTestServer, type TestServer } from '../testing/server';

type Def = { type: string; [k: string]: unknown };
const defOf = (s: z.ZodType) => (s as unknown as { _zod: { def: Def } })._zod.def;

function unwrap(s: z.ZodType): z.ZodType {
  for (;;) {
    const d = defOf(s);
    if (['optional', 'nullable', 'default', 'prefault', 'readonly', 'catch'].includes(d.type)) s = d.innerType as z.ZodType;
    else if (d.type === 'pipe') s = d.in as z.ZodType;
    else if (d.type === 'lazy') s = (d.getter as () => z.ZodType)();
    else return s;
  }
}

interface Probe {
  path: string;
  /** Sets just this field to null (parents as objects, lists of one). */
  body: unknown;
  /** The same body without the field. */
  without: unknown;
}

/** One probe per optional field, nested objects and lists of objects included. */
function nullProbes(schema: z.ZodType, depth = 0): Probe[] {
  const s = unwrap(schema);
  const d = defOf(s);
  if (d.type === 'array' && depth < 3) {
    return nullProbes(d.element as z.ZodType, depth + 1).map((p) => ({
      path: `[].${p.path}`,
      body: [p.body],
      without: [p.without],
    }));
  }
  if (d.type !== 'object' || depth > 3) return [];
  const out: Probe[] = [];
  for (const [key, field] of Object.entries(d.shape as Record<string, z.ZodType>)) {
    if (field.safeParse(undefined).success) out.push({ path: key, body: { [key]: null }, without: {} });
    for (const p of nullProbes(field, depth + 1))
      out.push({ path: `${key}.${p.path}`, body: { [key]: p.body }, without: { [key]: p.without } });
  }
  return out;
}

/** How many validation issues the server's validation finds in a body (0 when it passes). */
function issueCount(name: string, schema: z.ZodType, body: unknown): number {
  try {
    validate(name, schema, body);
    return 0;
  } catch (e) {
    return ((e as { data?: { issues?: number } }).data?.issues as number) ?? -1;
  }
}

let srv: TestServer;
beforeAll(async () => {
  srv = await startTestServer();
});
afterAll(() => srv?.stop());

it('covers every registered endpoint that takes an object body', () => {
  const objectBodies = ENDPOINTS.filter((e) => defOf(unwrap(e.schema)).type === 'object');
  expect(objectBodies.length).toBeGreaterThan(60);
  const probes = objectBodies.flatMap((e) => nullProbes(e.schema));
  expect(probes.length).toBeGreaterThan(300);
});

it('takes null for every optional field of every endpoint as if it were absent (nested fields too)', async () => {
  const failures: string[] = [];
  for (const ep of ENDPOINTS) {
    for (const probe of nullProbes(ep.schema)) {
      // Required fields are missing from a probe: the null must add no issue to those.
      const withNull = issueCount(ep.name, ep.schema, probe.body);
      const without = issueCount(ep.name, ep.schema, probe.without);
      if (withNull !== without) failures.push(`${ep.name} ${probe.path}: ${withNull} issues, ${without} without it`);
    }
  }
  expect(failures).toEqual([]);
});

it('answers a request whose optional fields are all null like one without them', async () => {
  const auth = { Authorization: `Bearer ${srv.client.token}`, 'Content-Type': 'application/json' };
  const mismatched: string[] = [];
  for (const ep of ENDPOINTS) {
    if (!ep.auth || defOf(unwrap(ep.schema)).type !== 'object') continue;
    const topLevel = nullProbes(ep.schema).filter((p) => !p.path.includes('.'));
    if (!topLevel.length) continue;
    const allNull = Object.assign({}, ...topLevel.map((p) => p.body as object));
    const call = async (body: unknown) => {
      const res = await rawRequest(`${srv.url}/api/v2.23/${ep.name}`, 'POST', auth, JSON.stringify(body));
      const meta = JSON.parse(res.body.toString()).meta as { result_subcode: number; error_data?: { issues?: number } };
      return { status: res.status, subcode: meta.result_subcode, issues: meta.error_data?.issues ?? 0 };
    };
    // Only validation outcomes are compared: with nothing but nulls, the same required fields are missing.
    const bare = await call({});
    const withNulls = await call(allNull);
    const isValidation = (r: { status: number; subcode: number }) => r.status === 400 && r.subcode === 12;
    if (isValidation(withNulls) && (!isValidation(bare) || withNulls.issues !== bare.issues)) {
      mismatched.push(`${ep.name}: ${JSON.stringify(withNulls)} vs ${JSON.stringify(bare)}`);
    }
  }
  expect(mismatched).toEqual([]);
});
