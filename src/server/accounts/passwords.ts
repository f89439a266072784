/**
 * Secrets (API secret keys and passwords) are kept only as scrypt hashes. scrypt runs on libuv's
 * thread pool (the async API), never on the event loop.
 */
import { randomBytes, scrypt, timingSafeEqual, type BinaryLike } from 'node:crypto';
import { randomKey } from '../ids';

export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 256;
const KEY_LENGTH = 32;

function scryptAsync(secret: BinaryLike, salt: Buffer, length: number): Promise<Buffer> {
  return new Promise((resolve, reject) => scrypt(secret, salt, length, (err, key) => (err ? reject(err) : resolve(key))));
}

export async function hashSecret(secret: string): Promise<string> {
  const salt = randomBytes(16);
  const hash = await scryptAsync(secret, salt, KEY_LENGTH);
  return `scrypt$${salt.toString('hex')}$${hash.toString('hex')}`;
}

// Checked instead when there is no stored hash (unknown key or login, user without a password),
// so that a miss costs the same as a wrong secret and timing tells nothing about what exists.
let dummy: Promise<string> | undefined;
const dummyHash = () => (dummy ??= hashSecret(randomKey(32)));

/** Whether `secret` matches `stored`; always does one full scrypt, also when there is nothing stored. */
export async function verifySecret(secret: string, stored: string | null | undefined): Promise<boolean> {
  const parts = (stored ?? '').split('$');
  const usable =
    parts.length === 3 && parts[0] === 'scrypt' && /^[0-9a-f]{32}$/.test(parts[1]) && /^[0-9a-f]{2,128}$/.test(parts[2]);
  const [, saltHex, hashHex] = (usable ? stored! : await dummyHash()).split('$');
  const expected = Buffer.from(hashHex, 'hex');
  // A hostile secret of megabytes would still hash quickly, but there is no reason to accept one.
  const actual = await scryptAsync(secret.slice(0, 1024), Buffer.from(saltHex, 'hex'), expected.length);
  return usable && timingSafeEqual(expected, actual);
}

/** A password for a new or reset account, shown once. */
export function randomPassword(): string {
  return randomKey(20, 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789');
}

/** Null when acceptable, else what is wrong with it. */
export function passwordProblem(password: string): string | null {
  if (password.length < PASSWORD_MIN) return `The password is too short: at least ${PASSWORD_MIN} characters`;
  if (password.length > PASSWORD_MAX) return `The password is too long: at most ${PASSWORD_MAX} characters`;
  return null;
}
