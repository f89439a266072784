/** Scripts the agent tests run: each imports the SDK from this checkout. */
import { SDK_ENTRY } from './processes';

const header = `import { Task } from ${JSON.stringify(SDK_ENTRY)};\n`;

/** Trains for `epochs` steps, reporting a loss scaled by `lr`; prints its parameters' values and types. */
export const TRAIN = `${header}
const task = await Task.init({ project: 'SDK/Loop', name: 'train', type: 'training', tags: ['sdk'] });
const args = await task.parseArgs({ options: { label: { type: 'string', default: 'base' }, verbose: { type: 'boolean' } } });
const params = await task.connect({ lr: 0.1, epochs: 3, optimizer: { name: 'sgd', momentum: 0.9 } });
const config = await task.connectConfiguration({ layers: [64, 32], dropout: 0.25 }, 'model');
console.log(\`training with lr=\${params.lr} (\${typeof params.lr}) epochs=\${params.epochs} optimizer=\${params.optimizer.name} label=\${args.label} layers=\${config.layers.join('x')}\`);
for (let i = 0; i < params.epochs; i++) {
  task.logger.reportScalar('loss', 'train', params.lr * (params.epochs - i), i);
}
task.logger.reportScalar('hparams', 'lr', params.lr, 0);
task.logger.reportSingleValue('accuracy', 0.9);
task.logger.reportConfusionMatrix('confusion', 'val', [[5, 1], [2, 7]], 0, { xlabels: ['a', 'b'], ylabels: ['a', 'b'] });
task.logger.reportTable('results', 'table', { columns: ['class', 'recall'], rows: [['a', 0.8], ['b', 0.7]] });
task.logger.reportHistogram('weights', 'layer1', [3, 9, 4], 0, { xlabels: ['-1', '0', '1'] });
task.logger.reportPlot('curve', 'roc', { data: [{ type: 'scatter', mode: 'lines', x: [0, 0.5, 1], y: [0, 0.8, 1] }] });
task.logger.reportText('a reported text line');
await task.logger.reportImage('samples', 'input', 0, new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]));
await task.uploadArtifact('summary', { lr: params.lr, epochs: params.epochs }, { kind: 'metrics' });
console.error('a line on stderr');
await task.close();
`;

/** Runs until stopped, printing its pid first. */
export const LONG = `${header}
const task = await Task.init({ project: 'SDK/Loop', name: 'long' });
console.log('pid=' + process.pid);
let i = 0;
setInterval(() => task.logger.reportScalar('progress', 'step', i++, i), 200);
setTimeout(() => process.exit(0), 120_000);
`;

/** Throws after starting. */
export const BOOM = `${header}
await Task.init({ project: 'SDK/Loop', name: 'boom' });
console.log('about to fail');
throw new Error('boom: the batch had no labels');
`;

/** Finishes at once. */
export const QUICK = `${header}
const task = await Task.init({ project: 'SDK/Loop', name: 'quick' });
console.log('quick run done');
await task.close();
`;
