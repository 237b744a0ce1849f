/**
 * A growable list of 32-bit integers for the build of the ruleset matcher. Contract: push/at/set as on an array
 * (at and set within [0, length)); `array()` copies the contents into an exact-size Int32Array.
 * Why: a JavaScript array grown to tens of thousands of numbers is allocated (and reallocated, at each doubling)
 * in V8's large-object space, which counts against the old generation and so brings a full collection sooner;
 * a typed array's contents live outside the JavaScript heap.
 */
export class IntBuffer {
  private data: Int32Array;
  length = 0;

  constructor(capacity = 64) {
    this.data = new Int32Array(Math.max(1, capacity));
  }

  push(value: number): number {
    if (this.length === this.data.length) {
      const grown = new Int32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length] = value;
    return this.length++;
  }

  at(index: number): number {
    return this.data[index] as number;
  }

  set(index: number, value: number): void {
    this.data[index] = value;
  }

  /** The contents, as an exact-size copy. */
  array(): Int32Array {
    return this.data.slice(0, this.length);
  }
}
