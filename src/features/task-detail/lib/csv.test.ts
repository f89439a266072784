import { expect, it } from 'vitest';
import { parseCsv } from './csv';

it('reads quoted fields, embedded commas, quotes and newlines', () => {
  expect(parseCsv('a,b\n1,"x, y"\n2,"say ""hi"""\n3,"two\nlines"\n')).toEqual([
    ['a', 'b'],
    ['1', 'x, y'],
    ['2', 'say "hi"'],
    ['3', 'two\nlines'],
  ]);
});

it('stops after maxRows and reads a last line without newline', () => {
  expect(parseCsv('h\n1\n2\n3', 2)).toEqual([['h'], ['1']]);
  expect(parseCsv('h\r\n1')).toEqual([['h'], ['1']]);
});

it('keeps empty fields and rows of empty fields', () => {
  expect(parseCsv('a,,c\n,,\n')).toEqual([
    ['a', '', 'c'],
    ['', '', ''],
  ]);
});
