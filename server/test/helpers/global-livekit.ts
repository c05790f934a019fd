/** Starts one real LiveKit server for the whole server test run and hands its credentials to tests. */
import type { TestProject } from 'vitest/node';
import { launchLiveKit } from '../../src/livekit/launcher.ts';
import { freePort, freeUdpPort } from './ports.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    livekit: { url: string; apiKey: string; apiSecret: string };
  }
}

export default async function setup(project: TestProject) {
  const lk = await launchLiveKit({ port: await freePort(), rtcPort: await freeUdpPort() });
  project.provide('livekit', { url: lk.url, apiKey: lk.apiKey, apiSecret: lk.apiSecret });
  return () => lk.stop();
}
