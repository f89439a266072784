import { CompareView, type CompareState } from '../../features/compare';

export function ComparePage({ state, onState }: { state: CompareState; onState: (s: CompareState, replace?: boolean) => void }) {
  return <CompareView state={state} onChange={onState} />;
}
