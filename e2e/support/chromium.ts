/** Debian's Chromium, as both the e2e runner (playwright.config.ts) and the dashboard bench launch it. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** This machine has no network: without the background-networking flags Chromium keeps trying to reach Google. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
  '--disable-quic',
];

export const VIEWPORT = { width: 1440, height: 900 };
