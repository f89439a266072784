import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import type { SeriesData, XMode } from './scalar-chart';

/** Fetches a chart's series over [lo, hi] (iterations, or ms for time axes) at full resolution. */
export interface RangeFetcher {
  /** The query key of the chart's data; the zoomed range is appended, so invalidating the chart's data refreshes it too. */
  key: readonly unknown[];
  fetch(lo: number, hi: number): Promise<SeriesData[]>;
}

export interface ZoomDetail {
  /** The zoomed window on the chart's axis (null: all of it). */
  window: [number, number] | null;
  /** The detail fetched for a server range, once it arrived (the previous one while the next loads). */
  detail: { range: [number, number]; series: SeriesData[] } | undefined;
  setWindow(window: [number, number] | null, serverRange: [number, number] | null): void;
}

/** Wheel and drag report many windows a second: the range is fetched once they settle. */
const SETTLE_MS = 250;

export function useZoomDetail(fetcher: RangeFetcher | undefined, xMode: XMode): ZoomDetail {
  const [window, setWin] = useState<[number, number] | null>(null);
  const [range, setRange] = useState<[number, number] | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => {
    setWin(null);
    setRange(null);
  }, [xMode]);
  useEffect(() => () => clearTimeout(timer.current), []);
  const q = useQuery({
    queryKey: [...(fetcher?.key ?? []), 'range', range],
    enabled: !!fetcher && !!range,
    queryFn: async () => ({ range: range!, series: await fetcher!.fetch(range![0], range![1]) }),
    placeholderData: keepPreviousData,
  });
  return {
    window,
    detail: range ? q.data : undefined,
    setWindow(w, r) {
      setWin(w);
      clearTimeout(timer.current);
      timer.current = setTimeout(() => setRange(r), SETTLE_MS);
    },
  };
}
