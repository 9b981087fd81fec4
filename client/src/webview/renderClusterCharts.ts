/**
 * The cluster view's pictures, as inline SVG built with DOM APIs (no
 * markup strings, nothing remote): per pool a stacked bar of the daemons'
 * requests against the allocatable of the pool's most taxed node, and the
 * DaemonSet × pool matrix as a heat map. Colours are VS Code's chart
 * variables (CSS classes in preview.css), so every theme applies. Each
 * picture names the table that says the same in words (aria-describedby).
 */
import { clusterDaemonSetLabel, OUTCOME_PENDING, OUTCOME_RUNS, TAX_RESOURCES, type ClusterView, type TaxResource } from '../../../server/src/reconciler';

const SVG = 'http://www.w3.org/2000/svg';
/** Series colours: charts-blue, -purple, -yellow, -orange, -green, -red, then again lighter (preview.css). */
export const SERIES = 12;

function svg(tag: string, attributes: Record<string, string | number> = {}, text?: string): SVGElement {
  const element = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, String(value));
  if (text !== undefined) element.append(document.createTextNode(text));
  return element;
}

function titled(element: SVGElement, title: string): SVGElement {
  element.append(svg('title', {}, title));
  return element;
}

const BAR_WIDTH = 360;
const BAR_HEIGHT = 14;
const LABEL_WIDTH = 150;
const ROW = 22;

function percent(share: number): string {
  return `${Math.round(share * 100)}%`;
}

/**
 * One row per pool and resource: a bar as wide as the node's allocatable, a segment per DaemonSet the
 * controller places there, in the DaemonSet order (its colour follows it from pool to pool).
 */
export function taxBars(view: ClusterView, describedBy: string): SVGElement {
  const rows = view.pools.length * TAX_RESOURCES.length;
  const root = svg('svg', {
    class: 'chart tax-bars',
    role: 'img',
    width: LABEL_WIDTH + BAR_WIDTH + 60,
    height: rows * ROW + 8,
    viewBox: `0 0 ${LABEL_WIDTH + BAR_WIDTH + 60} ${rows * ROW + 8}`,
    'aria-label': 'Daemon requests per node against allocatable, per pool (the table above says the same)',
    'aria-describedby': describedBy,
  });
  let y = 4;
  view.pools.forEach((pool) => {
    const n = view.nodes.findIndex((node) => node.metadata.name === pool.node);
    for (const resource of TAX_RESOURCES) {
      const allocatable = pool.tax.allocatable[resource];
      root.append(svg('text', { x: 0, y: y + BAR_HEIGHT - 3, class: 'chart-label' }, `${pool.name} ${resource === 'cpu' ? 'CPU' : 'memory'}`));
      const frame = titled(svg('rect', { x: LABEL_WIDTH, y, width: BAR_WIDTH, height: BAR_HEIGHT, class: 'bar-frame', 'data-pool': pool.name }), `${pool.node}: allocatable`);
      root.append(frame);
      let x = 0;
      if (allocatable > 0n && n >= 0) {
        view.daemonSets.forEach((daemonSet, d) => {
          const outcome = view.outcomes[d * view.nodes.length + n];
          if (outcome !== OUTCOME_RUNS && outcome !== OUTCOME_PENDING) return;
          const requested = daemonSet.requestNanos[resource];
          if (requested <= 0n) return;
          const share = Number((requested * 1_000_000n) / allocatable) / 1_000_000;
          const width = Math.max(0, Math.min(BAR_WIDTH - x, share * BAR_WIDTH));
          if (width <= 0) return;
          root.append(
            titled(
              svg('rect', { x: LABEL_WIDTH + x, y, width, height: BAR_HEIGHT, class: `bar-segment series-${d % SERIES}`, 'data-daemonset': `${daemonSet.namespace}/${daemonSet.name}` }),
              `${clusterDaemonSetLabel(daemonSet)}: ${daemonSet.requests[resource as TaxResource] ?? '0'} = ${percent(share)}`,
            ),
          );
          x += width;
        });
      }
      const range = pool.share[resource];
      root.append(svg('text', { x: LABEL_WIDTH + BAR_WIDTH + 6, y: y + BAR_HEIGHT - 3, class: 'chart-label' }, range ? percent(range.max) : '–'));
      y += ROW;
    }
  });
  return root;
}

const CELL = 18;
/** The least room for the heat map's row labels, and about how wide a label character is drawn. */
const HEAT_LABEL = 230;
const LABEL_CHAR_WIDTH = 6.5;

/** A heat-map row: "logging/fluent-bit", with the render in brackets where it matters ("… (overlays/prod)"). */
function heatMapRowLabel(daemonSet: ClusterView['daemonSets'][number]): string {
  const key = `${daemonSet.namespace}/${daemonSet.name}`;
  return daemonSet.renderedBy ? `${key} (${daemonSet.renderedBy})` : key;
}

/** The matrix as a heat map: a square per DaemonSet and pool, as dark as the share of the pool's nodes that run it; Pending in the error colour. */
export function heatMap(view: ClusterView, rows: readonly number[], describedBy: string): SVGElement {
  // Room on the left for the longest row label, and on the right for the last pool name, drawn at 45 degrees.
  const labelWidth = Math.max(HEAT_LABEL, ...rows.map((d) => Math.ceil(heatMapRowLabel(view.daemonSets[d]).length * LABEL_CHAR_WIDTH) + 10));
  const width = labelWidth + view.pools.length * CELL + 80;
  const height = 60 + rows.length * CELL;
  const root = svg('svg', {
    class: 'chart heat-map',
    role: 'img',
    width,
    height,
    viewBox: `0 0 ${width} ${height}`,
    'aria-label': 'Heat map: the share of each pool\'s nodes that run each DaemonSet (the matrix table says the same)',
    'aria-describedby': describedBy,
  });
  view.pools.forEach((pool, p) => {
    const x = labelWidth + p * CELL + CELL / 2;
    root.append(svg('text', { x, y: 54, class: 'chart-label', transform: `rotate(-45 ${x} 54)` }, pool.name));
  });
  rows.forEach((d, row) => {
    const daemonSet = view.daemonSets[d];
    const y = 60 + row * CELL;
    root.append(svg('text', { x: 0, y: y + CELL - 5, class: 'chart-label' }, heatMapRowLabel(daemonSet)));
    view.pools.forEach((pool, p) => {
      const cell = view.cells[d][p];
      const share = pool.nodeCount === 0 ? 0 : cell.runs / pool.nodeCount;
      const state = cell.state;
      const rect = svg('rect', {
        x: labelWidth + p * CELL + 1,
        y: y + 1,
        width: CELL - 2,
        height: CELL - 2,
        class: `heat heat-${state}`,
        'fill-opacity': state === 'excluded' ? 1 : (0.25 + 0.75 * share).toFixed(2),
        'data-daemonset': `${daemonSet.namespace}/${daemonSet.name}`,
        'data-pool': pool.name,
      });
      root.append(titled(rect, `${clusterDaemonSetLabel(daemonSet)} on ${pool.name}: ${state}, ${cell.runs} of ${pool.nodeCount} nodes run it${cell.pending ? `, ${cell.pending} Pending` : ''}`));
    });
  });
  return root;
}
