/**
 * Whether a mouse button or a finger is down on the page. A click's blur comes at its press: an input that closes
 * then moves the controls below it before the release, and the click lands where the control no longer is.
 */
let pressed = false;
/** What waits for the press to end. */
let waiting: (() => void)[] = [];

function pressEnded() {
  pressed = false;
  const run = waiting;
  waiting = [];
  // The click is sent in the same task as the release: a timer runs after it.
  if (run.length) setTimeout(() => run.forEach((fn) => fn()), 0);
}

if (typeof window !== 'undefined') {
  window.addEventListener('pointerdown', () => (pressed = true), true);
  window.addEventListener('pointerup', pressEnded, true);
  window.addEventListener('pointercancel', pressEnded, true);
  // A press whose release the page never sees (the window left meanwhile) ends with the window's focus.
  window.addEventListener('blur', (e) => e.target === window && pressEnded());
}

/** Runs `fn` now, or, while a press is on, once it has ended and its click has been dealt with. */
export function afterPress(fn: () => void): void {
  if (pressed) waiting.push(fn);
  else fn();
}
