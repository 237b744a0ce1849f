/**
 * Schema validation of a classified document. In: its kind, plain value and YAML context. Out: SCHEMA
 * diagnostics with readable messages, each located at the offending YAML node (or its nearest parent).
 * Must hold: the three schemas are compiled once per process (ajv, allErrors); sub-errors of a failed
 * `anyOf` are folded into one message; the output is sorted by position.
 */
import AjvModule, { type ErrorObject, type ValidateFunction } from 'ajv';
import { compareDiagnostics, diagnostic, type Diagnostic } from '../diagnostics.js';
import type { DocumentKind } from './classify.js';
import type { YamlContext } from './read-yaml.js';
import { spanOfPointer } from './node-path.js';
import { describeErrors } from './schema-messages.js';
import { correlationSchema } from './schemas/correlation-schema.js';
import { filterSchema } from './schemas/filter-schema.js';
import { ruleSchema } from './schemas/rule-schema.js';

type Validators = Readonly<Record<DocumentKind, ValidateFunction>>;

let compiled: Validators | undefined;

function validators(): Validators {
  if (compiled === undefined) {
    const Ajv = AjvModule.default;
    const ajv = new Ajv({ allErrors: true, verbose: true, strict: true, strictRequired: false });
    ajv.addKeyword({ keyword: 'x-messages', schemaType: 'object' });
    compiled = {
      rule: ajv.compile(ruleSchema),
      correlation: ajv.compile(correlationSchema),
      filter: ajv.compile(filterSchema),
    };
  }
  return compiled;
}

/** SCHEMA diagnostics for `value` as a document of `kind`; `[]` when it is valid. */
export function validateDocument(kind: DocumentKind, value: unknown, ctx: YamlContext): Diagnostic[] {
  const validate = validators()[kind];
  if (validate(value)) return [];
  const errors: readonly ErrorObject[] = validate.errors ?? [];
  return describeErrors(errors)
    .map((e) => diagnostic('SCHEMA', 'error', e.message, spanOfPointer(e.instancePath, ctx)))
    .sort(compareDiagnostics);
}
