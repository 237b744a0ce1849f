/**
 * Options several commands share (--logsource-map, --placeholders) and how they become a RulesetOptions.
 * Problems with these files are input errors: the caller prints them and exits 2.
 */
import type { Diagnostic } from '../diagnostics.js';
import { defaultLogsourceMap, loadLogsourceMapFile, type LogsourceMap } from '../logsource/index.js';
import { loadPlaceholders, type Placeholders } from './placeholders.js';

export interface SharedOptionValues {
  readonly logsourceMap?: string;
  readonly placeholders?: string;
  readonly gating?: boolean;
}

export interface SharedSettings {
  readonly logsourceMap: LogsourceMap | null;
  readonly placeholders?: Placeholders;
  readonly diagnostics: readonly Diagnostic[];
}

export async function readSharedSettings(values: SharedOptionValues): Promise<SharedSettings> {
  const diagnostics: Diagnostic[] = [];
  let logsourceMap: LogsourceMap | null = null;
  if (values.gating !== false) {
    const loaded = values.logsourceMap ? await loadLogsourceMapFile(values.logsourceMap) : defaultLogsourceMap();
    diagnostics.push(...loaded.diagnostics);
    logsourceMap = loaded.map;
  }
  if (!values.placeholders) return { logsourceMap, diagnostics };
  const loaded = await loadPlaceholders(values.placeholders);
  diagnostics.push(...loaded.diagnostics);
  return { logsourceMap, placeholders: loaded.placeholders, diagnostics };
}

/** The rule-set options these settings give: the log-source map and, when a file gave them, the placeholders. */
export function rulesetOptions(settings: SharedSettings): { readonly logsourceMap: LogsourceMap | null; readonly placeholders?: Placeholders } {
  return { logsourceMap: settings.logsourceMap, ...(settings.placeholders ? { placeholders: settings.placeholders } : {}) };
}
