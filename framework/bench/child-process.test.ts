/**
 * child-process.ts: the JSON a child prints, a failed child as a located { error } (not a throw), the compiled
 * module looked up only when the caller runs compiled, and the script check.
 */
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compiledModule, runNodeJson, startedAsScript } from './child-process.js';

describe('bench child processes', () => {
  it('resolves the JSON the child prints', async () => {
    expect(await runNodeJson<{ n: number }>(['-e', 'process.stdout.write(JSON.stringify({ n: 6 * 7 }))'], 'sum')).toEqual({ n: 42 });
  });

  it('names the workload and the error line when the child fails', async () => {
    const r = await runNodeJson(['-e', 'throw new TypeError("no rules here")'], 'cold load');
    expect(r).toEqual({ error: expect.stringMatching(/^cold load \(child process\) failed: .*TypeError: no rules here/) });
  });

  it('finds a compiled module only for a compiled caller, and only when it is on disk', () => {
    expect(compiledModule('./child-process.js', import.meta.url)).toBeNull(); // this test runs from TypeScript
    const compiledCaller = new URL('../../dist/framework/bench/run-bench.js', import.meta.url).href;
    expect(compiledModule('./child-process.js', compiledCaller)).toMatch(/dist\/framework\/bench\/child-process\.js$/);
    expect(compiledModule('./no-such-module.js', compiledCaller)).toBeNull();
  });

  it('tells the script this process started with', () => {
    expect(startedAsScript(import.meta.url)).toBe(false);
    expect(startedAsScript(pathToFileURL(process.argv[1] ?? '').href)).toBe(true);
  });
});
