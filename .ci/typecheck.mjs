// Type-checks every project's sources and specs (the builds check app code; this adds specs,
// libraries on their own and the cross-app test suites).
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const dirs = (path) =>
  readdirSync(path, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => join(path, d.name));
const projects = [...dirs('apps'), ...dirs('libs').flatMap(dirs), ...dirs('tests')];
const configs = projects
  .flatMap((dir) =>
    ['tsconfig.app.json', 'tsconfig.lib.json', 'tsconfig.spec.json'].map((f) => join(dir, f)),
  )
  .concat(dirs('tests').map((dir) => join(dir, 'tsconfig.json')))
  .filter((file) => existsSync(file))
  .sort();

let failed = 0;
for (const config of configs) {
  try {
    // Angular specs run through jest's CommonJS transform, but their imports (Angular's package
    // exports) only type-check under bundler resolution, as the app build uses.
    const angular = readFileSync(join(dirname(config), 'tsconfig.json'), 'utf8').includes(
      '"bundler"',
    );
    const overrides = angular ? ['--module', 'preserve', '--moduleResolution', 'bundler'] : [];
    execFileSync('npx', ['tsc', '-p', config, '--noEmit', ...overrides], { stdio: 'inherit' });
    console.log(`typecheck ok: ${config}`);
  } catch {
    failed += 1;
    console.error(`typecheck FAILED: ${config}`);
  }
}
console.log(`typecheck: ${configs.length - failed}/${configs.length} projects clean`);
process.exit(failed ? 1 : 0);
