import { expect, it } from 'vitest';
import type { StoreChannel } from '../store/store';
import { createInProcessPublisher, type Change } from './hub';
import { shareThroughChannel } from './shared';

/** A channel whose incoming messages the test writes itself, as another server (or anyone able to NOTIFY) would. */
function fakeChannel() {
  let deliver: (m: string) => void = () => undefined;
  const sent: string[] = [];
  const channel: StoreChannel = {
    send: async (m) => void sent.push(m),
    listen: async (onMessage) => {
      deliver = onMessage;
      return async () => undefined;
    },
  };
  return { channel, sent, deliver: (m: string) => deliver(m) };
}

it("passes on another server's changes of known kinds only, each id a bounded string", async () => {
  const { channel, deliver } = fakeChannel();
  const local = createInProcessPublisher();
  const heard: Change[] = [];
  local.subscribe((c) => heard.push(c));
  const shared = await shareThroughChannel(local, channel, () => undefined);
  deliver(
    JSON.stringify({
      o: 'another-server',
      c: [
        ['task', 'a'],
        ['tasks'],
        ['queue', 'q'],
        ['users', 'u'],
        ['secrets'],
        ['task', 'x'.repeat(129)],
        ['model', 7],
        'task',
        [['task'], 'b'],
      ],
    }),
  );
  deliver('not json');
  deliver(JSON.stringify({ o: 'x', c: 'task' }));
  expect(heard).toEqual([{ kind: 'task', id: 'a' }, { kind: 'tasks' }, { kind: 'queue', id: 'q' }]);
  await shared.close();
});

it('sends its own changes to the others, once each, and skips its own messages coming back', async () => {
  const { channel, sent, deliver } = fakeChannel();
  const local = createInProcessPublisher();
  const heard: Change[] = [];
  local.subscribe((c) => heard.push(c));
  const shared = await shareThroughChannel(local, channel, () => undefined);
  shared.publish([
    { kind: 'task', id: 'a' },
    { kind: 'task', id: 'a' },
    { kind: 'tasks' },
    { kind: 'task', id: 'x'.repeat(8000) },
  ]);
  await shared.close();
  expect(sent).toHaveLength(1);
  expect(JSON.parse(sent[0]).c).toEqual([['task', 'a'], ['tasks']]);
  heard.length = 0;
  deliver(sent[0]);
  expect(heard).toEqual([]);
});
