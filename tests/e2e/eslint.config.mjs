import baseConfig from '../../eslint.config.mjs';

export default [
  ...baseConfig,
  {
    // The cross-app suites drive the API host itself (its app module, migrations, bootstrap),
    // which no library exports; importing it by path is what they exist for.
    files: ['**/*.ts'],
    rules: { '@nx/enforce-module-boundaries': 'off' },
  },
];
