/**
 * Test support: the bundled rules (rules/ with cases/_placeholders.yml) lowered with the default log-source map.
 */
import { fileURLToPath } from 'node:url';
import type { IrRule } from '../../../framework/ir/types.js';
import { defaultLogsourceMap } from '../../../framework/logsource/index.js';
import { buildRuleset } from '../../../framework/ruleset/build-ruleset.js';
import { loadPlaceholders } from '../../../framework/ruleset/placeholders.js';

export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const PORTMAP = `${ROOT}rules/windows/network_connection/net_connection_win_domain_portmap.yml`;

export async function loadRules(paths: readonly string[]): Promise<IrRule[]> {
  const { placeholders } = await loadPlaceholders(`${ROOT}cases/_placeholders.yml`);
  const ruleset = await buildRuleset(paths, { logsourceMap: defaultLogsourceMap().map ?? null, placeholders });
  return ruleset.rules.map((r) => r.ir);
}

export async function bundledRules(): Promise<IrRule[]> {
  return loadRules([`${ROOT}rules`]);
}
