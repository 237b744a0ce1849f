/**
 * JSON Schema of a case file (`cases/<rule path>.yml`), checked with ajv. Version 1.
 * A case file names one rule (`rule:` id or path) and lists cases; a case has `name`, exactly one of
 * `expect` (match | no-match) or `matches` (an exact count over `events`), and exactly one of `event` or `events`.
 */
export const caseFileSchema = {
  $id: 'https://sigmatest.dev/schemas/case-file-1.json',
  type: 'object',
  required: ['rule', 'cases'],
  additionalProperties: false,
  properties: {
    rule: { type: 'string', minLength: 1, description: 'The rule id, or its path (relative to the working folder or to this file).' },
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
          expect: { enum: ['match', 'no-match'] },
          matches: { type: 'integer', minimum: 0 },
          event: { type: 'object' },
          events: { type: 'array', minItems: 1, items: { type: 'object' } },
          tags: { type: 'array', items: { type: 'string' } },
          note: { type: 'string' },
        },
        allOf: [
          { oneOf: [{ required: ['expect'] }, { required: ['matches'] }] },
          { oneOf: [{ required: ['event'] }, { required: ['events'] }] },
        ],
      },
    },
  },
} as const;
