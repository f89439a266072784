import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import type { ECharts } from 'echarts/core';
import { useMemo, useRef, useState } from 'react';
import { EChart } from './EChart';
import { PlotLegend } from './PlotLegend';
import { LazyVisible } from './LazyVisible';
import { parsePlot, toRenderable } from './plotly';
import { CodeEditor, fitHeight } from '../code-editor/CodeEditor';

/** One plot event drawn from its Plotly figure: chart, table, image, or its raw JSON. */
export function PlotView({ title, plotStr, iter }: { title: string; plotStr: string; iter: number }) {
  const rendered = useMemo(() => toRenderable(parsePlot(plotStr), title), [plotStr, title]);
  const [raw, setRaw] = useState(false);
  const chart = useRef<ECharts | null>(null);
  const [hidden, setHidden] = useState<ReadonlySet<string>>(new Set());
  const toggle = (name: string) => {
    const next = new Set(hidden);
    if (!next.delete(name)) next.add(name);
    setHidden(next);
    chart.current?.dispatchAction({ type: 'legendToggleSelect', name });
  };
  const pretty = useMemo(() => {
    try {
      return JSON.stringify(JSON.parse(plotStr), null, 2);
    } catch {
      return plotStr;
    }
  }, [plotStr]);
  return (
    <Paper variant="outlined" sx={{ p: 1.5 }} data-plot={title} data-plot-kind={rendered.kind}>
      <Box sx={{ display: 'flex', alignItems: 'center', mb: 1 }}>
        <Typography variant="subtitle2" sx={{ flex: 1 }}>
          {rendered.title || title}{' '}
          <Typography component="span" variant="caption" color="text.secondary">
            iteration {iter}
          </Typography>
        </Typography>
        <Button size="small" onClick={() => setRaw(!raw)}>
          {raw ? 'Chart' : 'Raw JSON'}
        </Button>
      </Box>
      {raw || rendered.kind === 'unknown' ? (
        <>
          {rendered.kind === 'unknown' && !raw && (
            <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
              This plot cannot be drawn ({rendered.reason}); its figure:
            </Typography>
          )}
          <CodeEditor aria-label={`raw plot ${title}`} value={pretty} language="json" height={fitHeight(pretty, 300)} />
        </>
      ) : rendered.kind === 'echarts' ? (
        <>
          {!!rendered.legend?.length && <PlotLegend title={title} entries={rendered.legend} hidden={hidden} onToggle={toggle} />}
          <LazyVisible minHeight={320}>
            <div data-series-count={rendered.seriesCount}>
              <EChart option={rendered.option} height={320} aria-label={`plot ${title}`} onReady={(c) => (chart.current = c)} />
            </div>
          </LazyVisible>
        </>
      ) : rendered.kind === 'table' ? (
        <TableContainer sx={{ maxHeight: 360 }}>
          <Table size="small" stickyHeader aria-label={`table ${title}`}>
            <TableHead>
              <TableRow>
                {rendered.header.map((h, i) => (
                  <TableCell key={i}>{h}</TableCell>
                ))}
              </TableRow>
            </TableHead>
            <TableBody>
              {rendered.rows.map((r, i) => (
                <TableRow key={i}>
                  {r.map((c, j) => (
                    <TableCell key={j} sx={{ fontFamily: 'monospace' }}>
                      {c}
                    </TableCell>
                  ))}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableContainer>
      ) : (
        <Box component="img" {...rendered.image} alt={title} sx={{ maxWidth: '100%' }} />
      )}
    </Paper>
  );
}
