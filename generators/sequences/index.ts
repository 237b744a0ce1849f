/**
 * Generated sequences for correlation rules (issue 7 part 4): a firing sequence and near misses per
 * correlation, their verification on the correlation engines, and a per-correlation fuzz loop. Re-exports only.
 */
export type { ExpectedAlerts, Sequence, SequenceEvent, SequenceFinding, SequenceNearMiss, SequenceNearMissKind, SequenceSet, SkippedNearMiss } from './types.js';
export { SEQUENCE_TIME_FIELD } from './types.js';
export { deriveSequences } from './derive-sequences.js';
export { verifySequences, streamingEngine, referenceEngine, DEFAULT_ENGINES, type Correlate, type CorrelationInput, type VerifyOptions } from './verify.js';
export { fuzzCorrelation, correlationSeed, type CorrelationFuzzOptions, type CorrelationFuzzResult } from './fuzz-correlation.js';
export { utcTime } from './events.js';
