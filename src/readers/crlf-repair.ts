/**
 * Undoes a text-mode transfer of a binary file (git autocrlf, FTP ASCII mode), which writes CR before every LF.
 * Such a file has no LF without a CR before it; random binary data has one every few hundred bytes. Removing
 * the CR before each LF restores the original bytes exactly, even where the original held CR LF itself.
 */
const CR = 0x0d;
const LF = 0x0a;

/** Counts LF bytes and those preceded by CR, across pushes. */
export class CrlfCounter {
  lf = 0;
  crlf = 0;
  private lastWasCr = false;

  push(bytes: Uint8Array): void {
    let prevCr = this.lastWasCr;
    for (let i = 0; i < bytes.length; i++) {
      const b = bytes[i] as number;
      if (b === LF) {
        this.lf++;
        if (prevCr) this.crlf++;
      }
      prevCr = b === CR;
    }
    this.lastWasCr = prevCr;
  }

  /** True while every LF seen had a CR before it (and there was at least one). */
  get mangled(): boolean {
    return this.lf > 0 && this.crlf === this.lf;
  }
}

/** Streams bytes with the CR of each CR LF pair removed; a CR ending one push waits for the next. */
export class CrlfRepair {
  removed = 0;
  private heldCr = false;

  push(bytes: Uint8Array): Uint8Array {
    const out = new Uint8Array(bytes.length + 1);
    let n = 0;
    let i = 0;
    if (this.heldCr) {
      this.heldCr = false;
      if (bytes[0] === LF) this.removed++;
      else out[n++] = CR;
    }
    for (; i < bytes.length; i++) {
      const b = bytes[i] as number;
      if (b === CR) {
        if (i + 1 === bytes.length) {
          this.heldCr = true;
          continue;
        }
        if (bytes[i + 1] === LF) {
          this.removed++;
          continue;
        }
      }
      out[n++] = b;
    }
    return out.subarray(0, n);
  }

  /** The CR held back at the very end of the file, if any. */
  end(): Uint8Array {
    if (!this.heldCr) return new Uint8Array(0);
    this.heldCr = false;
    return Uint8Array.of(CR);
  }
}
