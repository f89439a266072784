import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import { colorFor } from '../../../components/chart/scalar-chart';
import type { Task } from '../../../shared/api/records';

/**
 * The compared tasks as a list beside the charts (it scrolls on its own when long): colour and full name (wrapped, never cut), hover
 * to bring a task's lines forward on every chart, and one task to set as the baseline.
 */
export function CompareLegend({
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
      <Box component="ul" sx={{ listStyle: 'none', m: 0, p: 0, display: 'flex', flexDirection: 'column', gap: 0.25 }}>
        {tasks.map((t, i) => {
          const isBase = t.id === baseline;
          return (
            <Box
              component="li"
              key={t.id}
              data-task={t.id}
              data-color={colorFor(i)}
              onMouseEnter={() => onHover(t.id)}
              onMouseLeave={() => onHover(null)}
              sx={{
                display: 'flex',
                alignItems: 'center',
                gap: 0.75,
                px: 1,
                py: 0.25,
                borderRadius: 1,
                '&:hover': { bgcolor: 'action.hover' },
                outline: isBase ? 2 : 0,
                outlineColor: 'primary.main',
              }}
            >
              <Box aria-hidden sx={{ width: 14, height: 4, flex: 'none', borderRadius: 1, bgcolor: colorFor(i) }} />
              <Typography variant="body2" sx={{ overflowWrap: 'anywhere', flex: 1 }}>
                {t.name}
              </Typography>
              {isBase ? (
                <Button
                  size="small"
                  onClick={() => onBaseline(null)}
                  aria-label={`clear baseline ${t.name}`}
                  sx={{ minWidth: 0, py: 0 }}
                >
                  baseline ×
                </Button>
              ) : (
                <Button
                  size="small"
                  color="inherit"
                  onClick={() => onBaseline(t.id)}
                  aria-label={`set ${t.name} as baseline`}
                  sx={{ minWidth: 0, py: 0, opacity: 0.6, fontSize: 11 }}
                >
                  set baseline
                </Button>
              )}
            </Box>
          );
        })}
      </Box>
    </Paper>
  );
}
