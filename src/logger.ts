import pino, { type Logger } from 'pino';

export type { Logger };

/**
 * JSON logs on stderr (stdout stays free for the console mode and the CLI). The bot token is redacted
 * wherever it could appear: config fields, and any string that contains it (URLs of failed requests).
 */
export function createLogger(level: string, secrets: Array<string | undefined> = [], destination: pino.DestinationStream = pino.destination({ dest: 2, sync: true })): Logger {
  const hidden = secrets.filter((s): s is string => typeof s === 'string' && s.length > 0);
  return pino(
    {
      level,
      base: undefined,
      redact: { paths: ['token', 'botToken', 'config.botToken', '*.token', 'secret', 'config.webhook.secret'], censor: '[redacted]' },
      hooks: {
        streamWrite: (line) => hidden.reduce((out, secret) => out.split(secret).join('[redacted]'), line),
      },
    },
    destination,
  );
}

const LEVEL_ORDER = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;

/** The more severe of two pino levels: the console mode logs at `warn` at least, whatever LOG_LEVEL says. */
export function atLeast(level: string, floor: (typeof LEVEL_ORDER)[number]): string {
  const index = LEVEL_ORDER.indexOf(level as (typeof LEVEL_ORDER)[number]);
  return index >= LEVEL_ORDER.indexOf(floor) ? level : floor;
}

/**
 * For people at a terminal (the console mode): each log line as `warning: message (key=value, ...)` instead of JSON.
 */
export function plainTextDestination(write: (text: string) => void = (text) => process.stderr.write(text)): pino.DestinationStream {
  const labels: Record<number, string> = { 10: 'trace', 20: 'debug', 30: 'info', 40: 'warning', 50: 'error', 60: 'fatal' };
  return {
    write(line: string) {
      let record: Record<string, unknown>;
      try {
        record = JSON.parse(line) as Record<string, unknown>;
      } catch {
        write(line.endsWith('\n') ? line : `${line}\n`);
        return;
      }
      const { level, time: _time, msg, ...fields } = record;
      const extra = Object.entries(fields).map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`);
      write(`${labels[Number(level)] ?? 'log'}: ${String(msg ?? '')}${extra.length > 0 ? ` (${extra.join(', ')})` : ''}\n`);
    },
  };
}
