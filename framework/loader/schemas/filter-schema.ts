/**
 * JSON Schema of a Sigma meta filter (semantics §12.1), with pySigma's extensions: `rules` may be a single
 * string or `any`. Search identifiers are checked by to-rule.ts like a rule's.
 */
import { logsource, metadataProperties, nonEmptyString, stringList } from './common.js';

export const filterSchema = {
  $id: 'sigmatest:filter',
  type: 'object',
  required: ['title', 'logsource', 'filter'],
  properties: {
    ...metadataProperties,
    logsource,
    filter: {
      type: 'object',
      required: ['rules', 'condition'],
      properties: {
        rules: {
          anyOf: [nonEmptyString, stringList],
          'x-messages': { anyOf: "must be a list of rule ids or names, one id or name, or 'any'" },
        },
        condition: nonEmptyString,
      },
      if: { required: ['rules', 'condition'] },
      then: {
        minProperties: 3,
        'x-messages': { minProperties: 'must define at least one search identifier besides rules and condition' },
      },
    },
  },
} as const;
