/**
 * Realistic base events for derivation: for a rule's log-source variant, an event from a template of that log
 * source (generators/templates) whose fields pass the variant's gate, built from a seeded faker; `{}` when no
 * template serves the log source (derivation then adds only the fields the rule needs).
 */
import { variantApplies } from '../../framework/engine/reference.js';
import type { IrRule, IrVariant } from '../../framework/ir/types.js';
import type { BaseEvent } from '../derive/index.js';
import { seededFaker, templatesFor, type Template } from '../templates/index.js';

export function baseEventsFor(rule: IrRule, seed: number): BaseEvent {
  const templates = templatesFor(rule.logsource);
  const chosen = new Map<string, Template | null>();
  return (variant: IrVariant) => {
    if (!chosen.has(variant.label)) {
      chosen.set(variant.label, templates.find((t) => variantApplies(variant, t.build(seededFaker(seed)))) ?? null);
    }
    const template = chosen.get(variant.label);
    return template ? { ...template.build(seededFaker(seed)) } : {};
  };
}
