import {
  createPasswordEstimator,
  type PasswordEstimator,
  type PasswordEstimatorModules,
} from '@mend/shared/contracts';

let loading: Promise<PasswordEstimator> | undefined;

/**
 * The strength estimator the server uses, set up the same way (`createPasswordEstimator`).
 * Its dictionaries weigh ~1.5 MB, so they come in a lazy chunk on the pages that set a
 * password, never in the main bundle. A failed load (offline) is tried again next time.
 */
export function loadPasswordEstimator(): Promise<PasswordEstimator> {
  loading ??= Promise.all([
    import('@zxcvbn-ts/core'),
    import('@zxcvbn-ts/language-common'),
    import('@zxcvbn-ts/language-en'),
  ])
    .then(([core, common, en]) =>
      createPasswordEstimator({ core, common, en } as unknown as PasswordEstimatorModules),
    )
    .catch((error) => {
      loading = undefined;
      throw error;
    });
  return loading;
}
