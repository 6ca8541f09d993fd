/**
 * Node-side byte sources (streamed, or read synchronously piece by piece) and text writers (a back-pressured
 * stream, a synchronous file) for the CLI.
 */
import {
  closeSync,
  createReadStream,
  createWriteStream,
  openSync,
  readSync,
  statSync,
  writeSync,
} from 'node:fs';
import { once } from 'node:events';
import type { Writable } from 'node:stream';

/** The file as a byte source, read `chunkBytes` at a time (default 1 MB). */
export function openFile(path: string, chunkBytes = 1 << 20): () => AsyncIterable<Uint8Array> {
  return () => createReadStream(path, { highWaterMark: chunkBytes });
}

/**
 * The file as a byte source read synchronously, `chunkBytes` at a time ({@link FilePieces}), for a reader that
 * takes only its start (the mains probe): each read of a stream is a round trip through libuv's pool and the
 * event loop, which at `analyze`'s start, with both cores busy, made the probe's half minute of CSV ≈ 10 ms slower.
 */
export function openFileSync(path: string, chunkBytes: number): () => AsyncIterable<Uint8Array> {
  return async function* () {
    const pieces = new FilePieces(path, chunkBytes);
    try {
      for (let bytes = pieces.next(); bytes !== null; bytes = pieces.next()) yield bytes;
    } finally {
      pieces.close();
    }
  };
}

/**
 * Reads `file` synchronously from its start, `readBytes` at a time, handing each piece to `onBytes`: a worker has
 * nothing else to do while it reads.
 */
export function readInPieces(file: string, readBytes: number, onBytes: (bytes: Uint8Array) => void): void {
  const pieces = new FilePieces(file, readBytes);
  try {
    for (let bytes = pieces.next(); bytes !== null; bytes = pieces.next()) onBytes(bytes);
  } finally {
    pieces.close();
  }
}

/**
 * `file` read synchronously from its start, one piece of at most `readBytes` per {@link next}, for a reader that
 * pulls as it needs. Every piece is read into the same buffer, so a piece is valid only until the next call: the
 * readers copy what they keep (a row or record cut by the read, into their carry buffers). A fresh 1 MB buffer per
 * read cost the parsing worker ≈ 10–35 ms an hour of CSV in page faults, as the kernel touched new memory.
 */
export class FilePieces {
  private fd: number | null;
  private buffer: Buffer | null = null;

  constructor(
    file: string,
    private readonly readBytes: number,
  ) {
    this.fd = openSync(file, 'r');
  }

  /** The next piece; null at the end of the file, which is then closed. */
  next(): Uint8Array | null {
    if (this.fd === null) return null;
    // Not zeroed: only the `n` bytes read are ever handed on.
    const bytes = (this.buffer ??= Buffer.allocUnsafeSlow(this.readBytes));
    const n = readSync(this.fd, bytes, 0, bytes.length, null);
    if (n === 0) {
      this.close();
      return null;
    }
    return n === bytes.length ? bytes : bytes.subarray(0, n);
  }

  close(): void {
    if (this.fd === null) return;
    const fd = this.fd;
    this.fd = null;
    closeSync(fd);
  }
}

/** A clear one-line reason why `path` cannot be read as a recording, or null when it can. */
export function unreadableReason(path: string): string | null {
  try {
    const st = statSync(path);
    if (st.isDirectory()) return 'is a directory, expected a recording file';
    return null;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return 'no such file';
    if (code === 'EACCES') return 'permission denied';
    return `cannot be read (${code ?? String(err)})`;
  }
}

const FLUSH_AT = 1 << 16;

/** Collects text (or ASCII/UTF-8 bytes) and writes it in 64 KB pieces, waiting for the stream to drain. */
export class TextSink {
  private buffer = '';
  /** Bytes written after `buffer`'s text. */
  private bytes: Uint8Array[] = [];
  private byteCount = 0;
  private failure: Error | null = null;
  constructor(
    private readonly out: Writable,
    private readonly name: string,
  ) {
    out.on('error', (err: Error) => (this.failure = err));
  }

  /** Waits for `event`; `once` rejects when the stream errors instead, which is recorded for `check()`. */
  private async settle(event: string): Promise<void> {
    await once(this.out, event).catch((err: Error) => {
      this.failure ??= err;
    });
  }

  private check(): void {
    if (!this.failure) return;
    // A reader that stops early (`| head`) closes the pipe: that ends the output, it is not an error.
    if ((this.failure as NodeJS.ErrnoException).code === 'EPIPE') throw new OutputClosed();
    throw new CliError(`${this.name}: cannot write (${this.failure.message})`);
  }

  write(text: string | Uint8Array): Promise<void> | void {
    this.check();
    if (typeof text === 'string' && this.bytes.length === 0) {
      this.buffer += text;
    } else {
      // Once bytes are waiting, text joins them as bytes, so the order written is kept.
      const piece = typeof text === 'string' ? Buffer.from(text) : text;
      this.bytes.push(piece);
      this.byteCount += piece.length;
    }
    if (this.buffer.length + this.byteCount >= FLUSH_AT) return this.flush();
  }

  async flush(): Promise<void> {
    if (this.buffer.length === 0 && this.byteCount === 0) return;
    const text = this.buffer;
    const bytes = this.bytes;
    this.buffer = '';
    this.bytes = [];
    this.byteCount = 0;
    let ready = true;
    if (text.length > 0) ready = this.out.write(text);
    for (const piece of bytes) ready = this.out.write(piece) && ready;
    if (!ready) await this.settle('drain');
    this.check();
  }

  async close(): Promise<void> {
    await this.flush();
    if (this.out !== process.stdout && this.out !== process.stderr) {
      this.out.end();
      if (!this.failure) await this.settle('finish');
    }
    this.check();
  }
}

/** What `analyze` writes its rows to. */
export interface OutputSink {
  write(text: string | Uint8Array): Promise<void> | void;
  close(): Promise<void>;
}

/**
 * Standard output, or the file at `path`: a regular file (or a new one) through {@link FileSink}, anything else
 * (a pipe or device named by path) as a stream.
 */
export function outputSink(path: string | undefined): OutputSink {
  if (path === undefined) return new TextSink(process.stdout, 'standard output');
  return rewritable(path) ? new FileSink(path) : new TextSink(createWriteStream(path), path);
}

/**
 * Whether `path` is a regular file, or one that does not exist yet: a file `analyze` can write synchronously, and
 * write again from its start if pass 2 must run twice (head-scan.ts). Not standard output, a pipe or a device.
 */
export function rewritable(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ENOENT';
  }
}

/**
 * Text (or bytes) to a regular file, written synchronously once 64 KB have gathered. Why not a stream: each
 * asynchronous write wakes a thread of libuv's pool, and with both cores busy (`analyze` parses in a worker) that
 * cost the writing thread ≈ 150–200 µs a write, ≈ 20 ms for an hour's rows; a synchronous write of 64 KB to the
 * page cache costs ≈ 45 µs. Errors (a directory, no permission, a full disk) are reported as the stream's are.
 */
export class FileSink implements OutputSink {
  private fd: number | null = null;
  private pieces: Uint8Array[] = [];
  private byteCount = 0;

  constructor(private readonly path: string) {
    try {
      this.fd = openSync(path, 'w');
    } catch (err) {
      throw this.failed(err);
    }
  }

  write(text: string | Uint8Array): void {
    // Bytes taken after a close or a failed write would never reach the file: say so instead.
    if (this.fd === null) throw this.closedError();
    const piece = typeof text === 'string' ? Buffer.from(text) : text;
    this.pieces.push(piece);
    this.byteCount += piece.length;
    if (this.byteCount >= FLUSH_AT) this.flush();
  }

  /** Writes what is left and closes the file; once closed (or failed), does nothing. */
  async close(): Promise<void> {
    if (this.fd === null) return;
    this.flush();
    const fd = this.fd;
    this.fd = null;
    try {
      closeSync(fd);
    } catch (err) {
      throw this.failed(err);
    }
  }

  private flush(): void {
    const fd = this.fd;
    if (fd === null) throw this.closedError();
    const pieces = this.pieces;
    this.pieces = [];
    this.byteCount = 0;
    try {
      for (const piece of pieces) {
        for (let at = 0; at < piece.length;) at += writeSync(fd, piece, at, piece.length - at);
      }
    } catch (err) {
      this.fd = null;
      try {
        closeSync(fd);
      } catch (closing) {
        throw this.failed(err, closing);
      }
      throw this.failed(err);
    }
  }

  private closedError(): CliError {
    return new CliError(`${this.path}: cannot write (the file is closed)`);
  }

  private failed(err: unknown, closing?: unknown): CliError {
    const also = closing === undefined ? '' : `; closing it failed too: ${(closing as Error).message}`;
    return new CliError(`${this.path}: cannot write (${(err as Error).message}${also})`);
  }
}

/** An error whose message is the whole story for the user: printed as `neurosleep: <message>`, exit 2. */
export class CliError extends Error {}

/** The reader of standard output went away; the CLI stops quietly with status 0. */
export class OutputClosed extends Error {}
