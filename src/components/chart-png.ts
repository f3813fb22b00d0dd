/**
 * A chart saved as a PNG file: the chart's canvas on an opaque background in the page's
 * colours, with the chart's title above it, so the image reads well outside the page.
 * The file name and layout are pure (tested in Node); `downloadChartPng` needs a browser.
 */
import { truncateToWidth } from './chart-model.ts';

/** A title as a file name: lower case ASCII words joined by hyphens ("IteratorAge (Maximum)" → "iterator-age-maximum"). */
export function slugify(title: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    // Split camelCase metric names: ConcurrentExecutions → Concurrent-Executions.
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '');
  return slug || 'chart';
}

/** The PNG's file name: `fileName` when given (".png" added if missing), otherwise the title's slug. */
export function pngFileName(title: string, fileName?: string): string {
  const base = fileName?.trim().replace(/\.png$/i, '').replace(/[\\/:*?"<>|]+/g, '-') || slugify(title);
  return `${base}.png`;
}

/** Where things go in the image, in CSS pixels; the canvas is `width × ratio` by `height × ratio`. */
export interface PngLayout {
  width: number;
  height: number;
  ratio: number;
  /** Margin around everything. */
  padding: number;
  titleFontPx: number;
  /** Baseline of the title text. */
  titleBaseline: number;
  titleMaxWidth: number;
  /** Top-left corner of the chart's image. */
  chartX: number;
  chartY: number;
}

export const PNG_PADDING = 16;
export const PNG_TITLE_FONT_PX = 16;

/** The image around a chart `chartWidth × chartHeight` CSS pixels drawn at `ratio` device pixels each. */
export function pngLayout(chartWidth: number, chartHeight: number, ratio: number): PngLayout {
  const padding = PNG_PADDING;
  const titleFontPx = PNG_TITLE_FONT_PX;
  const lineHeight = Math.round(titleFontPx * 1.5);
  const chartY = padding + lineHeight + 8;
  return {
    width: Math.round(chartWidth + 2 * padding),
    height: Math.round(chartY + chartHeight + padding),
    ratio: Number.isFinite(ratio) && ratio > 0 ? ratio : 1,
    padding,
    titleFontPx,
    titleBaseline: padding + Math.round(lineHeight * 0.75),
    titleMaxWidth: Math.max(0, chartWidth),
    chartX: padding,
    chartY,
  };
}

export interface PngRequest {
  /** Chart.js's canvas (already sized `chartWidth × ratio`). */
  canvas: HTMLCanvasElement;
  chartWidth: number;
  chartHeight: number;
  ratio: number;
  title: string;
  fileName: string;
  background: string;
  titleColour: string;
  fontFamily: string;
}

/** Draws the image and hands it to the browser as a download. */
export async function downloadChartPng(request: PngRequest): Promise<void> {
  const layout = pngLayout(request.chartWidth, request.chartHeight, request.ratio);
  const image = document.createElement('canvas');
  image.width = Math.round(layout.width * layout.ratio);
  image.height = Math.round(layout.height * layout.ratio);
  const ctx = image.getContext('2d');
  if (!ctx) throw new Error('This browser cannot draw the image.');
  ctx.scale(layout.ratio, layout.ratio);
  ctx.fillStyle = request.background;
  ctx.fillRect(0, 0, layout.width, layout.height);
  ctx.font = `600 ${layout.titleFontPx}px ${request.fontFamily}`;
  ctx.fillStyle = request.titleColour;
  ctx.textBaseline = 'alphabetic';
  const title = truncateToWidth(request.title, layout.titleMaxWidth, (t) => ctx.measureText(t).width);
  ctx.fillText(title, layout.padding, layout.titleBaseline);
  ctx.drawImage(request.canvas, layout.chartX, layout.chartY, request.chartWidth, request.chartHeight);

  const blob = await new Promise<Blob | null>((resolve) => image.toBlob(resolve, 'image/png'));
  if (!blob) throw new Error('This browser could not make the image.');
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = request.fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // Give the browser time to start the download before the URL goes away.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
