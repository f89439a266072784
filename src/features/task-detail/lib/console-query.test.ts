import { expect, it } from 'vitest';
import { parseConsoleQuery } from './console-query';

it('reads /pattern/flags as a regular expression and anything else as text', () => {
  expect(parseConsoleQuery(String.raw`/epoch \d+ loss/i`)).toEqual({ text: String.raw`epoch \d+ loss`, regex: true, flags: 'i' });
  expect(parseConsoleQuery('/a/b/')).toEqual({ text: 'a/b', regex: true, flags: '' });
  // Letters after the last slash are flags, even unknown ones: the server says which it does not know.
  expect(parseConsoleQuery('/home/user')).toEqual({ text: 'home', regex: true, flags: 'user' });
  expect(parseConsoleQuery('/usr/lib/python3')).toEqual({ text: '/usr/lib/python3' });
  expect(parseConsoleQuery('epoch /i')).toEqual({ text: 'epoch /i' });
  expect(parseConsoleQuery('//')).toEqual({ text: '//' });
  expect(parseConsoleQuery('/x')).toEqual({ text: '/x' });
});
