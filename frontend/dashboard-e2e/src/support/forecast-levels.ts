import type { Locator, Page } from 'playwright-core';

/**
 * Picks `level` in the forecasts page's levels card (`card`; a radio, or a button where the
 * selector renders buttons) and waits until the card's chart shows another series than the one
 * labelled `previousLabel`.
 */
export async function pickLevel(
  page: Page,
  card: Locator,
  level: string,
  previousLabel: string | null,
): Promise<void> {
  await card
    .getByRole('radio', { name: level, exact: true })
    .or(card.getByRole('button', { name: level, exact: true }))
    .first()
    .click();
  await page.waitForFunction(
    (label) =>
      document
        .querySelector(
          '[data-testid="forecast-levels"] sc-forecast-chart [role="img"]',
        )
        ?.getAttribute('aria-label') !== label,
    previousLabel,
  );
}
