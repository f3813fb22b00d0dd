/**
 * Printing a chart that was never drawn. Chart.svelte keeps the data table of an undrawn chart
 * inside <noscript> (see its tableMarkup): readers without scripts see it, and with scripts it
 * costs the page nothing while it loads. A browser with scripts never shows <noscript> content,
 * so before printing, each such table is copied next to its <noscript> as real markup, and the
 * copies are removed after printing.
 */

/** Marks the <noscript> elements that hold a chart's data table. */
export const PRINT_TABLE_ATTRIBUTE = 'data-lab-print-table';

/** Marks the copies made for printing, so that they can be found and removed again. */
const COPY_CLASS = 'lab-chart__print-table';

/** Copies every marked table out of its <noscript> (once: a second call adds nothing). */
export function showTablesForPrint(document: Document): void {
  for (const holder of document.querySelectorAll(`noscript[${PRINT_TABLE_ATTRIBUTE}]`)) {
    if (holder.nextElementSibling?.classList.contains(COPY_CLASS)) continue;
    const copy = document.createElement('div');
    copy.className = COPY_CLASS;
    // The markup is the page's own (tableHtml escapes every text): with scripts on, a
    // <noscript>'s content is its text, which innerHTML gives back as written.
    copy.innerHTML = holder.innerHTML;
    holder.after(copy);
  }
}

/** Removes the copies showTablesForPrint made. */
export function removePrintTables(document: Document): void {
  for (const copy of document.querySelectorAll(`.${COPY_CLASS}`)) copy.remove();
}

/** Makes the page's undrawn charts print their data tables. */
export function installPrintTables(window: Window): void {
  window.addEventListener('beforeprint', () => showTablesForPrint(window.document));
  window.addEventListener('afterprint', () => removePrintTables(window.document));
}
