/**
 * scan's jsonl match record — one line per match: {"rule_id","rule_title","rule_path","level","source",
 * "event_index"} — shared by `scan` and the bench's end-to-end workloads (W3), so both produce the same bytes.
 * Contract: `formatter.line(rule, source, index)` equals JSON.stringify({ rule_id: rule.id, rule_title: rule.title,
 * rule_path: rule.path, level: rule.level ?? null, source, event_index: index }) + '\n' for a non-negative integer
 * index. How: each rule's JSON head and the current source's JSON name are encoded once and cached, so a match
 * costs a few concatenations instead of stringifying a fresh object.
 */
export interface MatchRecordRule {
  readonly id: string;
  readonly title: string;
  readonly path: string;
  readonly level?: string | undefined;
}

export class MatchRecordFormatter {
  private readonly heads = new Map<MatchRecordRule, string>();
  private source = '';
  private sourceJson = '""';

  line(rule: MatchRecordRule, source: string, index: number): string {
    let head = this.heads.get(rule);
    if (head === undefined) this.heads.set(rule, (head = MatchRecordFormatter.head(rule)));
    if (source !== this.source) {
      this.source = source;
      this.sourceJson = JSON.stringify(source);
    }
    return `${head}${this.sourceJson},"event_index":${index}}\n`;
  }

  private static head(rule: MatchRecordRule): string {
    const s = JSON.stringify;
    return `{"rule_id":${s(rule.id)},"rule_title":${s(rule.title)},"rule_path":${s(rule.path)},"level":${s(rule.level ?? null)},"source":`;
  }
}
