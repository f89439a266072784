import { escapeHtml } from '../../shared/html';
import type { EChartsOption } from './plotly';

export interface DagNode {
  id: string;
  label: string;
  /** Ids of the nodes this one comes from (drawn as arrows into it). */
  parents: string[];
  /** Fill colour of the node (a status colour, say). */
  color?: string;
  /** Extra lines for the tooltip (plain text; escaped here). */
  details?: string[];
  selected?: boolean;
}

/** Longest distance from a root for each node; cycles and unknown parents are ignored. */
export function dagLevels(nodes: DagNode[]): Map<string, number> {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const level = new Map<string, number>();
  const visiting = new Set<string>();
  const levelOf = (id: string): number => {
    const known = level.get(id);
    if (known !== undefined) return known;
    if (visiting.has(id)) return 0;
    visiting.add(id);
    const parents = (byId.get(id)?.parents ?? []).filter((p) => byId.has(p));
    const l = parents.length ? Math.max(...parents.map(levelOf)) + 1 : 0;
    visiting.delete(id);
    level.set(id, l);
    return l;
  };
  for (const n of nodes) levelOf(n.id);
  return level;
}

/** Room for a node's label. */
const LABEL_WIDTH = 200;

/** An ECharts graph of a DAG laid out left to right by level: roots on the left. */
export function dagChartOption(nodes: DagNode[]): EChartsOption {
  const levels = dagLevels(nodes);
  const rows = new Map<number, number>();
  const known = new Set(nodes.map((n) => n.id));
  const data = nodes.map((n) => {
    const l = levels.get(n.id) ?? 0;
    const row = rows.get(l) ?? 0;
    rows.set(l, row + 1);
    return {
      id: n.id,
      name: n.label,
      value: [l, row],
      // Small circles: ECharts trims edges by the symbol's size, so the arrows stay visible.
      symbol: 'circle',
      symbolSize: 26,
      itemStyle: { color: n.color ?? '#607d8b', borderColor: n.selected ? '#ffb300' : '#0000', borderWidth: n.selected ? 4 : 0 },
      label: {
        show: true,
        position: 'bottom',
        overflow: 'truncate',
        width: LABEL_WIDTH,
        fontWeight: n.selected ? 'bold' : 'normal',
      },
      tooltip: { formatter: () => [n.label, ...(n.details ?? [])].map(escapeHtml).join('<br/>') },
    };
  });
  const links = nodes.flatMap((n) => n.parents.filter((p) => known.has(p)).map((p) => ({ source: p, target: n.id })));
  const levelCount = Math.max(1, ...data.map((d) => d.value[0] + 1));
  const rowCount = Math.max(1, ...rows.values());
  // Nodes sit on hidden value axes (one unit per level and per row): symbols keep their pixel size
  // whatever the shape of the graph, and edges stop at the circles so the arrows show.
  return {
    tooltip: { trigger: 'item' },
    animation: false,
    grid: { left: LABEL_WIDTH / 2, right: LABEL_WIDTH / 2, top: 24, bottom: 36 },
    xAxis: { type: 'value', show: false, min: -0.5, max: levelCount - 0.5 },
    yAxis: { type: 'value', show: false, inverse: true, min: -0.5, max: rowCount - 0.5 },
    series: [
      {
        type: 'graph',
        coordinateSystem: 'cartesian2d',
        data,
        links,
        edgeSymbol: ['none', 'arrow'],
        edgeSymbolSize: 10,
        lineStyle: { width: 2, color: '#90a4ae' },
      },
    ],
  } as EChartsOption;
}

/** A chart height that fits the widest level of the DAG. */
export function dagHeight(nodes: DagNode[]): number {
  const perLevel = new Map<number, number>();
  for (const l of dagLevels(nodes).values()) perLevel.set(l, (perLevel.get(l) ?? 0) + 1);
  return 110 + 70 * (Math.max(1, ...perLevel.values()) - 1);
}
