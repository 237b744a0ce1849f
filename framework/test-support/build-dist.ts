/**
 * vitest global setup: build dist/ once before any test file runs, so the CLI end-to-end tests run the code
 * under test (and several test files never run tsc at the same time). Type errors do not stop the tests (tsc
 * still emits); they are printed loudly here and fail `npm run typecheck`, which CI runs as its own step.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export default function setup(): void {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
  try {
    execFileSync(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
  } catch {
    process.stderr.write('\n*** WARNING: tsc reported type errors (above); dist/ was emitted anyway. `npm run typecheck` fails until they are fixed. ***\n\n');
  }
}
