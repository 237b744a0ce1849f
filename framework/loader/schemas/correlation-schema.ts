/**
 * JSON Schema of a Sigma correlation rule (semantics §11.1), accepting pySigma's extensions: `value_median`,
 * `group-by` as a single string, a string `condition` for temporal types (then `rules` may be omitted),
 * `percentile` in the condition and `generate` inside `correlation`.
 */
import { metadataProperties, nonEmptyString } from './common.js';

const CORRELATION_TYPES = [
  'event_count',
  'value_count',
  'temporal',
  'temporal_ordered',
  'value_sum',
  'value_avg',
  'value_percentile',
  'value_median',
] as const;

const stringOrList = {
  anyOf: [nonEmptyString, { type: 'array', items: nonEmptyString }],
  'x-messages': { anyOf: 'must be a string or a list of strings' },
} as const;

const thresholdCondition = {
  type: 'object',
  properties: {
    gt: { type: 'number' },
    gte: { type: 'number' },
    lt: { type: 'number' },
    lte: { type: 'number' },
    eq: { type: 'number' },
    neq: { type: 'number' },
    field: stringOrList,
    percentile: { type: 'number' },
  },
} as const;

export const correlationSchema = {
  $id: 'sigmatest:correlation',
  type: 'object',
  required: ['title', 'correlation'],
  properties: {
    ...metadataProperties,
    generate: { type: 'boolean' },
    correlation: {
      type: 'object',
      required: ['type', 'timespan'],
      properties: {
        type: { type: 'string', enum: CORRELATION_TYPES },
        rules: { type: 'array', minItems: 1, items: nonEmptyString },
        'group-by': stringOrList,
        timespan: {
          type: 'string',
          pattern: '^\\d+[smhdwMy]$',
          'x-messages': { pattern: 'must be a number followed by s, m, h, d, w, M or y (e.g. 10m)' },
        },
        condition: {
          anyOf: [thresholdCondition, nonEmptyString],
          'x-messages': { anyOf: 'must be a map such as {gte: 10} or, for temporal types, a boolean expression' },
        },
        field: stringOrList,
        aliases: {
          type: 'object',
          additionalProperties: { type: 'object', additionalProperties: { type: 'string' } },
        },
        generate: { type: 'boolean' },
      },
      anyOf: [{ required: ['rules'] }, { required: ['condition'], properties: { condition: { type: 'string' } } }],
      'x-messages': { anyOf: 'must list the rules it correlates (rules: [...])' },
    },
  },
} as const;
