/**
 * Timing that fits, as a facilitator sees it: the open-breakouts panel shows the exercise's total
 * against its agenda slot, warns when a longer conversation no longer fits, and the total follows
 * every phase change (and the 3-hour preset puts it back).
 */
import { describe, expect, it } from 'vitest';
import { artifactsDir, newUser, screenshot, withFailureScreenshots } from '../fixtures/browser.ts';
import { FacilitatorPage } from '../fixtures/pages.ts';
import { useStage } from '../fixtures/stage.ts';

const tid = (id: string) => `[data-testid="${id}"]`;

describe('exercise timing in the console', () => {
  const stage = useStage();

  it('shows the total next to the agenda slot and warns when it does not fit', async () => {
    const { app, browser } = stage;
    const f = await newUser(browser, app.url);
    await withFailureScreenshots({ facilitator: f.page }, async () => {
      const facilitator = new FacilitatorPage(f.page);
      await facilitator.setUpFirstAccount(app.setupLink);
      await facilitator.createWebinar('Samling 1');
      await facilitator.openAndEnter();
      const page = f.page;
      // The agenda's exercise slots show what the default exercise needs: 58 of 58 minutes.
      await page.waitForSelector(tid('agenda-exercise-total'));
      expect(await page.locator(tid('agenda-exercise-total')).first().getAttribute('data-fits')).toBe('true');

      await page.click(tid('open-breakouts'));
      const fit = page.locator(tid('exercise-fit'));
      await page.waitForSelector(tid('exercise-fit-ok'));
      expect(await fit.getAttribute('data-needed-sec')).toBe(String(57 * 60 + 60));
      await fit.scrollIntoViewIfNeeded();
      await screenshot(page, 'exercise-fit-ok');
      await page.locator(tid('agenda')).screenshot({ path: `${artifactsDir}/exercise-fit-agenda.png` });

      // The seed's 15-minute conversation: three rounds no longer fit the 58-minute slot.
      await page.fill(tid('phase-minutes-conversation'), '15');
      await page.waitForSelector(tid('exercise-fit-warning'));
      expect(await fit.getAttribute('data-needed-sec')).toBe(String(72 * 60 + 60));
      expect(await page.locator(tid('exercise-fit-warning')).textContent()).toContain('15 min');
      await fit.scrollIntoViewIfNeeded();
      await screenshot(page, 'exercise-fit-warning');
      // The page's media bar is fixed at the bottom: the note itself, on its own.
      await page
        .locator(tid('open-breakouts-panel'))
        .screenshot({ path: `${artifactsDir}/exercise-fit-warning-panel.png` });

      // Shortening the phase again updates the total; the preset restores the fitting round.
      await page.fill(tid('phase-minutes-conversation'), '9');
      await page.waitForFunction(
        (sel) => document.querySelector(sel)?.getAttribute('data-needed-sec') === String(54 * 60 + 60),
        tid('exercise-fit'),
      );
      await page.click(tid('phase-preset-three_hours'));
      await page.waitForSelector(tid('exercise-fit-ok'));
      expect(await fit.getAttribute('data-needed-sec')).toBe(String(57 * 60 + 60));
    });
    expect(f.errors).toEqual([]);
  });
});
