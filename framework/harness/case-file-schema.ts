/**
 * JSON Schema of a case file (`cases/<rule path>.yml`), checked with ajv. Version 1.
 * A case file names one rule (`rule:` id, name or path) and lists cases; a case has `name`, exactly one of
 * `expect` (match | no-match) or `matches` (an exact count over `events`), and exactly one of `event` or `events`.
 * Sequence cases (for a correlation rule) expect alerts instead: `expect: {alerts: N, groups: [{field: value}]}`
 * (`groups` optional: the group-by values of each alert, in order), with timestamped events and an optional
 * `timestamp_field` (the event field holding the time; default: the correlation engine's default fields).
 */
const groupValue = {
  anyOf: [{ type: 'string' }, { type: 'number' }, { type: 'boolean' }],
  'x-messages': { anyOf: 'must be a string, a number or a boolean' },
} as const;

const alertsExpectation = {
  type: 'object',
  required: ['alerts'],
  additionalProperties: false,
  properties: {
    alerts: { type: 'integer', minimum: 0 },
    groups: { type: 'array', items: { type: 'object', additionalProperties: groupValue } },
  },
} as const;

export const caseFileSchema = {
  $id: 'https://sigmatest.dev/schemas/case-file-1.json',
  type: 'object',
  required: ['rule', 'cases'],
  additionalProperties: false,
  properties: {
    rule: { type: 'string', minLength: 1, description: 'The rule id or name, or its path (relative to the working folder or to this file); a correlation rule for sequence cases.' },
    description: { type: 'string' },
    cases: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        required: ['name'],
        additionalProperties: false,
        properties: {
          name: { type: 'string', minLength: 1 },
          expect: {
            oneOf: [{ type: 'string', enum: ['match', 'no-match'] }, alertsExpectation],
            'x-messages': { oneOf: 'must be match, no-match or {alerts: N, groups: [...]}' },
          },
          timestamp_field: { type: 'string', minLength: 1 },
          matches: { type: 'integer', minimum: 0 },
          event: { type: 'object' },
          events: { type: 'array', minItems: 1, items: { type: 'object' } },
          tags: { type: 'array', items: { type: 'string' } },
          note: { type: 'string' },
        },
        allOf: [
          { oneOf: [{ required: ['expect'] }, { required: ['matches'] }] },
          { oneOf: [{ required: ['event'] }, { required: ['events'] }] },
          {
            if: { required: ['timestamp_field'] },
            then: { required: ['expect'], properties: { expect: { type: 'object', 'x-messages': { type: 'timestamp_field is for sequence cases (expect: {alerts: N})' } } } },
          },
        ],
      },
    },
  },
} as const;
