/**
 * Smoke: a facilitator creates a webinar, two participants join with their invite links, and
 * each of the three browsers plays the other two's video and has their audio, from the real
 * LiveKit server.
 */
import { describe, expect, it } from 'vitest';
import { newUser, screenshot, withFailureScreenshots } from '../fixtures/browser.ts';
import { FacilitatorPage, ParticipantPage, waitForMediaFrom } from '../fixtures/pages.ts';
import { useStage } from '../fixtures/stage.ts';

describe('plenary smoke', () => {
  const stage = useStage();

  it('three browsers see and hear each other through LiveKit', async () => {
    const { app, browser } = stage;
    const f = await newUser(browser, app.url);
    const p1 = await newUser(browser, app.url);
    const p2 = await newUser(browser, app.url);
    const pages = { facilitator: f.page, ola: p1.page, siri: p2.page };
    await withFailureScreenshots(pages, async () => {
      const facilitator = new FacilitatorPage(f.page);
      await facilitator.setUpFirstAccount(app.setupLink);
      await facilitator.createWebinar('Samling 1');
      const olaLink = await facilitator.addParticipant('Ola Nordmann', 'Bergen');
      const siriLink = await facilitator.addParticipant('Siri Hansen', 'Voss');
      expect(olaLink).toMatch(new RegExp(`^${app.url}/join/[A-Za-z0-9_-]{32}$`));
      await facilitator.openAndEnter();
      await new ParticipantPage(p1.page).join(olaLink);
      await new ParticipantPage(p2.page).join(siriLink);

      const received = await Promise.all(Object.values(pages).map((page) => waitForMediaFrom(page, 2)));
      for (const media of received) {
        expect(media.playingVideo).toHaveLength(2);
        expect(media.liveAudio).toBeGreaterThanOrEqual(2);
      }
      // Each page receives exactly the two others: three distinct identities overall.
      expect(new Set(received.flatMap((m) => m.playingVideo)).size).toBe(3);
      await screenshot(f.page, 'plenary-facilitator');
      await screenshot(p1.page, 'plenary-participant');
    });
    expect([...f.errors, ...p1.errors, ...p2.errors]).toEqual([]);
  });
});
