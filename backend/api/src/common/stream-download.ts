import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/**
 * Streams chunks into an HTTP response with backpressure. When the client disconnects, the
 * pipeline destroys the source, which returns the generator behind it (its `finally` runs and no
 * further page is read); a bare `write()` + `'drain'` loop waited for a drain that never came.
 * Resolves when the download completed or the client went away; rethrows a failure of the source
 * (the response is then cut off, so the client sees an incomplete download, not a short file).
 */
export async function streamDownload(
  out: Writable,
  chunks: AsyncIterable<string | Buffer>,
): Promise<void> {
  try {
    await pipeline(Readable.from(chunks), out);
  } catch (error) {
    if (isPrematureClose(error)) return;
    throw error;
  }
}

function isPrematureClose(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    'code' in error &&
    error.code === 'ERR_STREAM_PREMATURE_CLOSE'
  );
}
