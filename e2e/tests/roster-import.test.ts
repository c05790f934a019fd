/**
 * Roster import: a facilitator picks the seed's 57-row Vestfold file with three broken rows,
 * sees exactly those three in the preview (nothing saved yet), skips them and gets 54 personal
 * invite links; adding by hand still works beside it.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { newUser, screenshot, withFailureScreenshots } from '../fixtures/browser.ts';
import { FacilitatorPage } from '../fixtures/pages.ts';
import { useStage } from '../fixtures/stage.ts';

const BROKEN_ROSTER = fileURLToPath(
  new URL('../../server/test/fixtures/vestfold-roster-3-broken.csv', import.meta.url),
);
const tid = (id: string) => `[data-testid="${id}"]`;

describe('roster import', () => {
  const stage = useStage();

  it('previews per-row errors, saves nothing until confirmed, then imports the valid rows', async () => {
    const { app, browser } = stage;
    const f = await newUser(browser, app.url);
    const page = f.page;
    await withFailureScreenshots({ facilitator: page }, async () => {
      const facilitator = new FacilitatorPage(page);
      await facilitator.setUpFirstAccount(app.setupLink);
      await facilitator.createWebinar('Mentorprogram Vestfold');
      await page.waitForSelector(tid('mail-not-configured'));

      await page.click(tid('open-import'));
      await page.setInputFiles(tid('import-file'), BROKEN_ROSTER);
      await page.waitForSelector(tid('import-preview-table'));
      expect(await page.locator(tid('import-row-error')).count()).toBe(3);
      expect(await page.locator(tid('import-row-ok')).count()).toBe(54);
      const errors = await page.locator(tid('import-row-error')).allTextContents();
      expect(errors.map((row) => row.match(/^\d+/)?.[0])).toEqual(['11', '26', '42']);
      expect(errors.join('\n')).toContain('linje 7');
      await screenshot(page, 'roster-import-preview');
      // Nothing is saved while the preview is open.
      expect(await page.locator(tid('invite-link')).count()).toBe(0);

      await page.click(tid('import-confirm'));
      await page.waitForFunction((sel) => document.querySelectorAll(sel).length === 54, tid('invite-link'));
      const link = await facilitator.addParticipant('Åse Brøndbo', 'Færder');
      expect(link).toMatch(new RegExp(`^${app.url}/join/[A-Za-z0-9_-]{32}$`));
      expect(await page.locator(tid('invite-link')).count()).toBe(55);
      await screenshot(page, 'roster-after-import');

      // A colleague becomes co-facilitator with a single-use link, creating an account on the way.
      await page.click(tid('co-invite-create'));
      const coLink = (await page.locator(tid('co-invite-link')).textContent())?.trim() ?? '';
      expect(coLink).toMatch(new RegExp(`^${app.url}/co-facilitate/[A-Za-z0-9_-]{32}$`));
      const colleague = await newUser(browser, app.url);
      await colleague.page.goto(coLink);
      await colleague.page.waitForSelector(tid('co-invite-series'));
      await colleague.page.click(tid('co-mode-register'));
      await colleague.page.fill(tid('co-name'), 'Mona Medveileder');
      await colleague.page.fill(tid('co-email'), 'mona@example.no');
      await colleague.page.fill(tid('co-password'), 'et-langt-passord');
      await screenshot(colleague.page, 'co-facilitator-invite');
      await colleague.page.click(tid('co-invite-submit'));
      await colleague.page.locator(tid('series-link'), { hasText: 'Mentorprogram Vestfold' }).first().click();
      await colleague.page.waitForFunction(
        (sel) => document.querySelectorAll(sel).length === 55,
        tid('invite-link'),
      );
      await page.reload();
      await page.waitForFunction(
        (sel) => document.querySelectorAll(sel).length === 2,
        tid('co-facilitator-row'),
      );
      await screenshot(page, 'co-facilitators-panel');
      expect(colleague.errors).toEqual([]);
    });
    expect(f.errors).toEqual([]);
  });
});
