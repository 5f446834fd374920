/**
 * Which message answered which question: (chat id, question message id) → the bot's answer message id, so an edited
 * question can have its answer edited in place. Bounded: the least recently used entries go first. In memory only:
 * after a restart (or on another replica) an edited question gets a fresh answer instead of an edit.
 */
export class AnswerMemory {
  private readonly entries = new Map<string, number>();

  constructor(readonly capacity = 10_000) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new Error(`AnswerMemory capacity must be a positive integer, not ${capacity}`);
  }

  get size(): number {
    return this.entries.size;
  }

  remember(chatId: number, questionId: number, answerId: number): void {
    const key = `${chatId}:${questionId}`;
    this.entries.delete(key);
    this.entries.set(key, answerId);
    if (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
  }

  /** The answer's message id, if this question was answered (and is still remembered); marks it recently used. */
  answerTo(chatId: number, questionId: number): number | undefined {
    const key = `${chatId}:${questionId}`;
    const answerId = this.entries.get(key);
    if (answerId !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, answerId);
    }
    return answerId;
  }

  forget(chatId: number, questionId: number): void {
    this.entries.delete(`${chatId}:${questionId}`);
  }
}
