/**
 * Serves the built client: static files, and the app shell for any other GET outside /api so
 * client-side routes survive a reload. Unknown /api paths answer the usual JSON 404.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import fp from 'fastify-plugin';

const defaultClientDist = resolve(dirname(fileURLToPath(import.meta.url)), '../../../client/dist');

/** The `client-shell` plugin. */
export const clientShellPlugin = fp(
  async (app) => {
    const dist = app.config.clientDist ?? defaultClientDist;
    if (existsSync(join(dist, 'index.html'))) {
      await app.register(fastifyStatic, { root: dist, wildcard: false });
      app.setNotFoundHandler((req, reply) => {
        if (req.method === 'GET' && !req.url.startsWith('/api/')) return reply.sendFile('index.html');
        return reply.code(404).send({ error: { code: 'not_found', message: 'Not found' } });
      });
    } else {
      app.setNotFoundHandler((_req, reply) =>
        reply.code(404).send({
          error: { code: 'not_found', message: 'Not found (client not built: npm run build -w client)' },
        }),
      );
    }
  },
  { name: 'client-shell', dependencies: ['config'] },
);
