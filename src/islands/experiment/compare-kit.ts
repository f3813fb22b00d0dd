/**
 * Everything an experiment needs only once the reader opens a comparison (A beside B): the
 * experiment island imports this module on demand, so pages load it only when it is used.
 */
export { differenceRows, onSameTraffic, overlayCharts } from '../../workbench/compare.ts';
export { default as CompareTable } from './CompareTable.svelte';
