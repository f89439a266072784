import { describe, expect, it } from 'vitest';
import { designText } from '../components/ModelDetail';
import { modelQuery } from './queries';

describe('model table query', () => {
  it('sends the filters as ClearML models.get_all fields, the search as a literal', () => {
    expect(
      modelQuery({ projectId: 'p1', search: 'a.b(c', framework: 'PyTorch', tag: 'best', state: 'draft', sort: 'name' }),
    ).toEqual({
      project: ['p1'],
      name: '(?i)a\\.b\\(c',
      framework: ['PyTorch'],
      tags: ['best'],
      ready: false,
      system_tags: ['__$not', 'archived'],
      order_by: ['name'],
      page: 0,
      page_size: 500,
    });
    expect(modelQuery({ projectId: '*', archived: true })).toEqual({
      system_tags: ['archived'],
      order_by: ['-created'],
      page: 0,
      page_size: 500,
    });
  });

  it('sends every sort key, in order, the first repeated in none after it', () => {
    expect(modelQuery({ projectId: '*', sort: 'framework', thenBy: ['-name', 'framework'] }).order_by).toEqual([
      'framework',
      '-name',
    ]);
  });

  it('shows the design text ClearML keeps under design.design, else the JSON', () => {
    expect(designText({ design: 'layers: 3' })).toBe('layers: 3');
    expect(designText({ layers: [1] })).toBe('{\n  "layers": [\n    1\n  ]\n}');
    expect(designText({})).toBe('');
  });
});
