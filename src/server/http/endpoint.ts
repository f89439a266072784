import type { z } from 'zod';
import type { ServerConfig } from '../config';
import type { ServerRuntime } from '../runtime';
import type { Store } from '../store/store';

export interface Identity {
  user: string;
  userName: string;
  company: string;
}

export interface RequestContext {
  store: Store;
  config: ServerConfig;
  identity: Identity;
  /** The endpoint as called, e.g. `tasks.get_all`. */
  endpoint: string;
  /** The worker host name the client announced (`X-ClearML-Worker`). */
  worker: string;
  /** In-memory state: registered workers, queue samples. */
  runtime: ServerRuntime;
  /** The caller's address. */
  ip: string;
  /** Raw request, for the few endpoints (auth.login) that read headers. */
  headers: Record<string, string | string[] | undefined>;
}

export interface Endpoint {
  name: string;
  schema: z.ZodType;
  /** False only for auth.login, which authenticates by itself. */
  auth: boolean;
  handler: (body: never, ctx: RequestContext) => Promise<unknown>;
}

export function endpoint<S extends z.ZodType>(
  name: string,
  schema: S,
  handler: (body: z.infer<S>, ctx: RequestContext) => Promise<unknown>,
  opts: { auth?: boolean } = {},
): Endpoint {
  return { name, schema, handler: handler as Endpoint['handler'], auth: opts.auth ?? true };
}
