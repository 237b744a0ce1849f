/**
 * A one-line progress display on stderr, only on a terminal, refreshed at most every 250 ms.
 * Off the terminal (CI, pipes) it prints nothing, so output stays deterministic.
 */
export class ProgressLine {
  private last = 0;
  private shown = false;
  private readonly enabled: boolean;

  constructor(private readonly stream: NodeJS.WriteStream = process.stderr) {
    this.enabled = Boolean(stream.isTTY);
  }

  update(render: () => string): void {
    if (!this.enabled) return;
    const now = performance.now();
    if (now - this.last < 250) return;
    this.last = now;
    this.shown = true;
    this.stream.write(`\r\x1b[2K${render()}`);
  }

  clear(): void {
    if (this.enabled && this.shown) this.stream.write('\r\x1b[2K');
    this.shown = false;
  }
}
