/**
 * Whether a mouse button or a finger is down on the page. A click's blur comes at its press: an input that closes
 * then moves the controls below it before the release, and the click lands where the control no longer is.
 */
let pressed = false;
if (typeof window !== 'undefined') {
  window.addEventListener('pointerdown', () => (pressed = true), true);
  for (const end of ['pointerup', 'pointercancel'] as const) window.addEventListener(end, () => (pressed = false), true);
}

/** Runs `fn` now, or, while a press is on, once it has ended and its click has been dealt with. */
export function afterPress(fn: () => void): void {
  if (!pressed) {
    fn();
    return;
  }
  const ended = () => {
    window.removeEventListener('pointerup', ended, true);
    window.removeEventListener('pointercancel', ended, true);
    // The click is sent in the same task as the release: a timer runs after it.
    setTimeout(fn, 0);
  };
  window.addEventListener('pointerup', ended, true);
  window.addEventListener('pointercancel', ended, true);
}
