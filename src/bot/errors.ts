import { GrammyError, HttpError } from 'grammy';

export type BotErrorCode = 'TELEGRAM_REJECTED' | 'TELEGRAM_FORBIDDEN' | 'TELEGRAM_RATE_LIMITED' | 'TELEGRAM_UNREACHABLE' | 'INTERNAL';

/** One place that tells errors apart, so logs and metrics carry a code instead of a stack to read. */
export function classifyError(error: unknown): { code: BotErrorCode; method?: string; status?: number; message: string } {
  if (error instanceof GrammyError) {
    const code = error.error_code === 403 ? 'TELEGRAM_FORBIDDEN' : error.error_code === 429 ? 'TELEGRAM_RATE_LIMITED' : 'TELEGRAM_REJECTED';
    return { code, method: error.method, status: error.error_code, message: error.description };
  }
  if (error instanceof HttpError) return { code: 'TELEGRAM_UNREACHABLE', message: String((error.error as Error)?.message ?? error.message) };
  return { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) };
}
