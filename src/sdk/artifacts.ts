/** Artifacts: what `uploadArtifact` stores, and the read-back objects of `Task.get`. */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ApiClient } from '../client';
import type { Artifact as SharedArtifact } from '../shared/api/records';

/** An artifact as the task records it (`execution.artifacts[]`). */
export type ArtifactRecord = SharedArtifact;

export type ArtifactInput = Uint8Array | string | Record<string, unknown> | unknown[];

const CONTENT_TYPES: Record<string, string> = {
  json: 'application/json',
  txt: 'text/plain',
  csv: 'text/csv',
  md: 'text/markdown',
  yaml: 'text/yaml',
  yml: 'text/yaml',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gz: 'application/gzip',
  zip: 'application/zip',
  html: 'text/html',
};
const PREVIEW_CHARS = 65_536;

/** The file to upload for a value: its bytes, file name, artifact type and a text preview. */
export function artifactFile(
  name: string,
  value: ArtifactInput,
): { bytes: Uint8Array; file: string; type: string; contentType: string; preview: string } {
  if (value instanceof Uint8Array) {
    const file = path.extname(name) ? name : `${name}.bin`;
    return { bytes: value, file, type: 'custom', contentType: contentTypeOf(file), preview: `${value.byteLength} bytes` };
  }
  if (typeof value === 'string') {
    if (fs.existsSync(value) && fs.statSync(value).isFile()) {
      const bytes = fs.readFileSync(value);
      const file = path.basename(value);
      const ct = contentTypeOf(file);
      const preview =
        ct.startsWith('text/') || ct === 'application/json'
          ? bytes.subarray(0, PREVIEW_CHARS).toString('utf8')
          : `${bytes.byteLength} bytes`;
      return { bytes, file, type: 'custom', contentType: ct, preview };
    }
    return {
      bytes: Buffer.from(value, 'utf8'),
      file: `${name}.txt`,
      type: 'string',
      contentType: 'text/plain',
      preview: value.slice(0, PREVIEW_CHARS),
    };
  }
  const text = JSON.stringify(value, null, 2);
  return {
    bytes: Buffer.from(text, 'utf8'),
    file: `${name}.json`,
    type: Array.isArray(value) ? 'JSON' : 'dict',
    contentType: 'application/json',
    preview: text.slice(0, PREVIEW_CHARS),
  };
}

function contentTypeOf(file: string): string {
  return CONTENT_TYPES[path.extname(file).slice(1).toLowerCase()] ?? 'application/octet-stream';
}

export function artifactRecord(
  name: string,
  f: ReturnType<typeof artifactFile>,
  uri: string,
  metadata: Record<string, unknown> = {},
): ArtifactRecord {
  return {
    key: name,
    type: f.type,
    mode: 'output',
    uri,
    content_size: f.bytes.byteLength,
    hash: createHash('sha256').update(f.bytes).digest('hex'),
    timestamp: Math.floor(Date.now() / 1000),
    type_data: { preview: f.preview, content_type: f.contentType },
    display_data: Object.entries(metadata).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]),
  };
}

/** An artifact read back from a task. */
export class Artifact {
  constructor(
    readonly record: ArtifactRecord,
    private readonly client: ApiClient,
  ) {}

  get name(): string {
    return this.record.key;
  }

  get metadata(): Record<string, string> {
    return Object.fromEntries(this.record.display_data ?? []);
  }

  /** The stored bytes. */
  async bytes(): Promise<Uint8Array> {
    if (!this.record.uri) throw new Error(`Artifact "${this.name}" has no stored file`);
    return this.client.download(this.record.uri);
  }

  /** The value as uploaded: parsed JSON for dicts and lists, text for strings, bytes otherwise. */
  async get(): Promise<unknown> {
    const bytes = await this.bytes();
    const text = () => Buffer.from(bytes).toString('utf8');
    if (['dict', 'JSON'].includes(this.record.type) || this.record.type_data?.content_type === 'application/json')
      return JSON.parse(text());
    if (this.record.type === 'string' || this.record.type_data?.content_type?.startsWith('text/')) return text();
    return bytes;
  }

  /** Downloads the file into `dir` (a fresh temporary folder by default) and returns its path. */
  async getLocalCopy(dir?: string): Promise<string> {
    const folder = dir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'taskdeck-artifact-'));
    fs.mkdirSync(folder, { recursive: true });
    const file = path.join(folder, decodeURIComponent(this.record.uri?.split('/').pop() ?? this.name));
    fs.writeFileSync(file, await this.bytes());
    return file;
  }
}
