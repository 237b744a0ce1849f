/**
 * JSON Schema of a Sigma v2 detection rule (semantics §2.2). Search identifiers are not checked here:
 * their shapes are checked by to-rule.ts, which gives EMPTY_DETECTION / INVALID_VALUE with precise spans.
 */
import { detectionCondition, logsource, metadataProperties } from './common.js';

export const ruleSchema = {
  $id: 'sigmatest:rule',
  type: 'object',
  required: ['title', 'logsource', 'detection'],
  properties: {
    ...metadataProperties,
    logsource,
    detection: {
      type: 'object',
      required: ['condition'],
      properties: { condition: detectionCondition },
      if: { required: ['condition'] },
      then: {
        minProperties: 2,
        'x-messages': { minProperties: 'must define at least one search identifier besides condition' },
      },
    },
  },
} as const;
