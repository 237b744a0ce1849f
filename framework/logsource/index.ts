/**
 * Log-source mapping (semantics §10): which events a rule's (product, category, service) covers and which field
 * renames apply. Re-exports only.
 */
export type {
  CategoryEntry,
  CategoryVariant,
  ConditionMap,
  LogsourceMap,
  LogsourceQuery,
  ProductEntry,
  ResolvedVariant,
  ServiceEntry,
} from './types.js';
export { DEFAULT_LOGSOURCE_MAP_SOURCE, DEFAULT_LOGSOURCE_MAP_YAML } from './default-map.js';
export {
  defaultLogsourceMap,
  loadLogsourceMapFile,
  loadLogsourceMapOption,
  parseLogsourceMap,
  type LoadMapResult,
} from './load-map.js';
export { formatLogsource, resolveLogsource, resolveUnmapped, UNMAPPED_LABEL } from './resolve.js';
