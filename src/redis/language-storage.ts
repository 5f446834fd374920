import { RedisAdapter } from '@grammyjs/storage-redis';
import type { StorageAdapter } from 'grammy';
import type { UserSession } from '../bot/context.ts';
import type { RedisLink } from './connection.ts';

/** Choices made while Redis was unreachable, kept in this process until it restarts (most recent last). */
const LOCAL_CHOICES_MAX = 10_000;

/**
 * Each user's /language choice in Redis (@grammyjs/storage-redis), shared by every replica. A choice expires after
 * `ttlDays` without an update from that user: the expiry is renewed when the choice is read (at every update of
 * theirs), as the SQLite store does with its last-seen day.
 * While Redis is unreachable, a read finds no choice (the answer is in the app's or the question's language) unless
 * this process saw the user choose during the outage; a choice made then is kept here, not in Redis. The link logs
 * the outage (sampled), so an outage is not one warning per update.
 */
export function redisLanguageStorage(link: RedisLink, ttlDays: number): StorageAdapter<UserSession> {
  const ttlSeconds = ttlDays * 86_400;
  const adapter = new RedisAdapter<UserSession>({ instance: link.client, ttl: ttlSeconds });
  const localChoices = new Map<string, UserSession>();
  const keyOf = (key: string) => `language:${key}`;
  return {
    async read(key) {
      try {
        const value = await adapter.read(keyOf(key));
        if (value !== undefined) link.client.expire(keyOf(key), ttlSeconds).catch((error: unknown) => link.failed(error));
        return value;
      } catch (error) {
        link.failed(error);
        return localChoices.get(key);
      }
    },
    async write(key, value) {
      try {
        await adapter.write(keyOf(key), value);
        localChoices.delete(key);
      } catch (error) {
        link.failed(error);
        localChoices.delete(key);
        localChoices.set(key, value);
        if (localChoices.size > LOCAL_CHOICES_MAX) localChoices.delete(localChoices.keys().next().value as string);
      }
    },
    async delete(key) {
      localChoices.delete(key);
      await adapter.delete(keyOf(key)).catch((error: unknown) => link.failed(error));
    },
  };
}
