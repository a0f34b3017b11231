/** Where a file output writes: a file (gzip-compressed when the name ends in `.gz`) or stdout for "-". */
import { createWriteStream, mkdirSync } from 'node:fs';
import path from 'node:path';
import { finished } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import type { Writable } from 'node:stream';
import { ConfigError } from '../errors.ts';

export class FileSink {
  private readonly stream: Writable;
  private readonly file: Writable | undefined;

  private constructor(stream: Writable, file: Writable | undefined) {
    this.stream = stream;
    this.file = file;
  }

  /** Opens the file before the test starts, so a bad path fails the run up front. */
  static async open(fileName: string, what: string): Promise<FileSink> {
    if (fileName === '-') return new FileSink(process.stdout, undefined);
    const target = path.resolve(fileName);
    try {
      mkdirSync(path.dirname(target), { recursive: true });
      const file = createWriteStream(target);
      await new Promise<void>((resolve, reject) => file.once('open', () => resolve()).once('error', reject));
      if (!fileName.endsWith('.gz')) return new FileSink(file, file);
      const gzip = createGzip();
      gzip.pipe(file);
      return new FileSink(gzip, file);
    } catch (err) {
      throw new ConfigError(`${what}: cannot write "${fileName}": ${(err as Error).message}; choose a writable path`, { cause: err });
    }
  }

  write(text: string): void {
    if (text !== '') this.stream.write(text);
  }

  async close(): Promise<void> {
    if (this.file === undefined) return;
    this.stream.end();
    await finished(this.file);
  }
}
