import CircularProgress from '@mui/material/CircularProgress';
import Typography from '@mui/material/Typography';
import { useMemo } from 'react';
import { ChartCardPlaceholder, MetricGrid } from '../../../components/chart/MetricGrid';
import { CardGrid } from '../../../components/chart/CardGrid';
import { PlotView } from '../../../components/chart/PlotView';
import { ScalarChartCard } from '../../../components/chart/ScalarChartCard';
import { chartable } from '../../../components/chart/scalar-chart';
import { useModelMetricScalars, useModelPlots, useModelScalarMetrics } from '../api/queries';

function MetricChart({ modelId, metric }: { modelId: string; metric: string }) {
  const q = useModelMetricScalars(modelId, metric);
  const series = useMemo(
    () =>
      Object.values(q.data ?? {})
        .map(chartable)
        .filter((s) => s.x.length > 0)
        .sort((a, b) => a.name.localeCompare(b.name)),
    [q.data],
  );
  if (q.isPending || q.isError) return <ChartCardPlaceholder metric={metric} error={q.error} />;
  return <ScalarChartCard title={metric} series={series} xMode="iter" smoothing={0} logY={false} />;
}

const empty = (text: string) => (
  <Typography color="text.secondary" role="status" sx={{ py: 6, textAlign: 'center' }}>
    {text}
  </Typography>
);

/** What the model reported itself (OutputModel.report_scalar...): a chart per metric. */
export function ModelScalars({ modelId }: { modelId: string }) {
  const metrics = useModelScalarMetrics(modelId);
  const names = useMemo(
    () =>
      Object.entries(metrics.data ?? {})
        .filter(([, v]) => Object.values(v).some((x) => x.count > 0))
        .map(([m]) => m)
        .sort(),
    [metrics.data],
  );
  if (metrics.isPending) return <CircularProgress aria-label="loading model scalars" />;
  if (metrics.isError)
    return (
      <Typography color="error" role="alert">
        Could not load the model's scalars: {metrics.error.message}
      </Typography>
    );
  if (!names.length) return empty('No scalars were reported for this model.');
  return <MetricGrid metrics={names} minWidth={480} card={(m) => <MetricChart modelId={modelId} metric={m} />} />;
}

export function ModelPlots({ modelId }: { modelId: string }) {
  const plots = useModelPlots(modelId);
  if (plots.isPending) return <CircularProgress aria-label="loading model plots" />;
  if (plots.isError)
    return (
      <Typography color="error" role="alert">
        Could not load the model's plots: {plots.error.message}
      </Typography>
    );
  if (!plots.data.length) return empty('No plots were reported for this model.');
  return (
    <CardGrid minWidth={480}>
      {[...plots.data]
        .sort((a, b) => a.metric.localeCompare(b.metric) || a.variant.localeCompare(b.variant))
        .map((p) => (
          <PlotView
            key={`${p.metric}/${p.variant}/${p.iter}`}
            title={`${p.metric} / ${p.variant}`}
            plotStr={p.plot_str ?? ''}
            iter={p.iter}
          />
        ))}
    </CardGrid>
  );
}
