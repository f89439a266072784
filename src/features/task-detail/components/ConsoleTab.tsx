import DownloadIcon from '@mui/icons-material/Download';
import KeyboardArrowDownIcon from '@mui/icons-material/KeyboardArrowDown';
import KeyboardArrowUpIcon from '@mui/icons-material/KeyboardArrowUp';
import VerticalAlignBottomIcon from '@mui/icons-material/VerticalAlignBottom';
import VerticalAlignTopIcon from '@mui/icons-material/VerticalAlignTop';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import FormControlLabel from '@mui/material/FormControlLabel';
import IconButton from '@mui/material/IconButton';
import Paper from '@mui/material/Paper';
import Switch from '@mui/material/Switch';
import TextField from '@mui/material/TextField';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import { useQueries } from '@tanstack/react-query';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, useState } from 'react';
import type { Task } from '../../../shared/api/records';
import { ApiCallError } from '../../../client';
import { useApiClient } from '../../../client/react';
import { LIVE_REFRESH_MS, readConsolePage, useLogTotal, type ConsoleLine } from '../api/queries';
import { parseConsoleQuery } from '../lib/console-query';
import { saveBytes } from '../lib/files';
import { AnsiLine } from './AnsiLine';
import { EmptyState } from './EmptyState';

const PAGE = 500;
const ROW_HEIGHT = 20;
const TIMESTAMPS_KEY = 'taskdeck.console.timestamps';

const two = (n: number, w = 2) => String(n).padStart(w, '0');
/** Local date and time to the millisecond, fixed width so the text column stays aligned. */
export function lineTime(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}.${two(d.getMilliseconds(), 3)}`;
}

function storedTimestamps(): boolean {
  try {
    return localStorage.getItem(TIMESTAMPS_KEY) === '1';
  } catch {
    return false;
  }
}

export function ConsoleTab({ task }: { task: Task }) {
  const client = useApiClient();
  const live = task.status === 'in_progress';
  const total = useLogTotal(task.id, live);
  const count = total.data ?? 0;
  const scroller = useRef<HTMLDivElement>(null);
  const [follow, setFollow] = useState(live);
  const [query, setQuery] = useState('');
  const [match, setMatch] = useState<number | null>(null);
  const [searchMsg, setSearchMsg] = useState('');
  /** Why the server refused the search (a regular expression it cannot run), shown beside the box. */
  const [searchError, setSearchError] = useState('');
  /** A regular expression's search that stopped at the server's bound: where the next step starts from. */
  const [resume, setResume] = useState<{ from: number; backwards: boolean } | null>(null);
  // The search asked last: an answer to an earlier one (the box has changed since, or Enter came again) is dropped.
  const asked = useRef(0);
  const [timestamps, setTimestampsState] = useState(storedTimestamps);
  const setTimestamps = (on: boolean) => {
    setTimestampsState(on);
    try {
      localStorage.setItem(TIMESTAMPS_KEY, on ? '1' : '0');
    } catch {
      /* the choice lasts for this page only */
    }
  };

  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 30,
  });
  const items = virtualizer.getVirtualItems();
  const firstPage = items.length ? Math.floor(items[0].index / PAGE) : 0;
  const lastPage = items.length ? Math.floor(items[items.length - 1].index / PAGE) : 0;
  const pageIds: number[] = [];
  for (let p = firstPage; p <= lastPage; p++) pageIds.push(p);
  const pages = useQueries({
    queries: pageIds.map((p) => ({
      queryKey: ['log-lines', task.id, p],
      queryFn: () => readConsolePage(client, task.id, p * PAGE, PAGE),
      // Only the last page grows while the task runs.
      refetchInterval: live && (p + 1) * PAGE >= count ? LIVE_REFRESH_MS : (false as const),
      staleTime: live ? 0 : Infinity,
    })),
  });
  const lineAt = (i: number): ConsoleLine | undefined => {
    const page = pages[pageIds.indexOf(Math.floor(i / PAGE))]?.data;
    return page?.lines[i - Math.floor(i / PAGE) * PAGE];
  };

  useEffect(() => {
    if (follow && count > 0) virtualizer.scrollToIndex(count - 1, { align: 'end' });
  }, [follow, count, virtualizer]);

  async function search(backwards: boolean) {
    if (!query) return;
    // Next (or previous) again after a search stopped short goes on from where it stopped.
    const step = backwards ? -1 : 1;
    const from = resume?.backwards === backwards ? resume.from : match === null ? (backwards ? count - 1 : 0) : match + step;
    const fromLine = Math.max(0, from);
    const mine = ++asked.current;
    let r;
    try {
      r = await client.call('events.search_task_log', {
        task: task.id,
        ...parseConsoleQuery(query),
        from_line: fromLine,
        backwards,
      });
    } catch (e) {
      if (mine !== asked.current) return;
      setSearchError(e instanceof ApiCallError ? e.detail : (e as Error).message);
      setSearchMsg('');
      setResume(null);
      return;
    }
    if (mine !== asked.current) return;
    setSearchError('');
    if (r.line === null) {
      if (r.searched_to !== undefined) {
        const [a, b] = backwards ? [r.searched_to, fromLine] : [fromLine, r.searched_to];
        setSearchMsg(`No match in lines ${(a + 1).toLocaleString()}–${(b + 1).toLocaleString()}`);
        setResume({ from: backwards ? r.searched_to - 1 : r.searched_to + 1, backwards });
        return;
      }
      setResume(null);
      setSearchMsg(match === null ? 'No match' : backwards ? 'No earlier match' : 'No later match');
      return;
    }
    setResume(null);
    setSearchMsg(`Line ${r.line + 1}`);
    setFollow(false);
    setMatch(r.line);
    virtualizer.scrollToIndex(r.line, { align: 'center' });
  }

  async function download() {
    const url = `${client.baseUrl}/api/events.download_task_log?task=${encodeURIComponent(task.id)}`;
    const res = await fetch(url, {
      credentials: 'same-origin',
      headers: client.token ? { Authorization: `Bearer ${client.token}` } : {},
    });
    saveBytes(new Uint8Array(await res.arrayBuffer()), `${task.name}.log`, 'text/plain');
  }

  if (total.isSuccess && count === 0)
    return <EmptyState title="Nothing was printed" hint="The console output of the task appears here as it runs." />;

  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', height: 'calc(100vh - 260px)', minHeight: 400 }}>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, mb: 1, flexWrap: 'wrap' }}>
        <TextField
          size="small"
          label="Search the console"
          placeholder="text, or /regex/i"
          value={query}
          error={!!searchError}
          onChange={(e) => {
            setQuery(e.target.value);
            asked.current++;
            setMatch(null);
            setSearchMsg('');
            setSearchError('');
            setResume(null);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter') void search(e.shiftKey);
          }}
        />
        <Tooltip title="Previous match">
          <IconButton aria-label="previous match" onClick={() => void search(true)}>
            <KeyboardArrowUpIcon />
          </IconButton>
        </Tooltip>
        <Tooltip title="Next match">
          <IconButton aria-label="next match" onClick={() => void search(false)}>
            <KeyboardArrowDownIcon />
          </IconButton>
        </Tooltip>
        <Typography variant="body2" color="text.secondary" role="status" aria-label="search result" sx={{ minWidth: 110 }}>
          {searchMsg}
        </Typography>
        {resume && (
          <Button size="small" aria-label="continue search" onClick={() => void search(resume.backwards)}>
            Continue
          </Button>
        )}
        {searchError && (
          <Typography variant="body2" color="error" role="alert" sx={{ maxWidth: 480 }}>
            {searchError}
          </Typography>
        )}
        <Box sx={{ flex: 1 }} />
        <Typography variant="body2" color="text.secondary">
          {count.toLocaleString()} {count === 1 ? 'line' : 'lines'}
        </Typography>
        <Tooltip title="Jump to start">
          <IconButton
            aria-label="jump to start"
            onClick={() => {
              setFollow(false);
              virtualizer.scrollToIndex(0);
            }}
          >
            <VerticalAlignTopIcon />
          </IconButton>
        </Tooltip>
        <Tooltip title="Jump to end">
          <IconButton aria-label="jump to end" onClick={() => virtualizer.scrollToIndex(count - 1, { align: 'end' })}>
            <VerticalAlignBottomIcon />
          </IconButton>
        </Tooltip>
        <FormControlLabel
          control={<Switch checked={timestamps} onChange={(e) => setTimestamps(e.target.checked)} />}
          label="Timestamps"
        />
        <FormControlLabel control={<Switch checked={follow} onChange={(e) => setFollow(e.target.checked)} />} label="Follow" />
        <Tooltip title="Download the whole log">
          <IconButton aria-label="download log" onClick={() => void download()}>
            <DownloadIcon />
          </IconButton>
        </Tooltip>
      </Box>
      <Paper
        variant="outlined"
        ref={scroller}
        role="log"
        aria-label="console output"
        tabIndex={0}
        onWheel={() => follow && setFollow(false)}
        sx={{
          flex: 1,
          overflow: 'auto',
          fontFamily: 'ui-monospace, Menlo, Consolas, monospace',
          fontSize: 12.5,
          bgcolor: (t) => (t.palette.mode === 'dark' ? '#0d1117' : '#fafbfc'),
        }}
      >
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative', minWidth: '100%' }}>
          {items.map((it) => {
            const line = lineAt(it.index);
            const error = line?.level === 'error';
            return (
              <div
                key={it.key}
                data-line={it.index}
                className={match === it.index ? 'console-match' : undefined}
                style={{
                  position: 'absolute',
                  top: 0,
                  transform: `translateY(${it.start}px)`,
                  height: ROW_HEIGHT,
                  lineHeight: `${ROW_HEIGHT}px`,
                  whiteSpace: 'pre',
                  display: 'flex',
                  width: '100%',
                  background: match === it.index ? 'rgba(255, 196, 0, 0.35)' : error ? 'rgba(244, 67, 54, 0.08)' : undefined,
                  borderLeft: error ? '3px solid #e53935' : '3px solid transparent',
                }}
              >
                <span
                  style={{ width: 64, textAlign: 'right', paddingRight: 12, opacity: 0.45, userSelect: 'none', flex: 'none' }}
                >
                  {it.index + 1}
                </span>
                {timestamps && (
                  <span className="console-time" style={{ paddingRight: 12, opacity: 0.6, userSelect: 'none', flex: 'none' }}>
                    {line ? lineTime(line.timestamp) : ''}
                  </span>
                )}
                <span className="console-text" style={{ color: error ? '#e53935' : undefined }}>
                  {line ? <AnsiLine text={line.text} /> : '…'}
                </span>
              </div>
            );
          })}
        </div>
      </Paper>
    </Box>
  );
}
