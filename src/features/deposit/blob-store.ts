import { createHash, randomUUID, type Hash } from 'node:crypto';
import { constants, createReadStream, type ReadStream } from 'node:fs';
import { access, mkdir, open, readdir, rename, rm, stat, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';

/** Deposits hold lists of NIRs: only the server's own user may read them. */
const privateFile = 0o600;

/**
 * Raw deposits on disk, addressed by their SHA-256 (`ab/cd/abcd…`), never modified. A file is
 * written to `tmp/`, flushed to disk, then renamed into place, so a crash leaves either nothing
 * or a complete file; a leftover temporary file is only garbage (see {@link cleanTemporary}).
 * Temporary files are named after the process writing them (`<pid>.<uuid>.part`), so that the
 * next start removes those of a process that died at once, without touching a living one's.
 */
export class BlobStore {
  constructor(readonly root: string) {}

  path(sha256: string): string {
    return join(this.root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  async begin(): Promise<BlobWriter> {
    const dir = join(this.root, 'tmp');
    await mkdir(dir, { recursive: true });
    const path = join(dir, `${process.pid}.${randomUUID()}.part`);
    return new BlobWriter(this, path, await open(path, 'wx', privateFile));
  }

  /** Whether new files can be written (the folder exists or can be made, and takes writes). */
  async writable(): Promise<boolean> {
    const dir = join(this.root, 'tmp');
    return mkdir(dir, { recursive: true })
      .then(() => access(dir, constants.W_OK))
      .then(
        () => true,
        () => false,
      );
  }

  async has(sha256: string): Promise<boolean> {
    return stat(this.path(sha256)).then(
      () => true,
      () => false,
    );
  }

  /** Removes stored bytes (a rejected deposit past its retention); none there is no error. */
  async remove(sha256: string): Promise<void> {
    await rm(this.path(sha256), { force: true });
  }

  read(sha256: string): ReadStream {
    return createReadStream(this.path(sha256));
  }

  /**
   * Removes the temporary files left by a process that died while receiving (its pid is gone from
   * this machine), and any older than `age` ms (another machine's, or an older naming).
   */
  async cleanTemporary(age = 60 * 60 * 1000): Promise<number> {
    const dir = join(this.root, 'tmp');
    const names = await readdir(dir).catch(() => [] as string[]);
    let removed = 0;
    for (const name of names) {
      const path = join(dir, name);
      const info = await stat(path).catch(() => null);
      if (info && (writerIsGone(name) || Date.now() - info.mtimeMs > age)) {
        await rm(path, { force: true });
        removed++;
      }
    }
    return removed;
  }
}

/** Whether the process named by a temporary file's `<pid>.` prefix no longer runs here. */
function writerIsGone(name: string): boolean {
  const pid = Number(/^(\d+)\./.exec(name)?.[1]);
  if (!Number.isSafeInteger(pid) || pid <= 0) return false;
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

export class BlobWriter {
  private readonly hash: Hash = createHash('sha256');
  private sha256: string | null = null;
  size = 0;
  private closed = false;

  constructor(
    private readonly store: BlobStore,
    private readonly tempPath: string,
    private readonly file: FileHandle,
  ) {}

  async write(chunk: Uint8Array): Promise<void> {
    this.hash.update(chunk);
    this.size += chunk.length;
    let offset = 0;
    while (offset < chunk.length) {
      const { bytesWritten } = await this.file.write(chunk, offset, chunk.length - offset);
      offset += bytesWritten;
    }
  }

  /** The SHA-256 of everything written; no write may follow. */
  digest(): string {
    this.sha256 ??= this.hash.digest('hex');
    return this.sha256;
  }

  /** The bytes written so far, read back from the temporary file. */
  readBack(): ReadStream {
    return createReadStream(this.tempPath, { highWaterMark: 1 << 20 });
  }

  /** Makes the bytes durable under their address; identical content already there is kept as is. */
  async commit(sha256: string): Promise<string> {
    const target = this.store.path(sha256);
    if (await this.store.has(sha256)) {
      // Same address, same bytes: the stored file is never rewritten.
      await this.abort();
      return target;
    }
    await this.file.sync();
    await this.close();
    const dir = join(target, '..');
    await mkdir(dir, { recursive: true });
    await rename(this.tempPath, target);
    // The rename itself must survive a power cut: flush the directory entry too.
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
    return target;
  }

  async abort(): Promise<void> {
    await this.close();
    await rm(this.tempPath, { force: true });
  }

  private async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.file.close();
  }
}
