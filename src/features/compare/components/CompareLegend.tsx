import Box from '@mui/material/Box';
import Paper from '@mui/material/Paper';
import { memo } from 'react';
import { colorFor } from '../../../components/chart/scalar-chart';
import type { Task } from '../../../shared/api/records';

/**
 * Every entry's look, as class rules on the list: two hundred entries of MUI components each with their own `sx`
 * (a styled Button with its ripple, a Typography, two Boxes) took most of the time before the first chart was drawn.
 */
const LIST_STYLE = {
  listStyle: 'none',
  m: 0,
  p: 0,
  display: 'flex',
  flexDirection: 'column',
  gap: '2px',
  '& li': { display: 'flex', alignItems: 'center', gap: '6px', px: 1, py: '2px', borderRadius: 1 },
  '& li:hover': { bgcolor: 'action.hover' },
  '& li[data-baseline]': { outline: 2, outlineColor: 'primary.main' },
  '& .swatch': { width: 14, height: 4, flex: 'none', borderRadius: 1 },
  '& p': { m: 0, flex: 1, overflowWrap: 'anywhere', typography: 'body2' },
  '& button': {
    font: 'inherit',
    fontSize: 11,
    fontWeight: 500,
    textTransform: 'uppercase',
    color: 'inherit',
    opacity: 0.6,
    bgcolor: 'transparent',
    border: 0,
    borderRadius: 1,
    px: 0.5,
    cursor: 'pointer',
    flex: 'none',
    '&:hover': { bgcolor: 'action.hover', opacity: 1 },
  },
  '& li[data-baseline] button': { color: 'primary.main', opacity: 1, fontSize: 13 },
} as const;

/**
 * The compared tasks as a list beside the charts (it scrolls on its own when long): colour and full name (wrapped, never cut), hover
 * to bring a task's lines forward on every chart, and one task to set as the baseline. Memoised: hovering re-renders the tab.
 */
export const CompareLegend = memo(function CompareLegend({
  tasks,
  baseline,
  onBaseline,
  onHover,
}: {
  tasks: Task[];
  baseline: string | null;
  onBaseline: (id: string | null) => void;
  onHover: (id: string | null) => void;
}) {
  return (
    <Paper
      variant="outlined"
      component="section"
      aria-label="legend"
      sx={{ p: 1, width: 280, flex: 'none', position: 'sticky', top: 64, maxHeight: 'calc(100vh - 96px)', overflow: 'auto' }}
    >
      <Box component="ul" sx={LIST_STYLE}>
        {tasks.map((t, i) => {
          const isBase = t.id === baseline;
          return (
            <li
              key={t.id}
              data-task={t.id}
              data-color={colorFor(i)}
              data-baseline={isBase || undefined}
              onMouseEnter={() => onHover(t.id)}
              onMouseLeave={() => onHover(null)}
            >
              <span aria-hidden className="swatch" style={{ background: colorFor(i) }} />
              <p>{t.name}</p>
              {isBase ? (
                <button type="button" onClick={() => onBaseline(null)} aria-label={`clear baseline ${t.name}`}>
                  baseline ×
                </button>
              ) : (
                <button type="button" onClick={() => onBaseline(t.id)} aria-label={`set ${t.name} as baseline`}>
                  set baseline
                </button>
              )}
            </li>
          );
        })}
      </Box>
    </Paper>
  );
});
