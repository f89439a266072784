import type { z } from 'zod';
import { contract, type EndpointName, type RawBody, type ResponseOf, type ValidRequestOf } from '../../shared/api/contract';
import type { ServerConfig } from '../config';
import type { Access, Role } from '../policies';
import type { ServerRuntime } from '../runtime';
import type { Store } from '../store/store';
import type { Content } from './compression';
import type { JsonBytes } from './json-bytes';
import type { RawResult } from './raw';

export interface Identity {
  user: string;
  userName: string;
  company: string;
  /** Set for authenticated callers; absent on public endpoints and internal calls. */
  role?: Role;
  /** The key pair the caller authenticated with (Basic, or the token made from it). */
  accessKey?: string;
  /** How the caller authenticated: the dashboard's cookie is the one that needs a same-origin check. */
  via?: 'basic' | 'token' | 'cookie';
  /** The hashed id of the cookie session, when `via` is cookie. */
  sessionHash?: string;
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
  /** Whether the request came over https (directly or per X-Forwarded-Proto), for the cookie's Secure flag. */
  secure: boolean;
  /** Headers to add to the response (auth.sign_in sets its cookie here). */
  setHeaders: Record<string, string | string[]>;
}

export interface Endpoint {
  name: string;
  schema: z.ZodType;
  /** False only for public endpoints (auth.login, auth.sign_in), which authenticate by themselves. */
  auth: boolean;
  /** What the caller's role must allow; `write` unless declared, so a forgotten declaration is safe. */
  access: Access;
  handler: (body: never, ctx: RequestContext) => Promise<unknown>;
  /**
   * Takes the body as read, instead of `handler` taking it parsed, limit-checked and validated on the event
   * loop: for bodies large enough to be parsed elsewhere (add_batch), which then applies the same checks.
   */
  rawHandler?: (raw: Buffer, contentType: string | undefined, ctx: RequestContext) => Promise<unknown>;
  /** What an answer to this request is mostly made of, for how hard it is compressed (numbers: chart series). */
  content?: (body: never) => Content;
}

/**
 * What a handler answers: the contract's response type (as an object, or already serialised by a reader
 * thread), or a file for the endpoints that send one.
 */
export type HandlerResult<E extends EndpointName> =
  ResponseOf<E> extends RawBody ? RawResult : ResponseOf<E> | JsonBytes<ResponseOf<E>>;

/** Defines an endpoint of the contract: its request schema comes from there and its handler must answer the contract's type. */
export function endpoint<E extends EndpointName>(
  name: E,
  handler: (body: ValidRequestOf<E>, ctx: RequestContext) => Promise<HandlerResult<E>>,
  opts: { access?: Access; content?: (body: ValidRequestOf<E>) => Content } = {},
): Endpoint {
  const access = opts.access ?? 'write';
  const schema: z.ZodType = contract[name].request;
  return {
    name,
    schema,
    handler: handler as Endpoint['handler'],
    auth: access !== 'public',
    access,
    ...(opts.content ? { content: opts.content as Endpoint['content'] } : {}),
  };
}
