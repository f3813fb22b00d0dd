import { expect, test } from '@playwright/test';

// The wrap-up is meant to be printed and kept beside the dashboards: its print view must fit
// on two A4 pages, without the site's navigation and with the addresses of its links.
const PATH = '/chapters/wrap-up/';

/** Pages in a PDF: its page objects, "/Type /Page" (not "/Pages", the tree that holds them). */
function pageCount(pdf: Buffer): number {
  return pdf.toString('latin1').match(/\/Type\s*\/Page(?![a-zA-Z])/g)?.length ?? 0;
}

test.describe('the wrap-up on paper', () => {
  test('fits on two A4 pages, without navigation, with its links written out', async ({ page }) => {
    await page.goto(PATH);
    await expect(page.getByTestId('print-page')).toBeVisible();
    await page.emulateMedia({ media: 'print' });
    await expect(page.locator('header.header')).toBeHidden();
    await expect(page.getByTestId('print-page')).toBeHidden();
    await expect(page.getByRole('heading', { name: 'The levers' })).toBeVisible();
    const after = await page
      .locator('.sl-markdown-content a[href="/chapters/filtering/"]')
      .first()
      .evaluate((a) => getComputedStyle(a, '::after').content);
    expect(after).toContain('/chapters/filtering/');
    const pdf = await page.pdf({ format: 'A4', printBackground: false });
    const pages = pageCount(pdf);
    expect(pages).toBeGreaterThan(0);
    expect(pages, `the wrap-up prints on ${pages} pages`).toBeLessThanOrEqual(2);
  });
});
