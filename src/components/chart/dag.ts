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

const X_GAP = 220;
const Y_GAP = 90;

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
      x: l * X_GAP,
      y: row * Y_GAP,
      symbol: 'roundRect',
      symbolSize: [170, 44],
      itemStyle: { color: n.color ?? '#607d8b', borderColor: n.selected ? '#ffb300' : '#0000', borderWidth: n.selected ? 3 : 0 },
      label: { show: true, color: '#fff', overflow: 'truncate', width: 160 },
      tooltip: { formatter: () => [n.label, ...(n.details ?? [])].map(escapeHtml).join('<br/>') },
    };
  });
  const links = nodes.flatMap((n) => n.parents.filter((p) => known.has(p)).map((p) => ({ source: p, target: n.id })));
  return {
    tooltip: { trigger: 'item' },
    animation: false,
    series: [
      {
        type: 'graph',
        layout: 'none',
        roam: true,
        data,
        links,
        edgeSymbol: ['none', 'arrow'],
        edgeSymbolSize: 10,
        lineStyle: { width: 2, color: '#90a4ae' },
        label: { show: true },
      },
    ],
  } as EChartsOption;
}
