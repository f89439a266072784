import { expect, it } from 'vitest';
import { DrawTurns } from './draw-turns';

it('lets one chart draw at a time, the others in the order they asked', () => {
  const turns = new DrawTurns();
  const started: string[] = [];
  turns.request('loss', () => started.push('loss'));
  turns.request('accuracy', () => started.push('accuracy'));
  turns.request('lr', () => started.push('lr'));
  expect(started).toEqual(['loss']);
  turns.done('accuracy'); // not its turn: changes nothing
  expect(started).toEqual(['loss']);
  turns.done('loss');
  expect(started).toEqual(['loss', 'accuracy']);
  turns.done('accuracy');
  expect(started).toEqual(['loss', 'accuracy', 'lr']);
  turns.done('lr');
  turns.request('loss', () => started.push('loss again'));
  expect(started).toEqual(['loss', 'accuracy', 'lr', 'loss again']);
});

it('drops a chart that unmounts while waiting, and passes on the turn of one that unmounts while drawing', () => {
  const turns = new DrawTurns();
  const started: string[] = [];
  const cancelLoss = turns.request('loss', () => started.push('loss'));
  const cancelAccuracy = turns.request('accuracy', () => started.push('accuracy'));
  turns.request('lr', () => started.push('lr'));
  cancelAccuracy();
  cancelLoss();
  expect(started).toEqual(['loss', 'lr']);
});
