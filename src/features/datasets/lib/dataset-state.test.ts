import { describe, expect, it } from 'vitest';
import { readTranscript } from '../../../testing/transcripts';
import {
  datasetSummary,
  filesInChunks,
  mergeLineage,
  parseDatasetContent,
  parseDatasetStruct,
  sdkGetLine,
  splitDatasetProject,
} from './dataset-state';

const records = readTranscript('sdk-dataset-transcript.jsonl');
type Edit = { task: string; configuration?: Record<string, { value: string }>; runtime?: Record<string, unknown> };
const edits = records.filter((r) => r.endpoint === 'tasks.edit').map((r) => r.request as Edit);
const lastConfig = (task: string, name: string) =>
  edits.filter((e) => e.task === task && e.configuration?.[name]).at(-1)!.configuration![name].value;
const PARENT = '801cd8c2a1aa42a4baa7aab9cf78e99b';
const CHILD = '7d282e7e27d04930ade842066229503d';

describe('dataset state from what the SDK records', () => {
  it('reads the child version genealogy: two versions, the child pointing to its parent', () => {
    const child = parseDatasetStruct(lastConfig(CHILD, 'Dataset Struct'));
    expect(child).toEqual([
      { id: CHILD, name: 'rec ds', version: '1.0.1', status: 'in_progress', parents: [PARENT], size: 44 },
      { id: PARENT, name: 'rec ds', version: '1.0.0', status: 'completed', parents: [], size: 53 },
    ]);
    const merged = mergeLineage([parseDatasetStruct(lastConfig(PARENT, 'Dataset Struct')), child]);
    expect(merged.map((e) => [e.version, e.parents])).toEqual([
      ['1.0.0', []],
      ['1.0.1', [PARENT]],
    ]);
  });

  it('reads the file list with sizes from "Dataset Content"', () => {
    expect(parseDatasetContent(lastConfig(CHILD, 'Dataset Content'))).toEqual([
      { path: 'extra.txt', size: 6, hash: '65110ea3b8b62b0c09742c368bf1527f0978b06dff7a1371ef7b4c98e244d91a' },
      { path: 'file1.txt', size: 15, hash: '2c844509f6de668eca0b8588175f4c2bd8c23cf7f2f90bb08ed62a48745f5edc' },
      { path: 'file2.txt', size: 15, hash: '8c310b041ddeff4948259bbdbfc95f99163f1b2de447907896727ad10179bfb7' },
      { path: 'sub/nested.csv', size: 8, hash: '492d5ea496056f1a6a6592241032fab764c321596317930b4fa0e1e8bc3b7470' },
    ]);
    expect(parseDatasetContent('File Name, File Size, Hash\na, b.txt, 3, abc')).toEqual([
      { path: 'a, b.txt', size: 3, hash: 'abc' },
    ]);
    expect(parseDatasetContent('{not csv')).toEqual([]);
  });

  it('reads the added/removed/modified counts from the runtime', () => {
    const runtime = edits.filter((e) => e.task === CHILD && e.runtime).at(-1)!.runtime;
    expect(datasetSummary(runtime)).toMatchObject({
      version: '1.0.1',
      fileCount: 4,
      totalSize: 44,
      compressedSize: 589,
      added: 1,
      removed: 1,
      modified: 0,
      sizeChange: -9,
    });
  });

  it('finds the files a version uploaded in its own chunks', () => {
    const artifacts = (
      records.filter((r) => r.endpoint === 'tasks.add_or_update_artifacts' && (r.request as Edit).task === CHILD).at(-1)!
        .request as {
        artifacts: never[];
      }
    ).artifacts;
    expect([...filesInChunks({ execution: { artifacts, parameters: {} } })]).toEqual(['extra.txt']);
  });

  it('names datasets by their hidden project and quotes the SDK line', () => {
    expect(splitDatasetProject('team/data/.datasets/rec ds')).toEqual({ parent: 'team/data', name: 'rec ds' });
    expect(sdkGetLine('ab"c')).toBe('Dataset.get(dataset_id="ab\\"c")');
  });
});
