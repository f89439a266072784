/**
 * Realistic demo data, created through the API like the ClearML SDK would: nested projects,
 * tasks of several types in every state, noisy scalars, each kind of plot, debug images,
 * console output, artifacts and an output model. Runs in the browser (the first-run
 * button) and in Node (`npm run demo`, tests): the same code either way.
 */
import type { ApiClient } from '..';
import type { TaskStatus, TaskType } from '../../shared/task-state';
import { SINGLE_VALUE_ITERATION, SINGLE_VALUE_METRIC } from '../../shared/single-values';
import { encodePng } from './png';
import { seeded } from './random';

export interface DemoRun {
  project: string;
  name: string;
  type: TaskType;
  status: TaskStatus;
  lr: number;
  batch: number;
  optimizer: string;
  iterations: number;
  tags: string[];
}

export const DEMO_RUNS: DemoRun[] = [
  {
    project: 'Demo/Vision/ResNet',
    name: 'resnet50 baseline',
    type: 'training',
    status: 'completed',
    lr: 0.1,
    batch: 64,
    optimizer: 'sgd',
    iterations: 300,
    tags: ['baseline'],
  },
  {
    project: 'Demo/Vision/ResNet',
    name: 'resnet50 lr sweep 0.03',
    type: 'training',
    status: 'completed',
    lr: 0.03,
    batch: 64,
    optimizer: 'sgd',
    iterations: 300,
    tags: ['sweep'],
  },
  {
    project: 'Demo/Vision/ResNet',
    name: 'resnet50 lr sweep 0.01',
    type: 'training',
    status: 'published',
    lr: 0.01,
    batch: 64,
    optimizer: 'sgd',
    iterations: 300,
    tags: ['sweep', 'best'],
  },
  {
    project: 'Demo/Vision/ResNet',
    name: 'resnet50 adam',
    type: 'training',
    status: 'failed',
    lr: 0.001,
    batch: 32,
    optimizer: 'adam',
    iterations: 120,
    tags: [],
  },
  {
    project: 'Demo/Vision/ResNet',
    name: 'resnet50 long run',
    type: 'training',
    status: 'in_progress',
    lr: 0.05,
    batch: 128,
    optimizer: 'sgd',
    iterations: 200,
    tags: ['long'],
  },
  {
    project: 'Demo/Vision/ResNet',
    name: 'resnet50 aborted',
    type: 'training',
    status: 'stopped',
    lr: 0.2,
    batch: 64,
    optimizer: 'sgd',
    iterations: 80,
    tags: [],
  },
  {
    project: 'Demo/Vision',
    name: 'evaluate on holdout',
    type: 'testing',
    status: 'completed',
    lr: 0,
    batch: 256,
    optimizer: 'none',
    iterations: 1,
    tags: ['eval'],
  },
  {
    project: 'Demo/Vision',
    name: 'next experiment',
    type: 'training',
    status: 'created',
    lr: 0.02,
    batch: 64,
    optimizer: 'sgd',
    iterations: 0,
    tags: [],
  },
  {
    project: 'Demo/Vision',
    name: 'queued sweep',
    type: 'training',
    status: 'queued',
    lr: 0.04,
    batch: 64,
    optimizer: 'sgd',
    iterations: 0,
    tags: ['sweep'],
  },
  {
    project: 'Demo/NLP/Sentiment',
    name: 'bert finetune',
    type: 'training',
    status: 'completed',
    lr: 0.00003,
    batch: 16,
    optimizer: 'adamw',
    iterations: 250,
    tags: ['bert'],
  },
  {
    project: 'Demo/NLP/Sentiment',
    name: 'tokenize corpus',
    type: 'data_processing',
    status: 'completed',
    lr: 0,
    batch: 1024,
    optimizer: 'none',
    iterations: 1,
    tags: [],
  },
  {
    project: 'Demo/NLP',
    name: 'serve sentiment',
    type: 'inference',
    status: 'in_progress',
    lr: 0,
    batch: 1,
    optimizer: 'none',
    iterations: 60,
    tags: ['prod'],
  },
  {
    project: 'Demo/Forecasting',
    name: 'hyperparameter search',
    type: 'optimizer',
    status: 'completed',
    lr: 0.01,
    batch: 32,
    optimizer: 'adam',
    iterations: 150,
    tags: [],
  },
];

const CLASSES = ['cat', 'dog', 'bird', 'car'];

type Event = Record<string, unknown>;

async function projectId(client: ApiClient, name: string): Promise<string> {
  const escaped = name.replace(/[.*+?^${}()|[\]\\\-/]/g, '\\$&');
  const r = await client.call('projects.get_all', {
    name: `^${escaped}$`,
    only_fields: ['id'],
    search_hidden: true,
  });
  if (r.projects[0]) return r.projects[0].id;
  return (await client.call('projects.create', { name, description: 'Demo data' })).id;
}

function objectPath(project: string, task: string, id: string, rest: string): string {
  return `${project}/${task}.${id}/${rest}`;
}

function scalarEvents(task: string, run: DemoRun, rnd: () => number): Event[] {
  const out: Event[] = [];
  const t0 = Date.now() - run.iterations * 2000;
  const speed = Math.max(0.002, Math.min(0.05, run.lr * 0.6 + 0.004));
  for (let i = 0; i < run.iterations; i++) {
    const ts = t0 + i * 2000;
    const decay = Math.exp(-i * speed);
    const noise = () => (rnd() - 0.5) * 0.08;
    const trainLoss = 0.08 + 2.2 * decay + noise() + (run.status === 'failed' && i > run.iterations * 0.8 ? i * 0.05 : 0);
    const valLoss = trainLoss * 1.1 + 0.03 + noise();
    const acc = Math.min(0.995, 1 - trainLoss / 2.6 + noise() / 2);
    out.push(
      { type: 'training_stats_scalar', task, metric: 'loss', variant: 'train', iter: i, value: trainLoss, timestamp: ts },
      { type: 'training_stats_scalar', task, metric: 'loss', variant: 'validation', iter: i, value: valLoss, timestamp: ts },
      { type: 'training_stats_scalar', task, metric: 'accuracy', variant: 'train', iter: i, value: acc, timestamp: ts },
      {
        type: 'training_stats_scalar',
        task,
        metric: 'accuracy',
        variant: 'validation',
        iter: i,
        value: acc - 0.03 + noise() / 3,
        timestamp: ts,
      },
      {
        type: 'training_stats_scalar',
        task,
        metric: 'learning_rate',
        variant: 'lr',
        iter: i,
        value: run.lr * Math.pow(0.5, Math.floor(i / 100)),
        timestamp: ts,
      },
    );
    if (i % 10 === 0) {
      out.push(
        {
          type: 'training_stats_scalar',
          task,
          metric: ':monitor:machine',
          variant: 'cpu_usage',
          iter: i,
          value: 40 + rnd() * 50,
          timestamp: ts,
        },
        {
          type: 'training_stats_scalar',
          task,
          metric: ':monitor:machine',
          variant: 'memory_used_gb',
          iter: i,
          value: 6 + rnd() * 2,
          timestamp: ts,
        },
      );
    }
  }
  if (run.iterations > 1)
    out.push({
      type: 'training_stats_scalar',
      task,
      metric: SINGLE_VALUE_METRIC,
      variant: 'best_accuracy',
      iter: SINGLE_VALUE_ITERATION,
      value: 0.9 + rnd() * 0.08,
      timestamp: Date.now(),
    });
  return out;
}

function plotEvents(task: string, run: DemoRun, rnd: () => number): Event[] {
  const last = Math.max(0, run.iterations - 1);
  const counts = Array.from({ length: 20 }, (_, i) => Math.round(60 * Math.exp(-((i - 10) ** 2) / 18) + rnd() * 6));
  const confusion = CLASSES.map((_, r) => CLASSES.map((_, c) => (r === c ? 40 + Math.round(rnd() * 20) : Math.round(rnd() * 8))));
  const figures: [string, string, number, unknown][] = [
    [
      'weights',
      'layer1',
      last,
      {
        data: [{ type: 'bar', name: 'layer1', x: counts.map((_, i) => i), y: counts }],
        layout: { title: 'weights', xaxis: { title: 'bin' }, yaxis: { title: 'count' }, barmode: 'group' },
      },
    ],
    [
      'confusion',
      'validation',
      last,
      {
        data: [{ type: 'heatmap', x: CLASSES, y: CLASSES, z: confusion }],
        layout: { title: 'confusion', xaxis: { title: 'predicted' }, yaxis: { title: 'actual' } },
      },
    ],
    [
      'embedding',
      'points',
      last,
      {
        data: [
          {
            type: 'scatter',
            mode: 'markers',
            name: 'points',
            x: Array.from({ length: 40 }, () => rnd() * 10),
            y: Array.from({ length: 40 }, () => rnd() * 10),
          },
        ],
        layout: { title: 'embedding' },
      },
    ],
    [
      'precision recall',
      'curve',
      last,
      {
        data: [
          {
            type: 'scatter',
            mode: 'lines+markers',
            name: 'pr',
            x: Array.from({ length: 11 }, (_, i) => i / 10),
            y: Array.from({ length: 11 }, (_, i) => 1 - (i / 10) ** 3 * 0.6),
          },
        ],
        layout: { title: 'precision recall', xaxis: { title: 'recall' }, yaxis: { title: 'precision' } },
      },
    ],
    [
      'results',
      'table',
      last,
      {
        data: [
          {
            type: 'table',
            header: { values: ['class', 'precision', 'recall'] },
            cells: {
              values: [
                CLASSES,
                CLASSES.map(() => (0.8 + rnd() * 0.2).toFixed(3)),
                CLASSES.map(() => (0.8 + rnd() * 0.2).toFixed(3)),
              ],
            },
          },
        ],
        layout: { title: 'results' },
      },
    ],
  ];
  if (last > 50) {
    figures.push([
      'confusion',
      'validation',
      Math.floor(last / 2),
      {
        data: [{ type: 'heatmap', x: CLASSES, y: CLASSES, z: confusion.map((r) => r.map((v) => Math.round(v * 0.7))) }],
        layout: { title: 'confusion' },
      },
    ]);
  }
  return figures.map(([metric, variant, iter, fig]) => ({
    type: 'plot',
    task,
    metric,
    variant,
    iter,
    plot_str: JSON.stringify(fig),
    timestamp: Date.now(),
  }));
}

function consoleEvents(task: string, run: DemoRun): Event[] {
  const lines: string[] = [`Taskdeck demo: ${run.name}`, `args: lr=${run.lr} batch_size=${run.batch} optimizer=${run.optimizer}`];
  for (let i = 0; i < run.iterations; i += 5)
    lines.push(`epoch ${i}: train_loss=${(2.2 * Math.exp(-i * 0.02) + 0.08).toFixed(4)} lr=${run.lr}`);
  const out: Event[] = [];
  for (let i = 0; i < lines.length; i += 20)
    out.push({ type: 'log', task, level: 'info', msg: lines.slice(i, i + 20).join('\n'), timestamp: Date.now() - 1000 + i });
  if (run.status === 'failed') {
    out.push({
      type: 'log',
      task,
      level: 'error',
      msg: 'Traceback (most recent call last):\n  File "train.py", line 88, in <module>\nFloatingPointError: loss is NaN',
      timestamp: Date.now(),
    });
  } else if (run.iterations > 0) out.push({ type: 'log', task, level: 'info', msg: 'training finished', timestamp: Date.now() });
  return out;
}

/** Uploads small generated images for three iterations and returns their events. */
async function imageEvents(client: ApiClient, project: string, run: DemoRun, task: string, rnd: () => number): Promise<Event[]> {
  const out: Event[] = [];
  const iters = [0, Math.floor(run.iterations / 2), run.iterations - 1].filter((v, i, a) => v >= 0 && a.indexOf(v) === i);
  for (const iter of iters) {
    for (const [v, variant] of ['input', 'prediction'].entries()) {
      const hue = rnd() * 255;
      const png = await encodePng(64, 64, (x, y) => [(x * 4 + hue) % 256, (y * 4 + iter) % 256, v ? 200 : (x ^ y) * 4]);
      const rest = `metrics/samples/${variant}/samples_${variant}_${String(iter).padStart(8, '0')}.png`;
      const url = await client.upload(objectPath(project, run.name, task, rest), png, 'image/png');
      out.push({
        type: 'training_debug_image',
        task,
        metric: 'samples',
        variant,
        iter,
        key: objectPath(project, run.name, task, rest),
        url,
        timestamp: Date.now(),
      });
    }
  }
  return out;
}

async function artifacts(client: ApiClient, project: string, run: DemoRun, task: string) {
  const summary = new TextEncoder().encode(
    JSON.stringify({ best_epoch: Math.floor(run.iterations * 0.8), lr: run.lr, classes: CLASSES }, null, 2),
  );
  const csv = new TextEncoder().encode(
    [
      'epoch,loss,accuracy',
      ...Array.from({ length: 10 }, (_, i) => `${i},${(1 / (i + 1)).toFixed(3)},${(0.5 + i * 0.04).toFixed(3)}`),
    ].join('\n') + '\n',
  );
  const list = [];
  for (const [key, file, bytes, type, contentType] of [
    ['run summary', 'run summary.json', summary, 'dict', 'application/json'],
    ['history', 'history.csv', csv, 'custom', 'text/csv'],
  ] as const) {
    const uri = await client.upload(objectPath(project, run.name, task, `artifacts/${key}/${file}`), bytes, contentType);
    list.push({
      key,
      type,
      uri,
      content_size: bytes.length,
      timestamp: Math.floor(Date.now() / 1000),
      type_data: { content_type: contentType, preview: new TextDecoder().decode(bytes).slice(0, 200) },
      display_data: [['rows', '10']],
    });
  }
  await client.call('tasks.add_or_update_artifacts', { task, artifacts: list, force: true });
}

async function outputModel(client: ApiClient, projectIdValue: string, project: string, run: DemoRun, task: string) {
  const { id } = await client.call('models.create', {
    name: `${run.name} weights`,
    uri: 'pending',
    project: projectIdValue,
    task,
    ready: false,
    framework: 'PyTorch',
    labels: Object.fromEntries(CLASSES.map((c, i) => [c, i])),
    design: { design: 'resnet50: layers=[3, 4, 6, 3]' },
  });
  const uri = await client.upload(
    objectPath(project, run.name, task, 'models/weights.bin'),
    new Uint8Array(4096).map((_, i) => i % 251),
    'application/octet-stream',
  );
  await client.call('models.edit', { model: id, uri });
  await client.call('tasks.add_or_update_model', { task, name: 'weights', model: id, type: 'output' });
}

export interface DemoProgress {
  done: number;
  total: number;
  name: string;
}

/** Creates the demo projects and tasks; returns the ids of the tasks by name. */
export async function generateDemo(client: ApiClient, onProgress?: (p: DemoProgress) => void): Promise<Record<string, string>> {
  const rnd = seeded(42);
  const ids: Record<string, string> = {};
  for (const [n, run] of DEMO_RUNS.entries()) {
    onProgress?.({ done: n, total: DEMO_RUNS.length, name: run.name });
    const project = await projectId(client, run.project);
    const { id } = await client.call('tasks.create', {
      name: run.name,
      type: run.type,
      project,
      tags: run.tags,
      comment: `Demo ${run.type} task`,
      script: {
        repository: 'https://github.com/example/vision.git',
        branch: 'main',
        version_num: '5ad1d0c8a91afc25804fc6e941fc8c45deb05647',
        entry_point: 'train.py',
        working_dir: '.',
        binary: 'python3.11',
        diff: 'diff --git a/train.py b/train.py\n--- a/train.py\n+++ b/train.py\n@@ -10,3 +10,4 @@\n model = build()\n-lr = 0.1\n+lr = args.lr\n+# demo change\n',
        requirements: { pip: 'torch == 2.3.0\ntorchvision == 0.18.0\nnumpy == 1.26.4\nclearml == 1.17.0\n' },
      },
      hyperparams: {
        Args: {
          lr: { section: 'Args', name: 'lr', value: String(run.lr), type: 'float', description: 'learning rate' },
          batch_size: { section: 'Args', name: 'batch_size', value: String(run.batch), type: 'int', description: 'batch size' },
          epochs: { section: 'Args', name: 'epochs', value: String(run.iterations), type: 'int' },
          optimizer: { section: 'Args', name: 'optimizer', value: run.optimizer, type: 'str' },
          augment: { section: 'Args', name: 'augment', value: 'True', type: 'bool' },
        },
        General: { dropout: { section: 'General', name: 'dropout', value: '0.1', type: 'float' } },
      },
      configuration: {
        'model config': {
          name: 'model config',
          type: 'yaml',
          value: `model:\n  arch: resnet50\n  pretrained: true\ndata:\n  classes: [${CLASSES.join(', ')}]\n  image_size: 224\n`,
        },
      },
      runtime: { platform: 'Linux-6.1-x86_64', python_version: '3.11.7', hostname: 'gpu-box-1', cpu_cores: 16, gpu_count: 1 },
    });
    ids[run.name] = id;
    if (run.status === 'created') continue;
    if (run.status === 'queued') {
      await client.call('tasks.enqueue', { task: id });
      continue;
    }
    await client.call('tasks.started', { task: id });
    const events = [...scalarEvents(id, run, rnd), ...plotEvents(id, run, rnd), ...consoleEvents(id, run)];
    events.push(...(await imageEvents(client, run.project, run, id, rnd)));
    for (let i = 0; i < events.length; i += 5000) await client.call('events.add_batch', events.slice(i, i + 5000));
    await artifacts(client, run.project, run, id);
    if (run.type === 'training' && run.iterations >= 200) await outputModel(client, project, run.project, run, id);
    if (run.status === 'completed' || run.status === 'published') await client.call('tasks.completed', { task: id });
    if (run.status === 'published') await client.call('tasks.publish', { task: id });
    if (run.status === 'failed')
      await client.call('tasks.failed', { task: id, status_reason: 'FloatingPointError: loss is NaN' });
    if (run.status === 'stopped') await client.call('tasks.stopped', { task: id, status_reason: 'Aborted by user' });
  }
  onProgress?.({ done: DEMO_RUNS.length, total: DEMO_RUNS.length, name: '' });
  return ids;
}
