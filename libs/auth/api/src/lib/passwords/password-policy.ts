import {
  createPasswordEstimator,
  passwordProblemWith,
  type PasswordEstimator,
  type PasswordEstimatorModules,
  type PasswordOwner,
} from '@mend/shared/contracts';

let estimator: PasswordEstimator | undefined;

/**
 * The strength estimator with its dictionaries, set up on first use: it takes ~0.4 s and ~40 MB,
 * and only the paths that set a password need it.
 */
function passwordEstimator(): PasswordEstimator {
  estimator ??= createPasswordEstimator({
    core: require('@zxcvbn-ts/core'),
    common: require('@zxcvbn-ts/language-common'),
    en: require('@zxcvbn-ts/language-en'),
  } as PasswordEstimatorModules);
  return estimator;
}

/**
 * Why a password may not be used, or undefined when it is acceptable: the rules of
 * `assessPassword` in @mend/shared/contracts (length; not the email address nor, from 4
 * characters, its part before the @; not a common password or pattern; a strength score of at
 * least 3 with the person's name, email and "Mend" counted as first guesses). The web checklist
 * lists the same rules, in the same words, before anything is typed.
 */
export function passwordProblem(password: string, owner: PasswordOwner = {}): string | undefined {
  return passwordProblemWith(passwordEstimator(), password, owner);
}
