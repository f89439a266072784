import { describe, expect, it } from 'vitest';
import { imageSource, isOwnOrigin, markdownHref, safeHref, safeImageSrc, storedLink } from './urls';

const ORIGIN = 'http://127.0.0.1:8008';

describe('isOwnOrigin', () => {
  it('accepts our files store, absolute or relative', () => {
    expect(isOwnOrigin('http://127.0.0.1:8008/files/a/b.png', ORIGIN)).toBe(true);
    expect(isOwnOrigin('/files/a/b.png', ORIGIN)).toBe(true);
    expect(isOwnOrigin('files/a.png', ORIGIN)).toBe(true);
    expect(isOwnOrigin('HTTP://127.0.0.1:8008/files/x', ORIGIN)).toBe(true);
  });

  it('refuses hosts that only look like ours', () => {
    expect(isOwnOrigin('http://127.0.0.1:8008.evil.com/files/x', ORIGIN)).toBe(false);
    expect(isOwnOrigin('//evil.com/files/x', ORIGIN)).toBe(false);
    expect(isOwnOrigin('http://127.0.0.1:8008@evil.com/files/x', ORIGIN)).toBe(false);
    expect(isOwnOrigin('http://localhost:8008@evil.com/files/', 'http://localhost:8008')).toBe(false);
    expect(isOwnOrigin('http://evil.com/?u=http://127.0.0.1:8008/files/x', ORIGIN)).toBe(false);
    expect(isOwnOrigin('\\\\evil.com/files/x', ORIGIN)).toBe(false);
    expect(isOwnOrigin('/\\evil.com/files/x', ORIGIN)).toBe(false);
  });

  it('refuses another port, another scheme, or localhost for 127.0.0.1', () => {
    expect(isOwnOrigin('http://127.0.0.1:9000/files/x', ORIGIN)).toBe(false);
    expect(isOwnOrigin('http://localhost:8008/files/x', ORIGIN)).toBe(false);
    expect(isOwnOrigin('https://127.0.0.1:8008/files/x', ORIGIN)).toBe(false);
    expect(isOwnOrigin('http://127.0.0.1/files/x', ORIGIN)).toBe(false);
  });

  it('refuses userinfo even on our own host, and URLs that are not http(s)', () => {
    expect(isOwnOrigin('http://user:pw@127.0.0.1:8008/files/x', ORIGIN)).toBe(false);
    expect(isOwnOrigin('javascript:alert(1)//127.0.0.1:8008/files/', ORIGIN)).toBe(false);
    expect(isOwnOrigin('data:text/html,<script>', ORIGIN)).toBe(false);
    expect(isOwnOrigin('s3://bucket/files/x', ORIGIN)).toBe(false);
  });

  it('is false for nothing, and when there is no page origin', () => {
    expect(isOwnOrigin('', ORIGIN)).toBe(false);
    expect(isOwnOrigin(undefined, ORIGIN)).toBe(false);
    expect(isOwnOrigin('http://127.0.0.1:8008/files/x', '')).toBe(false);
  });
});

describe('safeHref', () => {
  it('keeps http(s) links and relative ones', () => {
    expect(safeHref('https://example.com/a', ORIGIN)).toBe('https://example.com/a');
    expect(safeHref('/files/a.bin', ORIGIN)).toBe('/files/a.bin');
  });

  it('drops script and data URLs however they are written', () => {
    for (const u of [
      'javascript:alert(1)',
      ' JavaScript:alert(1)',
      'java\tscript:alert(1)',
      '\u0001javascript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'vbscript:x',
      'file:///etc/passwd',
    ]) {
      expect(safeHref(u, ORIGIN), u).toBeUndefined();
    }
  });

  it('allows inline raster images as image sources only', () => {
    expect(safeImageSrc('data:image/png;base64,AAAA', ORIGIN)).toEqual({ src: 'data:image/png;base64,AAAA' });
    expect(safeImageSrc('data:image/svg+xml;base64,AAAA', ORIGIN)).toBeUndefined();
    expect(safeHref('data:image/png;base64,AAAA', ORIGIN)).toBeUndefined();
  });
});

describe('our own origin outside /files/ (the API, the dashboard)', () => {
  // An admin's browser loading `/api/users.update?role=admin` from a member's plot would send the admin's cookie.
  const api = [
    '/api/users.update?user=u1&role=admin',
    'api/users.create?login=eve',
    'http://127.0.0.1:8008/api/v2.23/users.update?role=admin',
    '/files/../api/users.update?role=admin',
    '/files/%2e%2e/api/auth.sign_out',
    '/projects',
    '/',
    '?x=1',
  ];

  it('is no link, image or preview; in Markdown, a link to our pages but never to the API', () => {
    for (const u of api) {
      expect(safeHref(u, ORIGIN), u).toBeUndefined();
      expect(imageSource(u, ORIGIN), u).toBeUndefined();
      expect(safeImageSrc(u, ORIGIN), u).toBeUndefined();
      expect(storedLink(u, ORIGIN), u).toEqual({ kind: 'text' });
      expect(markdownHref(u, ORIGIN), u).toBe(/api/i.test(u) ? undefined : u);
    }
    for (const u of ['/API/users.update?role=admin', '/metrics', 'http://127.0.0.1:8008/api/x']) {
      expect(markdownHref(u, ORIGIN), u).toBeUndefined();
    }
    expect(markdownHref('/projects/p1/tasks/t1/execution', ORIGIN)).toBe('/projects/p1/tasks/t1/execution');
  });

  it('leaves our files store as it was', () => {
    expect(imageSource('/files/a/b.png', ORIGIN)).toEqual({ src: '/files/a/b.png' });
    expect(safeImageSrc('http://127.0.0.1:8008/files/x.jpg', ORIGIN)).toEqual({ src: 'http://127.0.0.1:8008/files/x.jpg' });
    expect(markdownHref('/files/report.pdf', ORIGIN)).toBe('/files/report.pdf');
  });
});

describe('images of another origin', () => {
  it('load without referrer; on our host under another port or scheme, without credentials too', () => {
    const anonymous = { crossOrigin: 'anonymous', referrerPolicy: 'no-referrer' };
    expect(safeImageSrc('http://127.0.0.1:19999/plot.png', ORIGIN)).toEqual({
      src: 'http://127.0.0.1:19999/plot.png',
      ...anonymous,
    });
    expect(imageSource('https://127.0.0.1/a.png', ORIGIN)).toEqual({ src: 'https://127.0.0.1/a.png', ...anonymous });
    // Userinfo in the address would be sent as a password: anonymous too.
    expect(imageSource('http://127.0.0.1:8008@cdn.example.com/a.png', ORIGIN)).toEqual({
      src: 'http://127.0.0.1:8008@cdn.example.com/a.png',
      ...anonymous,
    });
    // Another host gets no cookie of ours: a CORS request would only fail where the host sends no CORS headers (S3).
    expect(imageSource('https://bucket.s3.example.com/a.png', ORIGIN)).toEqual({
      src: 'https://bucket.s3.example.com/a.png',
      referrerPolicy: 'no-referrer',
    });
  });
});

describe('markdownHref', () => {
  it('keeps links to other hosts and mail addresses', () => {
    expect(markdownHref('https://wiki.example.com/run-42', ORIGIN)).toBe('https://wiki.example.com/run-42');
    expect(markdownHref('mailto:team@example.com', ORIGIN)).toBe('mailto:team@example.com');
  });

  it('drops our host under another port (it would receive our cookie) and what is not http(s)', () => {
    for (const u of ['http://127.0.0.1:19999/report', '//127.0.0.1:19999/x', 'javascript:alert(1)', 'irc://x', 'mailto:', '']) {
      expect(markdownHref(u, ORIGIN), u).toBeUndefined();
    }
  });
});

describe('storedLink', () => {
  it('our own origin is ours, relative or absolute', () => {
    expect(storedLink('http://127.0.0.1:8008/files/a.bin', ORIGIN)).toEqual({
      kind: 'own',
      href: 'http://127.0.0.1:8008/files/a.bin',
    });
    expect(storedLink('/files/a.bin', ORIGIN)).toEqual({ kind: 'own', href: '/files/a.bin' });
  });

  it('our host under another port, scheme or with userinfo is text, never a link (cookies ignore the port)', () => {
    expect(storedLink('http://127.0.0.1:9000/x', ORIGIN)).toEqual({ kind: 'text' });
    expect(storedLink('http://127.0.0.1/x', ORIGIN)).toEqual({ kind: 'text' });
    expect(storedLink('https://127.0.0.1:8008/x', ORIGIN)).toEqual({ kind: 'text' });
    expect(storedLink('http://user:pw@127.0.0.1:8008/x', ORIGIN)).toEqual({ kind: 'text' });
    expect(storedLink('HTTP://127.0.0.1:9000/x', ORIGIN)).toEqual({ kind: 'text' });
    expect(storedLink('//127.0.0.1:9000/x', ORIGIN)).toEqual({ kind: 'text' });
    expect(storedLink('http://localhost:9000/x', 'http://localhost:8008')).toEqual({ kind: 'text' });
  });

  it('another host stays a link, including one that only starts like ours', () => {
    expect(storedLink('https://bucket.example.com/x.bin', ORIGIN)).toEqual({
      kind: 'link',
      href: 'https://bucket.example.com/x.bin',
    });
    expect(storedLink('http://127.0.0.1.nip.io:9000/x', ORIGIN)).toEqual({
      kind: 'link',
      href: 'http://127.0.0.1.nip.io:9000/x',
    });
    expect(storedLink('http://localhost:9000/x', ORIGIN)).toEqual({ kind: 'link', href: 'http://localhost:9000/x' });
    expect(storedLink('http://127.0.0.1:9000@evil.com/x', ORIGIN)).toEqual({
      kind: 'link',
      href: 'http://127.0.0.1:9000@evil.com/x',
    });
  });

  it('what is not http(s) is text', () => {
    expect(storedLink('javascript:alert(1)', ORIGIN)).toEqual({ kind: 'text' });
    expect(storedLink('s3://bucket/x', ORIGIN)).toEqual({ kind: 'text' });
    expect(storedLink('data:text/html,<script>', ORIGIN)).toEqual({ kind: 'text' });
    expect(storedLink('', ORIGIN)).toEqual({ kind: 'text' });
    expect(storedLink(undefined, ORIGIN)).toEqual({ kind: 'text' });
  });
});
