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
              sourceTag: 'scope:notifications',
              onlyDependOnLibsWithTags: ['scope:shared', 'scope:audit', 'scope:notifications'],
            },
            {
              sourceTag: 'scope:auth',
              onlyDependOnLibsWithTags: [
                'scope:shared',
                'scope:audit',
                'scope:notifications',
                'scope:auth',
              ],
            },
            {
              sourceTag: 'scope:audit-trail',
              onlyDependOnLibsWithTags: [
                'scope:shared',
                'scope:audit',
                'scope:notifications',
                'scope:auth',
                'scope:audit-trail',
              ],
            },
            {
              sourceTag: 'scope:exercises',
              onlyDependOnLibsWithTags: [
                'scope:shared',
                'scope:audit',
                'scope:notifications',
                'scope:auth',
                'scope:caseload',
                'scope:exercises',
                'scope:audit-trail',
              ],
            },
            {
              sourceTag: 'scope:safety',
              onlyDependOnLibsWithTags: [
                'scope:shared',
                'scope:audit',
                'scope:notifications',
                'scope:auth',
                'scope:caseload',
                'scope:exercises',
                'scope:safety',
                'scope:audit-trail',
              ],
            },
            {
              sourceTag: 'scope:agreements',
              onlyDependOnLibsWithTags: [
                'scope:shared',
                'scope:audit',
                'scope:notifications',
                'scope:auth',
                'scope:caseload',
                'scope:exercises',
                'scope:safety',
                'scope:agreements',
                'scope:audit-trail',
              ],
            },
            {
              sourceTag: 'scope:messages',
              onlyDependOnLibsWithTags: [
                'scope:shared',
                'scope:audit',
                'scope:notifications',
                'scope:auth',
                'scope:caseload',
                'scope:safety',
                'scope:messages',
                'scope:audit-trail',
              ],
            },
            {
              sourceTag: 'scope:homework',
              onlyDependOnLibsWithTags: [
                'scope:shared',
                'scope:audit',
                'scope:notifications',
                'scope:auth',
                'scope:caseload',
                'scope:exercises',
                'scope:safety',
                'scope:homework',
                'scope:audit-trail',
              ],
            },
            {
              sourceTag: 'scope:notes',
              onlyDependOnLibsWithTags: [
                'scope:shared',
                'scope:audit',
                'scope:notifications',
                'scope:auth',
                'scope:caseload',
                'scope:exercises',
                'scope:safety',
                'scope:homework',
                'scope:messages',
                'scope:notes',
                'scope:audit-trail',
              ],
            },
            {
              sourceTag: 'scope:appointments',
              onlyDependOnLibsWithTags: [
                'scope:shared',
                'scope:audit',
                'scope:notifications',
                'scope:auth',
                'scope:caseload',
                'scope:exercises',
                'scope:safety',
                'scope:homework',
                'scope:messages',
                'scope:notes',
                'scope:appointments',
                'scope:audit-trail',
              ],
            },
            {
              sourceTag: 'scope:caseload',
              onlyDependOnLibsWithTags: [
                'scope:shared',
                'scope:audit',
                'scope:notifications',
                'scope:auth',
                'scope:caseload',
                'scope:audit-trail',
              ],
            },
            {
              sourceTag: 'scope:shell',
              onlyDependOnLibsWithTags: [
                'scope:shared',
                'scope:notifications',
                'scope:auth',
                'scope:caseload',
                'scope:exercises',
                'scope:safety',
                'scope:agreements',
                'scope:homework',
                'scope:notes',
                'scope:messages',
                'scope:appointments',
                'scope:shell',
                'scope:audit-trail',
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
    // One way to the database: ClinicDb.run(caller, …) (row-level security as the caller) or
    // SystemDb (named work for no caller). Only the database wiring, the job queue (pg-boss
    // shares the embedded database's one connection), the API host's bootstrap and commands,
    // and key rotation (a command) hold the raw connection.
    files: ['**/src/**/*.ts'],
    ignores: [
      '**/src/lib/database/**',
      '**/src/lib/crypto/key-rotation.ts',
      '**/src/lib/jobs/job-queue.ts',
      '**/src/cli.ts',
      '**/src/app/create-app.ts',
      '**/*.spec.ts',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@nestjs/typeorm',
              importNames: ['InjectDataSource', 'InjectEntityManager', 'InjectRepository'],
              message: 'Use ClinicDb (as the caller) or SystemDb (named system work).',
            },
            {
              name: 'typeorm',
              importNames: ['DataSource', 'Repository'],
              message: 'Use ClinicDb (as the caller) or SystemDb (named system work).',
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
