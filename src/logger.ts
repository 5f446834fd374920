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
