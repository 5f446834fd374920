import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** What an operator watches: traffic by update type, answered vs "not in my sources", Bot API errors, retrieval speed. */
export interface Metrics {
  registry: Registry;
  updates: Counter<'type'>;
  answers: Counter<'outcome' | 'place'>;
  apiErrors: Counter<'method' | 'code'>;
  rateLimited: Counter;
  /** Webhook requests refused for a wrong or missing secret (their log lines are sampled; this counts every one). */
  webhookRefused: Counter;
  retrievalSeconds: Histogram;
}

export function createMetrics(options: { processMetrics?: boolean } = {}): Metrics {
  const registry = new Registry();
  if (options.processMetrics) collectDefaultMetrics({ register: registry });
  return {
    registry,
    updates: new Counter({ name: 'bot_updates_total', help: 'Updates received, by type', labelNames: ['type'], registers: [registry] }),
    answers: new Counter({
      name: 'bot_answers_total',
      help: 'Questions answered with excerpts (answered) or with "not in my sources" (abstained), by place',
      labelNames: ['outcome', 'place'],
      registers: [registry],
    }),
    apiErrors: new Counter({ name: 'bot_api_errors_total', help: 'Bot API calls that failed after retries, by method and error code', labelNames: ['method', 'code'], registers: [registry] }),
    rateLimited: new Counter({ name: 'bot_rate_limited_total', help: 'Questions dropped by the per-user rate limit', registers: [registry] }),
    webhookRefused: new Counter({ name: 'bot_webhook_refused_total', help: 'Webhook requests refused for a wrong or missing secret token', registers: [registry] }),
    retrievalSeconds: new Histogram({
      name: 'bot_retrieval_seconds',
      help: 'Time to search the corpus for one question',
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25],
      registers: [registry],
    }),
  };
}
