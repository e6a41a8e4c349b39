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

/** Where a word about the person comes from, for saying exactly what a password is built on. */
export type PersonalWordSource = 'name' | 'email' | 'mend';

/**
 * Words about the person and the place, each with where it comes from: the email address, its
 * local part and the words of both parts, the words of the display name, and "mend". The
 * estimator counts them as the first guesses.
 */
export function personalWords(owner: PasswordOwner): Map<string, Set<PersonalWordSource>> {
  const words = new Map<string, Set<PersonalWordSource>>();
  const add = (word: string, source: PersonalWordSource) => {
    if (word.length < 3) return;
    const sources = words.get(word) ?? new Set<PersonalWordSource>();
    words.set(word, sources.add(source));
  };
  add('mend', 'mend');
  const email = owner.email?.trim().toLowerCase() ?? '';
  if (email) {
    add(email, 'email');
    const [local = '', domain = ''] = email.split('@');
    add(local, 'email');
    for (const part of `${local} ${domain}`.split(/[^\p{L}\p{N}]+/u)) add(part, 'email');
  }
  for (const part of (owner.displayName ?? '').toLowerCase().split(/[^\p{L}\p{N}]+/u)) {
    add(part, 'name');
  }
  return words;
}

/** The words of `personalWords`, as the estimator takes them. */
export function passwordUserInputs(owner: PasswordOwner): string[] {
  return [...personalWords(owner).keys()];
}

/**
 * The part of the email address before the @ is a rule of its own from this many characters
 * (a shorter one, "al" or "sam", is part of too many ordinary words to forbid).
 */
export const EMAIL_LOCAL_PART_MIN_LENGTH = 4;

/** The address and its local part as the email rule checks them (lower case). */
function emailRuleParts(owner: PasswordOwner): { email?: string; local?: string } {
  const email = owner.email?.trim().toLowerCase();
  if (!email) return {};
  const local = email.split('@')[0] ?? '';
  return {
    email,
    local: [...local].length >= EMAIL_LOCAL_PART_MIN_LENGTH && local !== email ? local : undefined,
  };
}

/** The email rule in the checklist's words: exactly what the rule looks for. */
export function emailRuleText(owner: PasswordOwner): string {
  const { email, local } = emailRuleParts(owner);
  if (!email) return 'Does not contain your email address, or the part of it before the @';
  return local
    ? `Does not contain your email address, or “${local}” from it`
    : 'Does not contain your email address';
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

/** What the strength rule counts as easy guesses, in the checklist's words. */
const PERSONAL_WORDS_RULE = 'your name, your email address and “Mend” are guessed first';

const ORDER: Record<PersonalWordSource, number> = { name: 0, email: 1, mend: 2 };
const SOURCE_TEXT: Record<string, string> = {
  name: 'your name',
  email: 'in your email address',
  'name,email': 'your name, also in your email address',
  mend: 'the name of this site',
};

/**
 * The words about the person the estimator found, each with where it comes from:
 * "“jordan” (your name) and “harbor” (in your email address)".
 */
function personalWordsFound(result: ZxcvbnResult, owner: PasswordOwner): string | undefined {
  const sources = personalWords(owner);
  const found = new Map<string, string>();
  for (const match of result.sequence) {
    if (!('dictionaryName' in match) || match.dictionaryName !== 'userInputs') continue;
    const word = match.matchedWord.toLowerCase();
    const from = [...(sources.get(word) ?? [])].sort((a, b) => ORDER[a] - ORDER[b]).join(',');
    if (!found.has(word)) found.set(word, SOURCE_TEXT[from] ?? SOURCE_TEXT['mend']);
  }
  const named = [...found].map(([word, from]) => `“${word}” (${from})`);
  if (named.length === 0) return undefined;
  return named.length === 1
    ? named[0]
    : `${named.slice(0, -1).join(', ')} and ${named[named.length - 1]}`;
}

function strengthProblem(result: ZxcvbnResult, owner: PasswordOwner): string {
  const personal = personalWordsFound(result, owner);
  const why = personal
    ? `Words about you are guessed first, and it is built on ${personal}.`
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
 * loaded) the common-password and strength rules are null; without the email, its rule is (the
 * server checks it). The email rule looks for the address and, from
 * `EMAIL_LOCAL_PART_MIN_LENGTH` characters, its part before the @; the name and the rest of the
 * address only weaken the strength (the estimator tries them first).
 * Length is counted in characters as a person sees them.
 */
export function assessPassword(
  password: string,
  owner: PasswordOwner,
  estimator?: PasswordEstimator,
): PasswordAssessment {
  const length = [...password].length;
  const lower = password.toLowerCase();
  const { email, local } = emailRuleParts(owner);
  const hasEmail = !!email && lower.includes(email);
  const hasLocal = !!local && lower.includes(local);
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
      text: emailRuleText(owner),
      met: !email ? null : password ? !hasEmail && !hasLocal : false,
      problem: `Do not put ${
        hasEmail || !local
          ? 'your email address'
          : `“${local}”, the part of your email address before the @,`
      } in your password. Use a few words that have nothing to do with you.`,
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
      text: `Hard to guess: strength “${PASSWORD_STRENGTH_LABELS[PASSWORD_MIN_SCORE]}” or better (${PERSONAL_WORDS_RULE})`,
      met: result ? result.score >= PASSWORD_MIN_SCORE : estimator || !password ? false : null,
      problem: result ? strengthProblem(result, owner) : undefined,
    },
  ];
  const hint =
    result && result.score < PASSWORD_MIN_SCORE ? strengthProblem(result, owner) : undefined;
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
