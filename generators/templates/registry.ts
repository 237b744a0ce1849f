/**
 * The frozen table of every event template, lookup by Sigma log source, and the fast-check arbitraries.
 * - templatesFor(ls): the templates serving a rule's log source: some log source of the template has every key
 *   the rule gives (category, service: equal; product: equal, or absent on the template, which then serves any
 *   product, as framework/logsource treats an absent product). Several producers of one category are all
 *   returned (windows/process_creation → Sysmon 1 and Security 4688); a rule naming nothing gets every template.
 * - templateArbitrary(t, shape): events of one template; `evtx` gives the evtx_dump shape for Windows templates
 *   and the flat event for the others (the only shape they have).
 * - eventArbitrary(ls, shape): oneof over templatesFor(ls), or null when no template serves it.
 * Every arbitrary draws a Faker seed from fast-check (fakerArbitrary): a seed replays an event, shrinking moves
 * toward seed 0.
 */
import fc from 'fast-check';
import { dns } from './dns.js';
import { toEvtxShape } from './evtx-shape.js';
import { fakerArbitrary } from './faker-source.js';
import { auditdExecve, auditdPath, auditdSyscall } from './linux-auditd.js';
import { linuxProcessCreation } from './linux.js';
import { powershell4103, powershell4104 } from './powershell.js';
import { security4624, security4625 } from './security-logon.js';
import { security4688, security4697, security4698, security4720 } from './security-changes.js';
import { sysmon12, sysmon12Delete, sysmon11, sysmon13, sysmon14, sysmon15, sysmon23 } from './sysmon-objects.js';
import { sysmon17, sysmon18, sysmon22, sysmon3 } from './sysmon-network.js';
import { sysmon1, sysmon10, sysmon25, sysmon5, sysmon7, sysmon8 } from './sysmon-process.js';
import { system7045 } from './system.js';
import type { Template, TemplateLogsource } from './types.js';
import { proxy, webserver } from './web.js';

export type EventShape = 'flat' | 'evtx';

export const TEMPLATES: readonly Template[] = Object.freeze([
  sysmon1, sysmon3, sysmon5, sysmon7, sysmon8, sysmon10, sysmon11, sysmon12, sysmon12Delete, sysmon13, sysmon14,
  sysmon15, sysmon17, sysmon18, sysmon22, sysmon23, sysmon25,
  security4624, security4625, security4688, security4697, security4698, security4720,
  powershell4103, powershell4104,
  system7045,
  linuxProcessCreation, auditdSyscall, auditdExecve, auditdPath,
  webserver, proxy,
  dns,
]);

export function templateByName(name: string): Template | undefined {
  return TEMPLATES.find((t) => t.name === name);
}

function serves(entry: TemplateLogsource, rule: TemplateLogsource): boolean {
  if (rule.product !== undefined && entry.product !== undefined && entry.product !== rule.product) return false;
  if (rule.category !== undefined && entry.category !== rule.category) return false;
  return rule.service === undefined || entry.service === rule.service;
}

/** Templates whose events a rule with log source `logsource` is meant for, in table order. */
export function templatesFor(logsource: TemplateLogsource): Template[] {
  return TEMPLATES.filter((t) => t.logsources.some((entry) => serves(entry, logsource)));
}

/** Events of `template`, flat or in evtx_dump shape (plain templates are always flat). */
export function templateArbitrary(template: Template, shape: EventShape = 'flat'): fc.Arbitrary<Record<string, unknown>> {
  return fakerArbitrary().map((f) => {
    const flat = template.build(f);
    return shape === 'evtx' ? (toEvtxShape(flat, template) ?? flat) : flat;
  });
}

/** Events of any template serving `logsource`, or null when none does. */
export function eventArbitrary(logsource: TemplateLogsource, shape: EventShape = 'flat'): fc.Arbitrary<Record<string, unknown>> | null {
  const templates = templatesFor(logsource);
  if (templates.length === 0) return null;
  return fc.oneof(...templates.map((t) => templateArbitrary(t, shape)));
}
