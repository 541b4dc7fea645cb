import type { Writable } from 'node:stream';

/** The reader went away (client aborted the download, file stream failed): stop producing. */
export class OutputClosedError extends Error {
  constructor() {
    super('The output stream was closed before the report was complete');
    this.name = 'OutputClosedError';
  }
}

/** Writes a chunk and waits for 'drain' when the stream's buffer is full (bounded memory). */
export async function writeChunk(
  out: Writable,
  chunk: string | Buffer,
): Promise<void> {
  if (out.destroyed) throw new OutputClosedError();
  if (!out.write(chunk)) await drained(out);
}

/**
 * Resolves once the stream has drained (or at once when it has room); rejects with
 * {@link OutputClosedError} when it was destroyed, so an aborted download stops reading rows.
 */
export function drained(out: Writable): Promise<void> {
  if (out.destroyed) return Promise.reject(new OutputClosedError());
  if (!out.writableNeedDrain) return Promise.resolve();
  return new Promise<void>((resolve, reject) => {
    const done = () => {
      out.off('drain', done);
      out.off('close', done);
      out.off('error', fail);
      if (out.destroyed && out.writableNeedDrain)
        reject(new OutputClosedError());
      else resolve();
    };
    const fail = (error: Error) => {
      out.off('drain', done);
      out.off('close', done);
      reject(error);
    };
    out.once('drain', done);
    out.once('close', done);
    out.once('error', fail);
  });
}

/** Ends the stream and waits until everything is flushed. */
export function endStream(out: Writable): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    out.once('error', reject);
    out.end(() => resolve());
  });
}
