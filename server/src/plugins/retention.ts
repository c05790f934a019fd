/** Retention: feedback cards older than the configured number of days go at start, then daily. */
import fp from 'fastify-plugin';
import { purgeCardsOlderThan } from '../db/feedback-cards.ts';
import { loggableError } from '../errors.ts';

const DAY_MS = 24 * 3600_000;

/** The `retention` plugin. */
export const retentionPlugin = fp(
  async (app) => {
    const purge = () =>
      purgeCardsOlderThan(app.db, app.config.feedbackRetentionDays)
        .then((n) => n && app.log.info({ deleted: n }, 'feedback cards past retention deleted'))
        .catch((err) => app.log.error({ err: loggableError(err) }, 'retention purge failed'));
    const timer = setInterval(purge, DAY_MS);
    timer.unref();
    app.addHook('onReady', async () => void purge());
    app.addHook('onClose', async () => clearInterval(timer));
  },
  { name: 'retention', dependencies: ['config', 'db'] },
);
