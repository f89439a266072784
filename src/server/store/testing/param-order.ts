/**
 * The order a sort by a hyperparameter should give, computed from the values for tests: numbers by
 * value, then text, a task lacking the parameter first; ties by id (a descending sort is this reversed).
 */
export const NUMBER = /^\s*[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?\s*$/;
export function expectedOrder(tasks: { id: string; value?: string }[]): string[] {
  const rank = (t: { value?: string }) => {
    if (t.value === undefined) return { group: 0, num: 0, text: '' };
    const n = NUMBER.test(t.value) ? Number(t.value) : NaN;
    return Number.isFinite(n) ? { group: 2, num: n, text: t.value } : { group: 1, num: 0, text: t.value };
  };
  return [...tasks]
    .sort((a, b) => {
      const x = rank(a);
      const y = rank(b);
      if (x.group !== y.group) return x.group - y.group;
      if (x.num !== y.num) return x.num - y.num;
      if (x.text !== y.text) return x.text < y.text ? -1 : 1;
      return a.id < b.id ? -1 : 1;
    })
    .map((t) => t.id);
}
