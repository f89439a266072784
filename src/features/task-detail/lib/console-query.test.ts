import { expect, it } from 'vitest';
import { parseConsoleQuery } from './console-query';

it('reads /pattern/flags as a regular expression and anything else as text', () => {
  expect(parseConsoleQuery(String.raw`/epoch \d+ loss/i`)).toEqual({ text: String.raw`epoch \d+ loss`, regex: true, flags: 'i' });
  expect(parseConsoleQuery('/a/b/')).toEqual({ text: 'a/b', regex: true, flags: '' });
  // Only the flag the server runs: after other letters the text is a path.
  expect(parseConsoleQuery('/home/dim')).toEqual({ text: '/home/dim' });
  expect(parseConsoleQuery('/usr/bin/vim')).toEqual({ text: '/usr/bin/vim' });
  // A path is text: what follows its last slash is not flags.
  expect(parseConsoleQuery('/home/user')).toEqual({ text: '/home/user' });
  expect(parseConsoleQuery('/usr/lib/python3')).toEqual({ text: '/usr/lib/python3' });
  expect(parseConsoleQuery('epoch /i')).toEqual({ text: 'epoch /i' });
  expect(parseConsoleQuery('//')).toEqual({ text: '//' });
  expect(parseConsoleQuery('/x')).toEqual({ text: '/x' });
});
