import type { Writable } from 'node:stream';

/** Writes a chunk and waits for 'drain' when the stream's buffer is full (bounded memory). */
export async function writeChunk(
  out: Writable,
  chunk: string | Buffer,
): Promise<void> {
  if (!out.write(chunk)) await drained(out);
}

/** Resolves once the stream has drained (or at once when it has room). */
export function drained(out: Writable): Promise<void> {
  if (!out.writableNeedDrain) return Promise.resolve();
  return new Promise<void>((resolve, reject) => {
    const done = () => {
      out.off('drain', done);
      out.off('close', done);
      out.off('error', fail);
      resolve();
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
