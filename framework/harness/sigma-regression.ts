/**
 * SigmaHQ regression data (every `info.yml` under `regression_data/`): each info file names its rule(s) in `rule_metadata`
 * and lists tests in `regression_tests_info` ({type, path, match_count?}); the events are the JSON file beside
 * the `.evtx` path (evtx_dump shape, several concatenated objects). SigmaHQ's rule: fewer matches than
 * `match_count` (default 1) fails; more is a warning.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'yaml';

export interface RegressionTest {
  readonly infoFile: string;
  readonly name: string;
  readonly ruleIds: readonly string[];
  readonly type: string;
  /** The JSON events file (the `.evtx` path with a `.json` extension, beside info.yml). */
  readonly eventsFile: string;
  /** Minimum number of matching events; SigmaHQ's default is 1. */
  readonly matchCount: number;
  readonly matchCountSet: boolean;
}

async function findInfoFiles(dir: string): Promise<string[]> {
  if ((await stat(dir)).isFile()) return [dir];
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile() && e.name === 'info.yml')
    .map((e) => path.join(e.parentPath ?? (e as unknown as { path: string }).path, e.name))
    .sort();
}

function testsOf(infoFile: string, info: Record<string, unknown>): RegressionTest[] {
  const ruleIds = (Array.isArray(info['rule_metadata']) ? info['rule_metadata'] : [])
    .map((m) => (m as Record<string, unknown>)['id'])
    .filter((id): id is string => typeof id === 'string');
  const tests = Array.isArray(info['regression_tests_info']) ? (info['regression_tests_info'] as Record<string, unknown>[]) : [];
  return tests.map((t) => {
    const evtx = path.basename(String(t['path'] ?? ''));
    const count = t['match_count'];
    return {
      infoFile,
      name: String(t['name'] ?? 'regression test'),
      ruleIds,
      type: String(t['type'] ?? 'evtx'),
      eventsFile: path.join(path.dirname(infoFile), evtx.replace(/\.evtx$/i, '.json')),
      matchCount: typeof count === 'number' ? count : 1,
      matchCountSet: typeof count === 'number',
    };
  });
}

/** Every regression test under `dir`, or of one info.yml file (info files that do not parse are reported as errors). */
export async function readRegressionTests(dir: string): Promise<{ tests: RegressionTest[]; errors: string[] }> {
  const tests: RegressionTest[] = [];
  const errors: string[] = [];
  for (const infoFile of await findInfoFiles(dir)) {
    try {
      const info = parse(await readFile(infoFile, 'utf8')) as Record<string, unknown> | null;
      if (info && typeof info === 'object') tests.push(...testsOf(infoFile, info));
    } catch (e) {
      errors.push(`${infoFile}: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
    }
  }
  return { tests, errors };
}
