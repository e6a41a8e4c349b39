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
 * `assessPassword` (length, not the email address, not a common password or pattern, and a
 * strength score of at least 3 with the person's name, email and "mend" counted as guesses).
 * The web checklist shows the same rules.
 */
export function passwordProblem(password: string, owner: PasswordOwner = {}): string | undefined {
  return passwordProblemWith(passwordEstimator(), password, owner);
}
