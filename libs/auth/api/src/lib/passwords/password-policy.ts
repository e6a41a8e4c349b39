import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '@mend/shared/contracts';

let common: Set<string> | undefined;

/** ~49,000 passwords seen most often in breaches (zxcvbn's list), loaded on first use. */
function commonPasswords(): Set<string> {
  if (!common) {
    // Loaded lazily: the list is large and only sign-up paths need it.
    const { dictionary } = require('@zxcvbn-ts/language-common') as {
      dictionary: { passwords: string[] };
    };
    common = new Set(dictionary.passwords.map((p) => p.toLowerCase()));
  }
  return common;
}

const RUNS = ['abcdefghijklmnopqrstuvwxyz', '01234567890123456789', 'qwertyuiopasdfghjklzxcvbnm'];

function isRun(value: string): boolean {
  return /^(.)\1+$/.test(value) || RUNS.some((run) => run.includes(value));
}

/**
 * A listed password, a run of one key or of the keyboard or alphabet, or a listed password
 * padded with digits and symbols ("iloveyou1234") or repeated ("monkeymonkey").
 */
function isPredictable(lower: string): boolean {
  const list = commonPasswords();
  if (list.has(lower) || isRun(lower)) return true;
  const core = lower.replace(/[\d\W_]+$/, '').replace(/^[\d\W_]+/, '');
  if (core.length >= 3 && (list.has(core) || isRun(core))) return true;
  const repeated = /^(.{3,}?)\1+$/.exec(lower);
  return !!repeated && (list.has(repeated[1]) || isRun(repeated[1]));
}

/**
 * Why a password may not be used, or undefined when it is acceptable. Length is counted in
 * characters as a person sees them.
 */
export function passwordProblem(password: string, email?: string): string | undefined {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) return `Use at least ${PASSWORD_MIN_LENGTH} characters.`;
  if (length > PASSWORD_MAX_LENGTH) return `Use at most ${PASSWORD_MAX_LENGTH} characters.`;
  const lower = password.toLowerCase();
  if (isPredictable(lower)) {
    return 'This password is one of the most common ones and easy to guess. Choose another.';
  }
  const localPart = email?.toLowerCase().split('@')[0] ?? '';
  if (localPart.length >= 4 && lower.includes(localPart)) {
    return 'Do not use your email address in your password.';
  }
  return undefined;
}
