import type { OptionsType, ZxcvbnFactory, ZxcvbnResult } from '@zxcvbn-ts/core';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from './auth';

/**
 * The password rules, in one place for the server (which enforces them) and the web checklist
 * (which shows them as the person types), so both say the same thing.
 *
 * The strength estimator (zxcvbn-ts and its dictionaries, about 1.5 MB) is not imported here:
 * this library stays free of it. The server loads it on first use, the web app in a lazy chunk,
 * and both hand the modules to `createPasswordEstimator`, so both set it up the same way.
 */

/** zxcvbn's score (0–4) a new password must reach: 3 is "safely unguessable" online (≥ 10⁸ guesses). */
export const PASSWORD_MIN_SCORE = 3;

/** The estimator's packages, as `@zxcvbn-ts/core`, `/language-common` and `/language-en` export them. */
export interface PasswordEstimatorModules {
  core: { ZxcvbnFactory: typeof ZxcvbnFactory };
  common: {
    dictionary: Record<string, string[]>;
    adjacencyGraphs: OptionsType['graphs'];
  };
  en: { dictionary: Record<string, string[]>; translations: OptionsType['translations'] };
}

export interface PasswordEstimator {
  /** zxcvbn's verdict; `userInputs` are words about the person that an attacker tries first. */
  check(password: string, userInputs: string[]): ZxcvbnResult;
  /** ~49,000 passwords seen most often in breaches, lower case. */
  commonPasswords: ReadonlySet<string>;
}

export function createPasswordEstimator(modules: PasswordEstimatorModules): PasswordEstimator {
  const zxcvbn = new modules.core.ZxcvbnFactory({
    dictionary: { ...modules.common.dictionary, ...modules.en.dictionary },
    graphs: modules.common.adjacencyGraphs,
    translations: modules.en.translations,
    // Bounds the work per check (a random 128-character password took 3 s with the defaults,
    // blocking the server's event loop or the page): the first 64 characters decide, and
    // letter-for-symbol swaps ("p4ssw0rd") are tried two at a time.
    maxLength: 64,
    l33tMaxSubstitutions: 2,
  });
  const commonPasswords = new Set(
    (modules.common.dictionary['passwords-common'] ?? []).map((p) => p.toLowerCase()),
  );
  return { check: (password, inputs) => zxcvbn.check(password, inputs), commonPasswords };
}

/** Whose password it is, as far as it is known where the rules run. */
export interface PasswordOwner {
  email?: string;
  displayName?: string;
}

/**
 * Words about the person and the place: the email address, its local part and domain words,
 * the words of the display name, and "mend". The estimator counts them as the first guesses.
 */
export function passwordUserInputs(owner: PasswordOwner): string[] {
  const words = new Set<string>(['mend']);
  const email = owner.email?.trim().toLowerCase() ?? '';
  if (email) {
    words.add(email);
    const [local = '', domain = ''] = email.split('@');
    words.add(local);
    for (const part of `${local} ${domain}`.split(/[^\p{L}\p{N}]+/u)) words.add(part);
  }
  for (const part of (owner.displayName ?? '').toLowerCase().split(/[^\p{L}\p{N}]+/u)) {
    words.add(part);
  }
  return [...words].filter((word) => word.length >= 3);
}

const RUNS = ['abcdefghijklmnopqrstuvwxyz', '01234567890123456789', 'qwertyuiopasdfghjklzxcvbnm'];

function isRun(value: string): boolean {
  return /^(.)\1+$/.test(value) || RUNS.some((run) => run.includes(value));
}

/**
 * A listed password, a run of one key or of the keyboard or alphabet, or a listed password
 * padded with digits and symbols ("iloveyou1234") or repeated ("monkeymonkey").
 */
function isPredictable(lower: string, list: ReadonlySet<string>): boolean {
  if (list.has(lower) || isRun(lower)) return true;
  const core = lower.replace(/[\d\W_]+$/, '').replace(/^[\d\W_]+/, '');
  if (core.length >= 3 && (list.has(core) || isRun(core))) return true;
  const repeated = /^(.{3,}?)\1+$/.exec(lower);
  return !!repeated && (list.has(repeated[1]) || isRun(repeated[1]));
}

export type PasswordRuleId = 'length' | 'email' | 'common' | 'strength';

export interface PasswordRuleCheck {
  id: PasswordRuleId;
  /** The rule as the checklist shows it, before anything is typed. */
  text: string;
  /** Whether the password keeps the rule; null when it cannot be told here (yet). */
  met: boolean | null;
  /** What to do when it is not met: the server's error message. */
  problem?: string;
}

export const PASSWORD_STRENGTH_LABELS = ['very weak', 'weak', 'fair', 'good', 'strong'] as const;

export interface PasswordAssessment {
  rules: PasswordRuleCheck[];
  /** The estimator's score 0–4 (undefined without the estimator or a password). */
  score?: number;
  /** One line on what makes it weak, and what to do, from the estimator. */
  hint?: string;
}

const ADVICE = 'Add a few more words that have nothing to do with you, or make it longer.';

function strengthProblem(result: ZxcvbnResult): string {
  const personal = result.sequence.some(
    (match) => 'dictionaryName' in match && match.dictionaryName === 'userInputs',
  );
  const why = personal
    ? 'It is built on your name, your email address or “Mend”, which are guessed first.'
    : (result.feedback.warning ?? '');
  const advice = personal
    ? 'Leave those out and use a few unrelated words instead.'
    : (result.feedback.suggestions.find((s) => !/symbols|capitali[sz]e/i.test(s)) ?? ADVICE);
  return ['This password is too easy to guess.', why, advice].filter(Boolean).join(' ');
}

/**
 * The weaker verdict of the password as typed and without its spaces, dashes, dots and
 * underscores: zxcvbn under-rates words between spaces ("new password 2024" scores 4, while
 * "newpassword2024" scores 2), but an attacker tries separators as cheaply as words.
 */
function estimate(estimator: PasswordEstimator, password: string, owner: PasswordOwner) {
  const inputs = passwordUserInputs(owner);
  const typed = estimator.check(password, inputs);
  const joined = password.replace(/[\s._-]+/g, '');
  if (joined === password || joined.length === 0) return typed;
  const collapsed = estimator.check(joined, inputs);
  return collapsed.guesses < typed.guesses ? collapsed : typed;
}

/**
 * Every rule with whether `password` keeps it. Without an estimator (the web app before it has
 * loaded) the common-password and strength rules are null; without the email, its rule is.
 * Length is counted in characters as a person sees them.
 */
export function assessPassword(
  password: string,
  owner: PasswordOwner,
  estimator?: PasswordEstimator,
): PasswordAssessment {
  const length = [...password].length;
  const lower = password.toLowerCase();
  const email = owner.email?.trim().toLowerCase();
  const fits = length >= PASSWORD_MIN_LENGTH && length <= PASSWORD_MAX_LENGTH;
  const predictable =
    estimator && password ? isPredictable(lower, estimator.commonPasswords) : null;
  // The estimator only runs when the cheaper rules pass: its work grows with the length.
  const result =
    estimator && fits && predictable === false ? estimate(estimator, password, owner) : undefined;
  const rules: PasswordRuleCheck[] = [
    {
      id: 'length',
      text: `${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters`,
      met: password ? fits : false,
      problem:
        length < PASSWORD_MIN_LENGTH
          ? `Use at least ${PASSWORD_MIN_LENGTH} characters.`
          : `Use at most ${PASSWORD_MAX_LENGTH} characters.`,
    },
    {
      id: 'email',
      text: 'Does not contain your email address',
      met: !email ? null : password ? !lower.includes(email) : false,
      problem:
        'Do not put your email address in your password. Use a few words that have nothing to do with you.',
    },
    {
      id: 'common',
      text: 'Not a common password or a simple pattern (like “abcabc” or “qwerty”)',
      met: predictable === null ? (password ? null : false) : !predictable,
      problem:
        'This password is one of the most common ones, or a simple pattern, and easy to guess. Choose another: a few unrelated words work well.',
    },
    {
      id: 'strength',
      text: `Hard to guess: strength “${PASSWORD_STRENGTH_LABELS[PASSWORD_MIN_SCORE]}” or better`,
      met: result ? result.score >= PASSWORD_MIN_SCORE : estimator || !password ? false : null,
      problem: result ? strengthProblem(result) : undefined,
    },
  ];
  const hint = result && result.score < PASSWORD_MIN_SCORE ? strengthProblem(result) : undefined;
  return { rules, score: result?.score, hint };
}

/** Why `password` may not be used (the first rule it breaks), or undefined when it may. */
export function passwordProblemWith(
  estimator: PasswordEstimator,
  password: string,
  owner: PasswordOwner,
): string | undefined {
  const broken = assessPassword(password, owner, estimator).rules.find((r) => r.met === false);
  return broken?.problem;
}
