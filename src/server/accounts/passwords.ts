/**
 * Secrets (API secret keys and passwords) are kept only as scrypt hashes. scrypt runs on libuv's
 * thread pool (the async API), never on the event loop.
 */
import { randomBytes, scrypt, timingSafeEqual, type BinaryLike } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { PASSWORD_MAX } from '../../shared/api/accounts';
import { randomKey } from '../ids';
import { HashQueue, type Place } from './hash-queue';

export const PASSWORD_MIN = 8;
export { PASSWORD_MAX };
const KEY_LENGTH = 32;

/**
 * At most this many hashes at a time: libuv's pool has 4 threads, and 4 scrypts on a 2-core machine leave the
 * event loop (and the pool's file I/O) starved during a flood of logins. The rest wait their turn.
 */
const MAX_CONCURRENT_HASHES = Math.max(1, Math.min(2, availableParallelism() - 1));
/**
 * Sign-ins waiting for a hash beyond which more are refused (429) before anything is done: about a second
 * and a half of scrypt on one core, and a bound on the requests a flood of distinct keys keeps open.
 */
export const MAX_WAITING_SIGN_INS = 32;

/** The process's turns at hashing (see HashQueue). */
export const hashQueue = new HashQueue(MAX_CONCURRENT_HASHES, MAX_WAITING_SIGN_INS);

function scryptAsync(secret: BinaryLike, salt: Buffer, length: number, place?: Place): Promise<Buffer> {
  const hash = () =>
    new Promise<Buffer>((resolve, reject) => scrypt(secret, salt, length, (err, key) => (err ? reject(err) : resolve(key))));
  return place ? place.run(hash) : hashQueue.run(hash);
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

/**
 * Whether `secret` matches `stored`; always does one full scrypt, also when there is nothing stored. A sign-in
 * hashes in the turn of the place it reserved (see `withSignInAttempt`).
 */
export async function verifySecret(secret: string, stored: string | null | undefined, place?: Place): Promise<boolean> {
  const parts = (stored ?? '').split('$');
  const usable =
    parts.length === 3 && parts[0] === 'scrypt' && /^[0-9a-f]{32}$/.test(parts[1]) && /^[0-9a-f]{2,128}$/.test(parts[2]);
  const [, saltHex, hashHex] = (usable ? stored! : await dummyHash()).split('$');
  const expected = Buffer.from(hashHex, 'hex');
  // A hostile secret of megabytes would still hash quickly, but there is no reason to accept one.
  const actual = await scryptAsync(secret.slice(0, 1024), Buffer.from(saltHex, 'hex'), expected.length, place);
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
