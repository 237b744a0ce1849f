/**
 * The bytes of an events file as a stream of Buffers, gunzipped when the file starts with the gzip magic bytes
 * 1f 8b (whatever its name says). Opening problems come back as a value; read and decompression errors (a
 * truncated or corrupt gzip stream, EISDIR…) surface as the rejection of `next()`, which the reader turns into
 * one IO_ERROR record. `close()` releases the file whether or not the stream was read to the end.
 */
import { open, type FileHandle } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';

const CHUNK_BYTES = 256 * 1024;

export interface ByteSource {
  readonly chunks: AsyncIterator<Buffer>;
  readonly gzip: boolean;
  close(): void;
}

export type OpenResult = { readonly ok: true; readonly source: ByteSource } | { readonly ok: false; readonly message: string };

export function describeIoError(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code && !error.message.startsWith(code) ? `${code}: ${error.message}` : error.message;
  }
  return String(error);
}

async function startsWithGzipMagic(handle: FileHandle): Promise<boolean> {
  const head = Buffer.alloc(2);
  const { bytesRead } = await handle.read(head, 0, 2, 0);
  return bytesRead === 2 && head[0] === 0x1f && head[1] === 0x8b;
}

function gunzipped(file: Readable): Readable {
  const gunzip = createGunzip({ chunkSize: 64 * 1024 });
  file.on('error', (error) => gunzip.destroy(error));
  return file.pipe(gunzip);
}

export async function openByteSource(path: string): Promise<OpenResult> {
  let handle: FileHandle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    return { ok: false, message: describeIoError(error) };
  }
  let gzip: boolean;
  try {
    gzip = await startsWithGzipMagic(handle);
  } catch (error) {
    await handle.close().catch(() => undefined);
    return { ok: false, message: describeIoError(error) };
  }
  const file = handle.createReadStream({ start: 0, highWaterMark: CHUNK_BYTES });
  const stream = gzip ? gunzipped(file) : file;
  return {
    ok: true,
    source: {
      chunks: stream[Symbol.asyncIterator]() as AsyncIterator<Buffer>,
      gzip,
      close: () => {
        stream.destroy();
        file.destroy();
      },
    },
  };
}
