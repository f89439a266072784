import { expect, it } from 'vitest';
import { escapeHtml } from './html';

it('escapes every character that can open a tag, an entity or leave an attribute', () => {
  expect(escapeHtml(`<img src=x onerror="a('b')">&`)).toBe('&lt;img src=x onerror=&quot;a(&#39;b&#39;)&quot;&gt;&amp;');
});

it('leaves plain text alone and turns other values into text', () => {
  expect(escapeHtml('dog → cat: 12')).toBe('dog → cat: 12');
  expect(escapeHtml(3.5)).toBe('3.5');
  expect(escapeHtml(null)).toBe('');
  expect(escapeHtml(undefined)).toBe('');
});

it('escapes text that is already escaped again (so it shows as typed)', () => {
  expect(escapeHtml('&lt;b&gt;')).toBe('&amp;lt;b&amp;gt;');
});
