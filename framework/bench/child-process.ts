/**
 * Bench workloads measured in a child Node process (a fresh heap; peak memory its own), shared by the correlation
 * workload, W3 on workers and the cold loads:
 *  - compiledModule(name, base): the compiled module `name` (relative to `base`, the caller's import.meta.url) when
 *    the caller runs compiled and that file is on disk, else null (tests run from the TypeScript sources, which a
 *    child process cannot start: the caller then measures in its own process and says so);
 *  - runNodeJson(args, what): `node` with this process's V8 pool size (cli/v8-pool.ts) and `args`; resolves the
 *    JSON the child prints, or { error } naming `what` and its stderr's error line (`TypeError: …`; else the first
 *    line that mentions an error, else its first line);
 *  - startedAsScript(url): whether the module at `url` is the script this process was started with.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { poolSizeArgs } from '../cli/v8-pool.js';

export function compiledModule(name: string, base: string): string | null {
  if (base.endsWith('.ts')) return null;
  const file = fileURLToPath(new URL(name, base));
  return existsSync(file) ? file : null;
}

export function runNodeJson<T>(args: readonly string[], what: string): Promise<T | { error: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [...poolSizeArgs(process.execArgv), ...args], { maxBuffer: 1 << 20 }, (error, stdout, stderr) => {
      const lines = (stderr || error?.message || '').trim().split('\n');
      const problem = lines.find((l) => /^\w*Error\b/.test(l)) ?? lines.find((l) => /error/i.test(l)) ?? lines[0] ?? '';
      if (error) resolve({ error: `${what} (child process) failed: ${problem}` });
      else resolve(JSON.parse(stdout) as T);
    });
  });
}

export function startedAsScript(url: string): boolean {
  return process.argv[1] !== undefined && url === pathToFileURL(process.argv[1]).href;
}
