import { randomUUID } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { FileAdapter } from '@grammyjs/storage-file';
import type { StorageAdapter } from 'grammy';
import type { Logger } from '../logger.ts';
import type { UserSession } from './context.ts';
import { isLang } from './i18n.ts';

const REMEMBERED_USERS = 10_000;

/** One small JSON file per user under `dir` (@grammyjs/storage-file's layout); enough for one machine. */
export function fileSessionStorage(dir: string): StorageAdapter<UserSession> {
  return new AtomicFileAdapter<UserSession>(dir);
}

/**
 * @grammyjs/storage-file writes a session file in place, so a crash (or two writes at once) can leave half a file.
 * Here a write goes to a temporary file that is then renamed over the old one: readers see the old choice or the
 * new one, never a mix.
 * The session is read for every update from a user, group chatter included; this process is the only writer, so
 * what was read is remembered (bounded) and a user's file is read again only after a write.
 */
class AtomicFileAdapter<T> extends FileAdapter<T> {
  private readonly remembered = new Map<string, string | undefined>();
  /** Counts writes and deletes, so a read that overlapped one does not remember the value it saw before it. */
  private changes = 0;

  constructor(private readonly dir: string) {
    super({ dirName: dir });
  }

  override async read(key: string): Promise<T | undefined> {
    if (this.remembered.has(key)) {
      const json = this.remembered.get(key);
      return json === undefined ? undefined : (JSON.parse(json) as T); // a copy: callers may change what they get
    }
    const changesBefore = this.changes;
    const value = await super.read(key);
    if (changesBefore !== this.changes) return value;
    if (this.remembered.size >= REMEMBERED_USERS) this.remembered.delete(this.remembered.keys().next().value!);
    this.remembered.set(key, value === undefined ? undefined : JSON.stringify(value));
    return value;
  }

  override async delete(key: string): Promise<void> {
    this.forget(key);
    await super.delete(key);
  }

  private forget(key: string): void {
    this.changes += 1;
    this.remembered.delete(key);
  }

  override async write(key: string, value: T): Promise<void> {
    this.forget(key);
    const path = resolve(this.dir, key.slice(-2), `${key}.json`); // FileAdapter's own layout, so its read() finds it
    await mkdir(dirname(path), { recursive: true });
    const temporary = `${path}.${process.pid}-${randomUUID()}.tmp`;
    try {
      await writeFile(temporary, this.serializer(value), 'utf8');
      await rename(temporary, path);
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
  }
}

/**
 * The storage as the session middleware sees it. grammY writes a session back after every update that read it;
 * here only a real change reaches the storage (a /language choice), so ordinary updates cost one read and no write,
 * and a concurrent update of the same user cannot put back the value it read before the change.
 * A failing read is logged and treated as "no choice" (the update is still answered, in the app's language), and
 * then nothing is written or deleted for that update, so an unreadable entry is not overwritten by accident.
 * A failing write is logged; the reply has been sent by then.
 */
export function guardedStorage(storage: StorageAdapter<UserSession>, logger: Logger): StorageAdapter<UserSession | undefined> {
  // What each session object held when it was read, to tell a change from the write-back of an unchanged value.
  const asRead = new WeakMap<object, string>();
  return {
    async read(key) {
      let value: unknown;
      try {
        value = await storage.read(key);
      } catch (error) {
        logger.warn({ user_id: key, err: String(error) }, 'cannot read the language choice; using the app language');
        return undefined;
      }
      if (value === undefined) return undefined;
      if (typeof value !== 'object' || value === null || ('language' in value && !isLang(value.language))) {
        logger.warn({ user_id: key }, 'ignoring a malformed language choice');
        return undefined;
      }
      const session = value as UserSession;
      asRead.set(session, JSON.stringify(session));
      return session;
    },
    async write(key, value) {
      if (value === undefined || asRead.get(value) === JSON.stringify(value)) return;
      try {
        await storage.write(key, value);
      } catch (error) {
        logger.error({ user_id: key, err: String(error) }, 'cannot save the language choice');
      }
    },
    // grammY deletes after every update whose session stayed empty (and after a failed read). Nothing in the bot
    // clears a choice (a new choice is a write), so these calls are dropped instead of costing a file operation.
    async delete() {},
  };
}
