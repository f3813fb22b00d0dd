/** How the filter playground writes shares and dollars. */
import { formatNumber, formatUsd } from '../components/number-format.ts';

/** A share as a percentage, with more digits when it is small so that 0.04% does not read as 0%. */
export function formatShare(share: number): string {
  const percent = share * 100;
  const digits = percent !== 0 && Math.abs(percent) < 1 ? 2 : 1;
  return `${formatNumber(percent, digits)}%`;
}

/** Dollars with cents; amounts that round to nothing say so rather than show $0.00. */
export function formatMoney(dollars: number): string {
  if (dollars > 0 && dollars < 0.005) return 'under $0.01';
  return formatUsd(dollars);
}
