import Box from '@mui/material/Box';
import ButtonBase from '@mui/material/ButtonBase';
import type { LegendEntry } from './plotly';

/**
 * A plot's series listed above it, wrapping onto more lines rather than paging behind arrows; a click hides or
 * shows a series.
 */
export function PlotLegend({
  title,
  entries,
  hidden,
  onToggle,
}: {
  title: string;
  entries: LegendEntry[];
  hidden: ReadonlySet<string>;
  onToggle: (name: string) => void;
}) {
  return (
    <Box
      component="ul"
      aria-label={`legend ${title}`}
      sx={{ listStyle: 'none', m: 0, mb: 0.5, p: 0, display: 'flex', flexWrap: 'wrap', columnGap: 1.5, rowGap: 0.25 }}
    >
      {entries.map((e) => (
        <li key={e.name}>
          <ButtonBase
            aria-pressed={!hidden.has(e.name)}
            onClick={() => onToggle(e.name)}
            sx={{ gap: 0.75, px: 0.5, borderRadius: 1, fontSize: 12.5, opacity: hidden.has(e.name) ? 0.45 : 1 }}
          >
            <Box aria-hidden sx={{ width: 14, height: 4, flex: 'none', borderRadius: 1, bgcolor: e.color }} />
            <Box component="span" sx={{ overflowWrap: 'anywhere', textAlign: 'left' }}>
              {e.name}
            </Box>
          </ButtonBase>
        </li>
      ))}
    </Box>
  );
}
