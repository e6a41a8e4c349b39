import nx from '@nx/eslint-plugin';

const serverOnly = [
  '@nestjs/*',
  'typeorm',
  'pg',
  'argon2',
  'passport',
  'passport-*',
  'fastify',
  '@fastify/*',
  'nodemailer',
  'pino',
  '@electric-sql/*',
];
const browserOnly = ['@angular/*', '@angular-devkit/*'];

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...nx.configs['flat/javascript'],
  { ignores: ['**/dist', '**/out-tsc', '**/output', '.data', '**/.angular'] },
  {
    files: ['**/*.ts', '**/*.js'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: true,
          allow: ['^.*/eslint(\\.base)?\\.config\\.[cm]?[jt]s$'],
          depConstraints: [
            // What kind of library may use what.
            {
              sourceTag: 'type:app',
              onlyDependOnLibsWithTags: [
                'type:feature',
                'type:data-access',
                'type:ui',
                'type:util',
              ],
            },
            {
              sourceTag: 'type:feature',
              onlyDependOnLibsWithTags: [
                'type:feature',
                'type:data-access',
                'type:ui',
                'type:util',
              ],
            },
            {
              sourceTag: 'type:data-access',
              onlyDependOnLibsWithTags: ['type:data-access', 'type:util'],
            },
            { sourceTag: 'type:ui', onlyDependOnLibsWithTags: ['type:ui', 'type:util'] },
            { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:util'] },
            // Domains reach only shared code and the domains they are built on.
            { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
            { sourceTag: 'scope:audit', onlyDependOnLibsWithTags: ['scope:shared', 'scope:audit'] },
            {
              sourceTag: 'scope:auth',
              onlyDependOnLibsWithTags: ['scope:shared', 'scope:audit', 'scope:auth'],
            },
            {
              sourceTag: 'scope:exercises',
              onlyDependOnLibsWithTags: [
                'scope:shared',
                'scope:audit',
                'scope:auth',
                'scope:caseload',
                'scope:exercises',
              ],
            },
            {
              sourceTag: 'scope:homework',
              onlyDependOnLibsWithTags: [
                'scope:shared',
                'scope:audit',
                'scope:auth',
                'scope:caseload',
                'scope:exercises',
                'scope:homework',
              ],
            },
            {
              sourceTag: 'scope:notes',
              onlyDependOnLibsWithTags: [
                'scope:shared',
                'scope:audit',
                'scope:auth',
                'scope:caseload',
                'scope:exercises',
                'scope:homework',
                'scope:notes',
              ],
            },
            {
              sourceTag: 'scope:caseload',
              onlyDependOnLibsWithTags: [
                'scope:shared',
                'scope:audit',
                'scope:auth',
                'scope:caseload',
              ],
            },
            {
              sourceTag: 'scope:shell',
              onlyDependOnLibsWithTags: [
                'scope:shared',
                'scope:auth',
                'scope:caseload',
                'scope:exercises',
                'scope:homework',
                'scope:notes',
                'scope:shell',
              ],
            },
            // Browser code never pulls in server frameworks, and server code never pulls in Angular.
            {
              sourceTag: 'platform:browser',
              onlyDependOnLibsWithTags: ['platform:browser', 'platform:any'],
              bannedExternalImports: serverOnly,
            },
            {
              sourceTag: 'platform:server',
              onlyDependOnLibsWithTags: ['platform:server', 'platform:any'],
              bannedExternalImports: browserOnly,
            },
            {
              sourceTag: 'platform:any',
              onlyDependOnLibsWithTags: ['platform:any'],
              bannedExternalImports: [...serverOnly, ...browserOnly, 'rxjs'],
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
    },
  },
];
