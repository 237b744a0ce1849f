/**
 * ATT&CK Enterprise names, offline (no network): the tactics (v19: Defense Evasion split into Stealth TA0005 and
 * Defense Impairment TA0112; `defense-evasion` kept for older rules) and the techniques of attack-techniques.ts.
 * Tag parsing: `attack.t1059.001` → technique T1059.001, `attack.execution` → tactic TA0002; other `attack.*` tags
 * (groups `attack.g0016`, software `attack.s0002`) are ignored. An unknown technique keeps `name: undefined` and is
 * shown as its bare id; an unknown tactic tag is left out.
 */
import type { AttackTactic, AttackTechnique } from './model.js';
import { REVOKED_TECHNIQUES, TECHNIQUE_LINES } from './attack-techniques.js';

/** Tactic tag suffix → id and name, in matrix order. */
export const TACTICS: readonly { readonly tag: string; readonly id: string; readonly name: string }[] = [
  { tag: 'reconnaissance', id: 'TA0043', name: 'Reconnaissance' },
  { tag: 'resource-development', id: 'TA0042', name: 'Resource Development' },
  { tag: 'initial-access', id: 'TA0001', name: 'Initial Access' },
  { tag: 'execution', id: 'TA0002', name: 'Execution' },
  { tag: 'persistence', id: 'TA0003', name: 'Persistence' },
  { tag: 'privilege-escalation', id: 'TA0004', name: 'Privilege Escalation' },
  { tag: 'stealth', id: 'TA0005', name: 'Stealth' },
  { tag: 'defense-evasion', id: 'TA0005', name: 'Defense Evasion (pre-v19)' },
  { tag: 'defense-impairment', id: 'TA0112', name: 'Defense Impairment' },
  { tag: 'credential-access', id: 'TA0006', name: 'Credential Access' },
  { tag: 'discovery', id: 'TA0007', name: 'Discovery' },
  { tag: 'lateral-movement', id: 'TA0008', name: 'Lateral Movement' },
  { tag: 'collection', id: 'TA0009', name: 'Collection' },
  { tag: 'command-and-control', id: 'TA0011', name: 'Command and Control' },
  { tag: 'exfiltration', id: 'TA0010', name: 'Exfiltration' },
  { tag: 'impact', id: 'TA0040', name: 'Impact' },
];

interface TechniqueName {
  readonly name: string;
  readonly parentName?: string;
  readonly replacedBy?: string;
}

function parseLines(lines: readonly string[]): Map<string, TechniqueName> {
  const names = new Map<string, TechniqueName>();
  for (const line of lines) {
    const [head = '', ...subs] = line.split('|');
    const id = head.slice(0, 5);
    const parentName = head.slice(6);
    names.set(id, { name: parentName });
    for (const sub of subs) names.set(`${id}${sub.slice(0, 4)}`, { name: sub.slice(5), parentName });
  }
  for (const [id, revoked] of Object.entries(REVOKED_TECHNIQUES)) names.set(id, revoked);
  return names;
}

const TECHNIQUES = parseLines(TECHNIQUE_LINES);
const TACTIC_BY_TAG = new Map(TACTICS.map((t) => [t.tag, t]));

/** Name of a technique id (`T1059.001`), or undefined when the offline table does not know it. */
export function techniqueName(id: string): TechniqueName | undefined {
  return TECHNIQUES.get(id.toUpperCase());
}

/** Every technique id the offline table knows. */
export function knownTechniques(): string[] {
  return [...TECHNIQUES.keys()];
}

/** `Command and Scripting Interpreter: PowerShell`, or the bare id when unknown. */
export function techniqueLabel(t: Pick<AttackTechnique, 'id' | 'name' | 'parentName'>): string {
  if (t.name === undefined) return t.id;
  return t.parentName ? `${t.parentName}: ${t.name}` : t.name;
}

const TECHNIQUE_TAG = /^attack\.(t\d{4}(?:\.\d{3})?)$/i;

/** Tactics and techniques of a rule's tags, each once, in tag order. */
export function attackOfTags(tags: readonly string[]): { tactics: AttackTactic[]; techniques: AttackTechnique[] } {
  const tactics: AttackTactic[] = [];
  const techniques: AttackTechnique[] = [];
  for (const raw of tags) {
    const tag = raw.trim().toLowerCase();
    const technique = TECHNIQUE_TAG.exec(tag);
    if (technique?.[1]) {
      const id = technique[1].toUpperCase();
      if (techniques.some((t) => t.id === id)) continue;
      const known = techniqueName(id);
      techniques.push({ tag: raw, id, ...(known ? { name: known.name } : {}), ...(known?.parentName ? { parentName: known.parentName } : {}) });
      continue;
    }
    const tactic = tag.startsWith('attack.') ? TACTIC_BY_TAG.get(tag.slice('attack.'.length)) : undefined;
    if (tactic && !tactics.some((t) => t.name === tactic.name)) tactics.push({ tag: raw, id: tactic.id, name: tactic.name });
  }
  return { tactics, techniques };
}

/** The id a technique was replaced by in ATT&CK v19, if it was revoked. */
export function replacementOf(id: string): string | undefined {
  return TECHNIQUES.get(id.toUpperCase())?.replacedBy;
}
