/**
 * Copies what the script writes to stdout/stderr into the task's console, one log event per
 * completed write (partial lines wait for their newline), while still printing it.
 */
import type { EventReporter } from '../client/event-reporter';

type Write = typeof process.stdout.write;

export class ConsoleCapture {
  private readonly originals: [NodeJS.WriteStream, Write][] = [];
  private readonly partial = { info: '', error: '' };

  constructor(
    private readonly reporter: EventReporter,
    private readonly task: string,
    private readonly worker: string,
  ) {
    this.hook(process.stdout, 'info');
    this.hook(process.stderr, 'error');
  }

  private hook(stream: NodeJS.WriteStream, level: 'info' | 'error') {
    const original = stream.write;
    this.originals.push([stream, original]);
    const take = (text: string) => this.take(level, text);
    stream.write = function (this: NodeJS.WriteStream, chunk: unknown, ...rest: unknown[]) {
      take(typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8'));
      return (original as (...a: unknown[]) => boolean).call(this, chunk, ...rest);
    } as Write;
  }

  private take(level: 'info' | 'error', text: string) {
    const all = this.partial[level] + text;
    const cut = all.lastIndexOf('\n');
    if (cut < 0) {
      this.partial[level] = all;
      return;
    }
    this.partial[level] = all.slice(cut + 1);
    this.emit(level, all.slice(0, cut));
  }

  private emit(level: 'info' | 'error', msg: string) {
    // eslint-disable-next-line no-control-regex
    const clean = msg.replace(/\x1b\[[0-9;]*m/g, '');
    if (!clean) return;
    this.reporter.add({ type: 'log', task: this.task, timestamp: Date.now(), level, worker: this.worker, msg: clean });
  }

  /** Sends any unfinished line and gives the streams back. */
  stop(): void {
    for (const level of ['info', 'error'] as const) {
      if (this.partial[level]) this.emit(level, this.partial[level]);
      this.partial[level] = '';
    }
    for (const [stream, original] of this.originals) stream.write = original;
    this.originals.length = 0;
  }
}
