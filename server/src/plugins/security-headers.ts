/**
 * Security headers (helmet) with a Content-Security-Policy that allows exactly what the client
 * needs: its own origin, the LiveKit server (ws and http) and blob media.
 */
import fastifyHelmet from '@fastify/helmet';
import fp from 'fastify-plugin';

/** The `security-headers` plugin. */
export const securityHeadersPlugin = fp(
  async (app) => {
    const livekitHttp = app.livekit.url.replace(/^ws/, 'http');
    await app.register(fastifyHelmet, {
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          connectSrc: ["'self'", app.livekit.url, livekitHttp],
          mediaSrc: ["'self'", 'blob:'],
          imgSrc: ["'self'", 'data:', 'blob:'],
          styleSrc: ["'self'", "'unsafe-inline'"],
          scriptSrc: ["'self'"],
          workerSrc: ["'self'", 'blob:'],
          upgradeInsecureRequests: null,
        },
      },
      crossOriginEmbedderPolicy: false,
    });
  },
  { name: 'security-headers', dependencies: ['livekit'] },
);
