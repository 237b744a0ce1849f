/**
 * Correlation rules (semantics §11): lowering of correlation documents, event timestamps, the streaming engine,
 * its brute-force reference, the set of rules whose own alerts a correlation suppresses, and a throughput
 * workload. Re-exports only.
 */
export { lowerCorrelations, suppressedRuleIds } from './lower.js';
export { eventTime, DEFAULT_TIME_FIELDS } from './event-time.js';
export { CorrelationEngine, type CorrelationOptions } from './engine.js';
export { referenceCorrelate, type ReferenceInput } from './reference.js';
export { parseTimespan } from './timespan.js';
export { correlationThroughput, type ThroughputOptions, type ThroughputResult } from './workload.js';
export type * from './types.js';
