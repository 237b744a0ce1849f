/**
 * Building blocks shared by the project's own JSON Schemas (draft-07, compiled by ajv in validate.ts).
 * Written from the Sigma specification v2 and pySigma's checks; custom top-level attributes stay allowed.
 * `x-messages` (an annotation keyword registered in validate.ts) gives the readable message for a failing
 * keyword of the same schema object, keyed by keyword name.
 */

export const UUID_PATTERN = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';
/** `YYYY-MM-DD` (spec); pySigma also reads `YYYY/MM/DD`, used by older SigmaHQ rules. */
const MONTH = '(0[1-9]|1[012])';
const DAY = '(0[1-9]|[12][0-9]|3[01])';
export const DATE_PATTERN = `^\\d{4}(-${MONTH}-${DAY}|/${MONTH}/${DAY})$`;

export const STATUSES = ['stable', 'test', 'experimental', 'deprecated', 'unsupported'] as const;
export const LEVELS = ['informational', 'low', 'medium', 'high', 'critical'] as const;
export const RELATION_TYPES = ['derived', 'obsolete', 'merged', 'renamed', 'similar'] as const;

export const nonEmptyString = { type: 'string', minLength: 1 } as const;

export const stringList = { type: 'array', items: { type: 'string' } } as const;

export const uuid = {
  type: 'string',
  pattern: UUID_PATTERN,
  'x-messages': { pattern: 'must be a UUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)' },
} as const;

export const isoDate = {
  type: 'string',
  pattern: DATE_PATTERN,
  'x-messages': { pattern: 'must be a date written YYYY-MM-DD' },
} as const;

/** `namespace.name`, as pySigma's SigmaRuleTag requires (e.g. `attack.t1059.001`, `cve.2021-44228`). */
export const tags = {
  type: 'array',
  items: {
    type: 'string',
    pattern: '^[^\\s.]+\\.\\S+$',
    'x-messages': { pattern: 'must be a tag written namespace.name (e.g. attack.t1059)' },
  },
} as const;

export const related = {
  type: 'array',
  items: {
    type: 'object',
    required: ['id', 'type'],
    properties: {
      id: uuid,
      type: { type: 'string', enum: RELATION_TYPES },
    },
  },
} as const;

/** Metadata every Sigma document kind may carry. */
export const metadataProperties = {
  title: { type: 'string', minLength: 1, maxLength: 256 },
  id: uuid,
  name: { type: 'string', minLength: 1, maxLength: 256 },
  related,
  taxonomy: { type: 'string', maxLength: 256 },
  status: { type: 'string', enum: STATUSES },
  description: { type: 'string', maxLength: 65535 },
  license: { type: 'string' },
  author: { type: 'string' },
  references: stringList,
  date: isoDate,
  modified: isoDate,
  tags,
  fields: stringList,
  falsepositives: stringList,
  level: { type: 'string', enum: LEVELS },
  scope: stringList,
} as const;

export const logsource = {
  type: 'object',
  properties: {
    category: nonEmptyString,
    product: nonEmptyString,
    service: nonEmptyString,
    definition: { type: 'string' },
  },
  anyOf: [{ required: ['category'] }, { required: ['product'] }, { required: ['service'] }],
  'x-messages': { anyOf: 'must have at least one of category, product, service' },
} as const;

/** A condition: one expression, or a list of expressions that are OR-ed. */
export const detectionCondition = {
  anyOf: [nonEmptyString, { type: 'array', minItems: 1, items: nonEmptyString }],
  'x-messages': { anyOf: 'must be a condition string or a non-empty list of condition strings' },
} as const;
