import { chmodSync, closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import type { StorageAdapter } from 'grammy';
import type { Logger } from '../logger.ts';
import type { UserSession } from './context.ts';
import { isLang } from './i18n.ts';

const DAY_MS = 86_400_000;
const PRUNE_EVERY_MS = 6 * 3_600_000;

export interface SqliteStorageOptions {
  /** Choices of users not seen for this many days are deleted (at open, then every 6 hours). */
  ttlDays: number;
  /** The old layout (one JSON file per user, @grammyjs/storage-file): its choices are moved in, then it is removed. */
  legacyDir?: string;
  logger?: Logger;
  /** The clock (tests). */
  now?: () => number;
}

/**
 * Every user's /language choice in one SQLite file (better-sqlite3): one row per user who made a choice, with the
 * day the user was last seen, so the choices of people gone for `ttlDays` are pruned. Readable by the owner only.
 * Reads are point lookups by primary key (microseconds, synchronous); the last-seen day is written at most once a
 * day per user, so group chatter costs no writes. Several processes may share the file (WAL, busy timeout).
 */
export class SqliteSessionStorage implements StorageAdapter<UserSession> {
  private readonly db: Database.Database;
  private readonly now: () => number;
  private readonly ttlMs: number;
  private readonly timer: NodeJS.Timeout;
  private readonly statements: {
    get: Database.Statement<[string], { value: string; seen: number }>;
    touch: Database.Statement<[number, string]>;
    put: Database.Statement<[string, string, number]>;
    insertIfNew: Database.Statement<[string, string, number]>;
    remove: Database.Statement<[string]>;
    prune: Database.Statement<[number]>;
    count: Database.Statement<[], { n: number }>;
  };

  constructor(
    readonly file: string,
    private readonly options: SqliteStorageOptions,
  ) {
    this.now = options.now ?? Date.now;
    this.ttlMs = options.ttlDays * DAY_MS;
    if (file !== ':memory:') {
      mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
      closeSync(openSync(file, 'a', 0o600)); // SQLite gives its -wal and -shm files the database's mode
      chmodSync(file, 0o600);
    }
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec('CREATE TABLE IF NOT EXISTS user_session (key TEXT PRIMARY KEY, value TEXT NOT NULL, seen INTEGER NOT NULL) WITHOUT ROWID');
    this.db.exec('CREATE INDEX IF NOT EXISTS user_session_seen ON user_session (seen)');
    this.statements = {
      get: this.db.prepare('SELECT value, seen FROM user_session WHERE key = ?'),
      touch: this.db.prepare('UPDATE user_session SET seen = ? WHERE key = ?'),
      put: this.db.prepare('INSERT INTO user_session (key, value, seen) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value, seen = excluded.seen'),
      insertIfNew: this.db.prepare('INSERT OR IGNORE INTO user_session (key, value, seen) VALUES (?, ?, ?)'),
      remove: this.db.prepare('DELETE FROM user_session WHERE key = ?'),
      prune: this.db.prepare('DELETE FROM user_session WHERE seen < ?'),
      count: this.db.prepare('SELECT count(*) AS n FROM user_session'),
    };
    if (options.legacyDir) this.migrate(options.legacyDir);
    this.prune();
    this.timer = setInterval(() => this.prune(), PRUNE_EVERY_MS);
    this.timer.unref();
  }

  read(key: string): UserSession | undefined {
    const row = this.statements.get.get(key);
    if (!row) return undefined;
    const now = this.now();
    if (now - row.seen >= DAY_MS) this.statements.touch.run(now, key);
    return JSON.parse(row.value) as UserSession;
  }

  write(key: string, value: UserSession): void {
    this.statements.put.run(key, JSON.stringify(value), this.now());
  }

  delete(key: string): void {
    this.statements.remove.run(key);
  }

  /** Deletes the choices of users not seen for ttlDays; returns how many. */
  prune(): number {
    const removed = this.statements.prune.run(this.now() - this.ttlMs).changes;
    if (removed > 0) this.options.logger?.info({ removed, ttl_days: this.options.ttlDays }, 'deleted the language choices of users not seen for a long time');
    return removed;
  }

  get size(): number {
    return this.statements.count.get()?.n ?? 0;
  }

  close(): void {
    clearInterval(this.timer);
    if (this.db.open) this.db.close();
  }

  /** Moves the choices kept one file per user (`<dir>/<last 2 digits>/<key>.json`) in, then removes that folder. */
  private migrate(dir: string): void {
    if (!existsSync(dir)) return;
    let moved = 0;
    const insert = this.db.transaction((entries: Array<[string, string, number]>) => {
      for (const entry of entries) moved += this.statements.insertIfNew.run(...entry).changes;
    });
    const entries: Array<[string, string, number]> = [];
    for (const name of readdirSync(dir, { recursive: true })) {
      const path = join(dir, String(name));
      const match = /^(.+)\.json$/.exec(String(name).split(/[\\/]/).at(-1) ?? '');
      if (!match?.[1]) continue; // temporary files a crash left are dropped with the folder
      try {
        const value = JSON.parse(readFileSync(path, 'utf8')) as { language?: unknown };
        if (!isLang(value.language)) continue;
        entries.push([match[1], JSON.stringify({ language: value.language }), statSync(path).mtimeMs]);
      } catch {
        // unreadable or half-written: it counted as no choice before, too
      }
    }
    insert(entries);
    rmSync(dir, { recursive: true, force: true });
    this.options.logger?.info({ moved, from: dir, to: this.file }, 'moved the language choices from one file per user into one database');
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
