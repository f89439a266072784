/** `task.logger`: scalars, plots, tables, images and text, reported as ClearML events. */
import fs from 'node:fs';
import path from 'node:path';
import type { ApiClient } from '../client';
import { SINGLE_VALUE_ITERATION, SINGLE_VALUE_METRIC } from '../shared/single-values';
import { debugImagePath } from './files';
import type { EventReporter } from '../client/event-reporter';

/** A Plotly figure, as the ClearML SDK sends plots. */
export interface PlotlyFigure {
  data: Record<string, unknown>[];
  layout?: Record<string, unknown>;
}

export interface TableData {
  columns: string[];
  rows: (string | number | boolean | null)[][];
}

/** Debug images per metric/variant before the file names wrap (ClearML's file_history_size). */
const FILE_HISTORY = 100;

const MIME: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  svg: 'image/svg+xml',
};

export class Logger {
  private readonly counters = new Map<string, number>();
  private readonly uploads = new Set<Promise<unknown>>();

  constructor(
    private readonly reporter: EventReporter,
    private readonly client: ApiClient,
    private readonly task: string,
    private readonly folder: string,
    private readonly worker: string,
  ) {}

  private event(type: string, fields: Record<string, unknown>) {
    this.reporter.add({ type, task: this.task, timestamp: Date.now(), ...fields });
  }

  reportScalar(title: string, series: string, value: number, iteration: number): void {
    if (!Number.isFinite(value))
      throw new Error(`reportScalar("${title}", "${series}"): the value must be a finite number, got ${value}`);
    this.event('training_stats_scalar', { metric: title, variant: series, value, iter: iteration });
  }

  /** A single number for the whole run (shown in the task's summary, not as a chart). */
  reportSingleValue(name: string, value: number): void {
    this.reportScalar(SINGLE_VALUE_METRIC, name, value, SINGLE_VALUE_ITERATION);
  }

  reportText(msg: string, level: 'info' | 'warning' | 'error' = 'info'): void {
    this.event('log', { level, msg, worker: this.worker });
  }

  reportPlot(title: string, series: string, figure: PlotlyFigure, iteration = 0): void {
    this.event('plot', {
      metric: title,
      variant: series,
      iter: iteration,
      plot_str: JSON.stringify({ layout: { title }, ...figure }),
    });
  }

  reportTable(title: string, series: string, table: TableData, iteration = 0): void {
    const values = table.columns.map((_, c) => table.rows.map((r) => r[c] ?? ''));
    this.reportPlot(
      title,
      series,
      { data: [{ type: 'table', header: { values: table.columns }, cells: { values } }], layout: { title } },
      iteration,
    );
  }

  /** Bars of already-counted values (ClearML's report_histogram). */
  reportHistogram(
    title: string,
    series: string,
    values: number[],
    iteration = 0,
    opts: { xlabels?: (string | number)[]; xaxis?: string; yaxis?: string } = {},
  ): void {
    this.reportPlot(
      title,
      series,
      {
        data: [{ type: 'bar', name: series, x: opts.xlabels ?? values.map((_, i) => i), y: values }],
        layout: { title, xaxis: { title: opts.xaxis ?? '' }, yaxis: { title: opts.yaxis ?? '' }, barmode: 'group' },
      },
      iteration,
    );
  }

  reportConfusionMatrix(
    title: string,
    series: string,
    matrix: number[][],
    iteration = 0,
    opts: { xlabels?: string[]; ylabels?: string[]; xaxis?: string; yaxis?: string } = {},
  ): void {
    const cols = matrix[0]?.length ?? 0;
    this.reportPlot(
      title,
      series,
      {
        data: [
          {
            type: 'heatmap',
            z: matrix,
            x: opts.xlabels ?? [...Array(cols).keys()],
            y: opts.ylabels ?? [...Array(matrix.length).keys()],
          },
        ],
        layout: { title, xaxis: { title: opts.xaxis ?? 'predicted' }, yaxis: { title: opts.yaxis ?? 'actual' } },
      },
      iteration,
    );
  }

  /**
   * Uploads an image (bytes or a file) to the files store, then reports it as a debug sample.
   * Resolves once it is uploaded; `task.close()` waits for uploads still under way.
   */
  reportImage(
    title: string,
    series: string,
    iteration: number,
    image: Uint8Array | string,
    opts: { ext?: string } = {},
  ): Promise<void> {
    const ext = (opts.ext ?? (typeof image === 'string' ? path.extname(image).slice(1) : 'png')).toLowerCase() || 'png';
    const bytes = typeof image === 'string' ? fs.readFileSync(image) : image;
    const key = `${title}/${series}`;
    const n = this.counters.get(key) ?? 0;
    this.counters.set(key, (n + 1) % FILE_HISTORY);
    const objectPath = debugImagePath(this.folder, title, series, n, ext);
    const work = this.client.upload(objectPath, bytes, MIME[ext] ?? 'application/octet-stream').then((url) => {
      this.event('training_debug_image', { metric: title, variant: series, iter: iteration, key: objectPath, url });
    });
    this.uploads.add(work);
    void work.finally(() => this.uploads.delete(work)).catch(() => {});
    return work;
  }

  /** Waits for image uploads still under way (failures are reported, not thrown). */
  async settle(warn: (m: string) => void): Promise<void> {
    const results = await Promise.allSettled([...this.uploads]);
    for (const r of results) if (r.status === 'rejected') warn(`a debug image was not uploaded: ${(r.reason as Error).message}`);
  }
}
