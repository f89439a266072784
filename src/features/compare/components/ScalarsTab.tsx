import Box from '@mui/material/Box';
import CircularProgress from '@mui/material/CircularProgress';
import Typography from '@mui/material/Typography';
import { useEffect, useMemo, useState } from 'react';
import { useApiClient } from '../../../client/react';
import { preloadCharts } from '../../../components/chart/EChart';
import { ChartCardPlaceholder, MetricGrid } from '../../../components/chart/MetricGrid';
import { chartable, colorFor, dashFor, type SeriesData, type SeriesStyle } from '../../../components/chart/scalar-chart';
import { ScalarChartCard } from '../../../components/chart/ScalarChartCard';
import { DEFAULT_SCALAR_SETTINGS, ScalarControls, type ScalarSettings } from '../../../components/chart/ScalarControls';
import { isShown } from '../../../components/chart/metrics-shown';
import type { ScalarUrlSettings } from '../../../components/chart/scalar-search';
import type { RangeFetcher } from '../../../components/chart/use-zoom-detail';
import type { Task } from '../../../shared/api/records';
import { fetchMultiScalars, useCompareMetrics, useMultiScalars, type MultiHistogram } from '../api/queries';
import { afterPaint, DrawTurns } from '../lib/draw-turns';
import { compareChartOption } from '../lib/merged-chart';
import { valueRows } from '../lib/values';
import { CompareLegend } from './CompareLegend';
import { ValuesTable } from './ValuesTable';

interface ChartSlot {
  key: string;
  metric: string;
  variant?: string;
}

/** A task's series name on a chart: the task, and the variant when the chart shows several. */
const seriesName = (t: Task, variant: string, many: boolean) => (many ? `${t.name} · ${variant}` : t.name);

/** Every task's variants of one metric as chart series: a colour per task, a line type per variant. */
function toSeries(tasks: Task[], data: MultiHistogram[string], variant?: string) {
  const series: SeriesData[] = [];
  const styles: SeriesStyle[] = [];
  const owner: string[] = [];
  const names = Object.keys(data)
    .filter((v) => variant === undefined || v === variant)
    .sort();
  tasks.forEach((t, ti) => {
    names.forEach((v, vi) => {
      const s = data[v][t.id];
      if (!s) return;
      const c = chartable({ name: seriesName(t, v, names.length > 1), x: s.x, y: s.y, band: s.band });
      if (!c.x.length) return;
      series.push(c);
      styles.push({ color: colorFor(ti), dash: dashFor(vi) });
      owner.push(t.id);
    });
  });
  return { series, styles, owner };
}

/** A metric's chart: every task's variants overlaid. */
function MetricChart({
  tasks,
  slot,
  settings,
  hovered,
  turns,
}: {
  tasks: Task[];
  slot: ChartSlot;
  settings: ScalarSettings;
  hovered: string | null;
  turns: DrawTurns;
}) {
  const client = useApiClient();
  const ids = useMemo(() => tasks.map((t) => t.id), [tasks]);
  const key = settings.xMode === 'iter' ? 'iter' : 'timestamp';
  const data = useMultiScalars(ids, slot.metric, key);
  const chart = useMemo(() => toSeries(tasks, data.data ?? {}, slot.variant), [data.data, tasks, slot.variant]);
  const highlight = useMemo(
    () => new Set(hovered ? chart.series.filter((_, i) => chart.owner[i] === hovered).map((s) => s.name) : []),
    [chart, hovered],
  );
  const fetchRange = useMemo<RangeFetcher>(
    () => ({
      key: ['compare-scalars', ids, key, slot.metric, slot.variant ?? null],
      fetch: async (lo, hi) =>
        toSeries(tasks, await fetchMultiScalars(client, ids, slot.metric, key, [lo, hi]), slot.variant).series,
    }),
    [client, ids, key, slot.metric, slot.variant, tasks],
  );
  // The first drawing waits for its turn; later ones (new settings, a refetch) draw at once.
  const [turn, setTurn] = useState(false);
  const ready = !data.isPending && !data.isError;
  useEffect(() => {
    if (!ready || turn) return;
    return turns.request(slot.key, () => setTurn(true));
  }, [ready, turn, turns, slot.key]);
  useEffect(() => {
    if (!turn) return;
    let gone = false;
    void afterPaint().then(() => !gone && turns.done(slot.key));
    return () => {
      gone = true;
      turns.done(slot.key);
    };
  }, [turn, turns, slot.key]);
  if (!ready || !turn) return <ChartCardPlaceholder metric={slot.key} error={data.error} />;
  return (
    <ScalarChartCard
      title={slot.key}
      series={chart.series}
      styles={chart.styles}
      xMode={settings.xMode}
      smoothing={settings.smoothing}
      smoothingType={settings.smoothingType}
      logY={settings.logY}
      legend={false}
      highlight={highlight}
      fetchRange={fetchRange}
      optionOf={compareChartOption}
    />
  );
}

/**
 * The legend and values table, then one chart per metric, each loaded when it scrolls into view; machine metrics apart.
 * Grouping, smoothing and the baseline come from the page's URL; the rest of the settings are the tab's own.
 */
export function CompareScalarsTab({
  tasks,
  settings: urlSettings,
  onSettings,
  baseline,
  onBaseline,
}: {
  tasks: Task[];
  settings: ScalarUrlSettings;
  onSettings: (s: ScalarUrlSettings, replace: boolean) => void;
  baseline: string | null;
  onBaseline: (id: string | null) => void;
}) {
  const [local, setLocal] = useState<ScalarSettings>(DEFAULT_SCALAR_SETTINGS);
  const settings: ScalarSettings = { ...local, ...urlSettings };
  const setSettings = (v: ScalarSettings) => {
    setLocal(v);
    const next = { group: v.group, smoothingType: v.smoothingType, smoothing: v.smoothing, shown: v.shown };
    if (
      next.group === urlSettings.group &&
      next.smoothingType === urlSettings.smoothingType &&
      next.smoothing === urlSettings.smoothing &&
      next.shown === urlSettings.shown
    )
      return;
    // Dragging the slider replaces the entry instead of adding one per step.
    const dragging =
      next.group === urlSettings.group && next.smoothingType === urlSettings.smoothingType && next.shown === urlSettings.shown;
    onSettings(next, dragging);
  };
  const [hovered, setHovered] = useState<string | null>(null);
  const [turns] = useState(() => new DrawTurns());
  const metrics = useCompareMetrics(tasks.map((t) => t.id));
  useEffect(preloadCharts, []);
  const needle = settings.filter.toLowerCase();
  const keep = (m: string) =>
    !m.startsWith(':monitor:') && isShown(settings.shown, m) && (!needle || m.toLowerCase().includes(needle));
  const rows = useMemo(
    () => valueRows(tasks, keep, baseline ?? undefined),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [tasks, needle, baseline, settings.shown],
  );
  const variants = useMemo(() => {
    const out = new Map<string, Set<string>>();
    for (const t of tasks)
      for (const vs of Object.values(t.last_metrics ?? {}))
        for (const v of Object.values(vs)) (out.get(v.metric) ?? out.set(v.metric, new Set()).get(v.metric)!).add(v.variant);
    return out;
  }, [tasks]);
  if (metrics.isPending) return <CircularProgress aria-label="loading scalars" />;
  if (!metrics.data?.length)
    return (
      <Typography color="text.secondary" sx={{ p: 2 }}>
        None of these tasks reported scalars.
      </Typography>
    );
  const shown = metrics.data.filter((m) => isShown(settings.shown, m) && (!needle || m.toLowerCase().includes(needle)));
  const slots = new Map<string, ChartSlot>();
  for (const m of shown) {
    const vs = [...(variants.get(m) ?? [])].sort();
    if (settings.group === 'metric' || !vs.length) slots.set(m, { key: m, metric: m });
    else for (const v of vs) slots.set(`${m} / ${v}`, { key: `${m} / ${v}`, metric: m, variant: v });
  }
  return (
    <Box>
      <ScalarControls value={settings} onChange={setSettings} metrics={metrics.data} />
      <Box sx={{ display: 'flex', gap: 2, alignItems: 'flex-start' }}>
        <Box sx={{ flex: 1, minWidth: 0 }}>
          <ValuesTable rows={rows} tasks={tasks} baseline={baseline} />
          <MetricGrid
            metrics={[...slots.keys()]}
            minWidth={520}
            card={(k) => <MetricChart tasks={tasks} slot={slots.get(k)!} settings={settings} hovered={hovered} turns={turns} />}
          />
        </Box>
        <CompareLegend tasks={tasks} baseline={baseline} onBaseline={onBaseline} onHover={setHovered} />
      </Box>
    </Box>
  );
}
