/**
 * The typed client of the Taskdeck / ClearML API, shared by the dashboard, the SDK,
 * the agent, the CLI and the tests. It logs in with an access/secret key pair (or is
 * given a token), calls `/api/<service>.<action>` and turns error envelopes into ApiCallError.
 */
import type { EndpointName, RequestOf, ResponseOf } from '../shared/api/contract';
import { isOwnOrigin } from '../shared/urls';

export interface Meta {
  result_code: number;
  result_subcode: number;
  result_msg: string;
  endpoint?: { name: string };
}

export class ApiCallError extends Error {
  constructor(
    readonly endpoint: string,
    readonly code: number,
    readonly subcode: number,
    readonly detail: string,
  ) {
    super(`${endpoint} failed (${code}/${subcode}): ${detail}`);
  }
}

/** The server could not be reached at all (down, restarting, wrong address). */
export class NetworkError extends Error {
  constructor(
    readonly endpoint: string,
    baseUrl: string,
    cause: unknown,
  ) {
    const why = cause instanceof Error ? ((cause.cause as Error | undefined)?.message ?? cause.message) : String(cause);
    super(`Cannot reach the Taskdeck server at ${baseUrl} (${endpoint}): ${why}`);
  }
}

export interface ClientOptions {
  /** Base URL of the server, e.g. http://localhost:8008 */
  baseUrl: string;
  accessKey?: string;
  secretKey?: string;
  token?: string;
  fetch?: typeof fetch;
  /** Extra headers on every API call (the agent sends `X-ClearML-Worker`). */
  headers?: Record<string, string>;
}

function basic(a: string, s: string): string {
  const text = `${a}:${s}`;
  const b64 = typeof btoa === 'function' ? btoa(text) : Buffer.from(text).toString('base64');
  return `Basic ${b64}`;
}

type NoBodyEndpoint = { [E in EndpointName]: Record<string, never> extends RequestOf<E> ? E : never }[EndpointName];

export class ApiClient {
  token?: string;
  private readonly f: typeof fetch;

  constructor(private readonly opts: ClientOptions) {
    this.token = opts.token;
    this.f = opts.fetch ?? fetch.bind(globalThis);
  }

  get baseUrl(): string {
    return this.opts.baseUrl.replace(/\/$/, '');
  }

  async login(): Promise<string> {
    if (!this.opts.accessKey || !this.opts.secretKey) throw new Error('No credentials to log in with');
    const data = await this.raw<{ token: string }>('auth.login', undefined, basic(this.opts.accessKey, this.opts.secretKey));
    this.token = data.token;
    return data.token;
  }

  /** Calls an endpoint of the contract (`src/shared/api/contract.ts`): its body and answer are typed from there. */
  call<E extends EndpointName>(endpoint: E, body: RequestOf<E>): Promise<ResponseOf<E>>;
  /** An endpoint whose request has no required field may be called without a body. */
  call<E extends NoBodyEndpoint>(endpoint: E): Promise<ResponseOf<E>>;
  call(endpoint: EndpointName, body: unknown = {}): Promise<unknown> {
    return this.callRaw(endpoint, body);
  }

  /**
   * Calls any endpoint name with any body, untyped: only for tests that send what the contract
   * forbids (unknown names, wrong bodies). Logs in first (and once more on a 401) when credentials are known.
   */
  async callRaw(endpoint: string, body: unknown = {}): Promise<unknown> {
    if (!this.token && this.opts.accessKey) await this.login();
    try {
      return await this.raw<unknown>(endpoint, body, this.token ? `Bearer ${this.token}` : undefined);
    } catch (e) {
      if (e instanceof ApiCallError && e.code === 401 && this.opts.accessKey) {
        await this.login();
        return this.raw<unknown>(endpoint, body, `Bearer ${this.token}`);
      }
      throw e;
    }
  }

  private async raw<T>(endpoint: string, body: unknown, authorization?: string): Promise<T> {
    const lines = Array.isArray(body) && endpoint === 'events.add_batch';
    const res = await this.fetchOrFail(endpoint, `${this.baseUrl}/api/v2.23/${endpoint}`, {
      method: 'POST',
      // In the dashboard the session cookie authorizes calls to its own origin, and only there.
      credentials: 'same-origin',
      headers: {
        'Content-Type': lines ? 'application/json-lines' : 'application/json',
        ...this.opts.headers,
        ...(authorization ? { Authorization: authorization } : {}),
      },
      body:
        body === undefined
          ? undefined
          : lines
            ? (body as unknown[]).map((e) => JSON.stringify(e)).join('\n')
            : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: { meta?: Meta; data?: T };
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new ApiCallError(endpoint, res.status, 0, `the server answered with something that is not JSON (HTTP ${res.status})`);
    }
    if (!res.ok || !parsed.meta || parsed.meta.result_code !== 200) {
      const m = parsed.meta;
      throw new ApiCallError(endpoint, m?.result_code ?? res.status, m?.result_subcode ?? 0, m?.result_msg ?? res.statusText);
    }
    return parsed.data as T;
  }

  private async fetchOrFail(endpoint: string, url: string, init: RequestInit): Promise<Response> {
    try {
      return await this.f(url, init);
    } catch (e) {
      throw new NetworkError(endpoint, this.baseUrl, e);
    }
  }

  private authHeaders(): Record<string, string> {
    return this.token ? { Authorization: `Bearer ${this.token}` } : {};
  }

  /** Uploads bytes to the files store under an object path; returns the URL to download them. */
  async upload(objectPath: string, data: Blob | Uint8Array, contentType = 'application/octet-stream'): Promise<string> {
    if (!this.token && this.opts.accessKey) await this.login();
    const form = new FormData();
    const blob = data instanceof Blob ? data : new Blob([data as BlobPart], { type: contentType });
    form.append(objectPath, blob, objectPath);
    const res = await this.fetchOrFail('files.upload', `${this.baseUrl}/files/`, {
      method: 'POST',
      body: form,
      credentials: 'same-origin',
      headers: this.authHeaders(),
    });
    if (!res.ok) throw new ApiCallError('files.upload', res.status, 0, await res.text());
    return `${this.baseUrl}/files/${objectPath.replace(/^\/+/, '').split('/').map(encodeURIComponent).join('/')}`;
  }

  /** Downloads a files-store URL; credentials (the token, or in the dashboard its cookie) go only to this server's own origin. */
  async download(url: string): Promise<Uint8Array> {
    const own = isOwnOrigin(url, this.baseUrl);
    if (own && !this.token && this.opts.accessKey) await this.login();
    const init: RequestInit = own ? { credentials: 'same-origin', headers: this.authHeaders() } : { credentials: 'omit' };
    const res = await this.fetchOrFail('files.download', new URL(url, this.baseUrl).toString(), init);
    if (!res.ok) throw new ApiCallError('files.download', res.status, 0, await res.text());
    return new Uint8Array(await res.arrayBuffer());
  }
}
