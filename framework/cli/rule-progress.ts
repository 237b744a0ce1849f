/**
 * A progress bar (cli-progress) for work over many rules, on a terminal only and only when there are at least
 * MIN_RULES rules; off a terminal it prints nothing, so CI logs stay deterministic.
 */
import cliProgress from 'cli-progress';

const MIN_RULES = 50;

export class RuleProgress {
  private bar: cliProgress.SingleBar | undefined;

  constructor(private readonly stream: NodeJS.WriteStream) {}

  update(done: number, total: number): void {
    if (!this.stream.isTTY || total < MIN_RULES) return;
    if (!this.bar) {
      this.bar = new cliProgress.SingleBar(
        { stream: this.stream, format: 'rules [{bar}] {value}/{total} {percentage}% | eta {eta}s', clearOnComplete: true, hideCursor: true },
        cliProgress.Presets.shades_classic,
      );
      this.bar.start(total, done);
    }
    this.bar.update(done);
  }

  stop(): void {
    this.bar?.stop();
    this.bar = undefined;
  }
}
