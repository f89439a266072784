import Box from '@mui/material/Box';
import CircularProgress from '@mui/material/CircularProgress';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useQuery } from '@tanstack/react-query';
import { CodeEditor, fitHeight } from '../../../components/code-editor/CodeEditor';
import type { Artifact } from '../../../shared/api/records';
import { useApiClient } from '../../../client/react';
import { safeHref } from '../../../shared/urls';
import { parseCsv } from '../lib/csv';
import { imageSource, type ImageSource } from '../../../shared/urls';
import { fetchBytes, gunzip } from '../lib/files';

type Preview =
  | { kind: 'json' | 'text'; text: string }
  | { kind: 'csv'; rows: string[][] }
  | { kind: 'image'; image: ImageSource }
  | { kind: 'none'; text: string };

const MAX_PREVIEW_BYTES = 2 * 1024 * 1024;

function kindOf(a: Artifact): 'json' | 'csv' | 'csv.gz' | 'image' | 'text' | null {
  const name = (a.uri ?? '').split('?')[0].toLowerCase();
  const ct = a.type_data?.content_type ?? '';
  if (name.endsWith('.csv.gz')) return 'csv.gz';
  if (name.endsWith('.csv') || ct === 'text/csv') return 'csv';
  if (name.endsWith('.json') || ct === 'application/json') return 'json';
  if (/\.(png|jpe?g|gif|webp|svg)$/.test(name) || ct.startsWith('image/')) return 'image';
  if (/\.(txt|log|yaml|yml|md|py|ts|conf|cfg|ini)$/.test(name) || ct.startsWith('text/')) return 'text';
  return null;
}

/** A look inside an artifact: JSON/dict in an editor, CSV (also gzipped) as a table, text, images. */
export function ArtifactPreview({ artifact }: { artifact: Artifact }) {
  const client = useApiClient();
  const kind = kindOf(artifact);
  const preview = useQuery({
    queryKey: ['artifact-preview', artifact.uri],
    enabled: !!artifact.uri,
    queryFn: async (): Promise<Preview> => {
      const uri = artifact.uri!;
      if (kind === 'image') {
        const image = imageSource(uri);
        return image ? { kind: 'image', image } : { kind: 'none', text: '' };
      }
      if (!kind || !safeHref(uri) || (artifact.content_size ?? 0) > MAX_PREVIEW_BYTES)
        return { kind: 'none', text: artifact.type_data?.preview ?? '' };
      let bytes = await fetchBytes(client, uri);
      if (kind === 'csv.gz') bytes = await gunzip(bytes);
      const text = new TextDecoder().decode(bytes);
      if (kind === 'csv' || kind === 'csv.gz') return { kind: 'csv', rows: parseCsv(text, 51) };
      if (kind === 'json') {
        try {
          return { kind: 'json', text: JSON.stringify(JSON.parse(text), null, 2) };
        } catch {
          return { kind: 'text', text };
        }
      }
      return { kind: 'text', text };
    },
  });
  if (preview.isPending) return <CircularProgress size={20} aria-label="loading preview" />;
  if (preview.isError) return <Typography color="error">Could not load the preview: {preview.error.message}</Typography>;
  const p = preview.data;
  if (p.kind === 'image')
    return <Box component="img" {...p.image} alt={artifact.key} sx={{ maxWidth: '100%', maxHeight: 360 }} />;
  if (p.kind === 'csv') {
    const [header, ...rows] = p.rows;
    return (
      <TableContainer sx={{ maxHeight: 360 }}>
        <Table size="small" stickyHeader aria-label={`preview ${artifact.key}`}>
          <TableHead>
            <TableRow>
              {(header ?? []).map((h, i) => (
                <TableCell key={i}>{h}</TableCell>
              ))}
            </TableRow>
          </TableHead>
          <TableBody>
            {rows.map((r, i) => (
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
    );
  }
  if (p.kind === 'json')
    return <CodeEditor aria-label={`preview ${artifact.key}`} value={p.text} language="json" height={fitHeight(p.text, 260)} />;
  if (p.kind === 'text')
    return (
      <CodeEditor aria-label={`preview ${artifact.key}`} value={p.text} language="plaintext" height={fitHeight(p.text, 260)} />
    );
  return p.text ? (
    <Box
      component="pre"
      sx={{ m: 0, p: 1, bgcolor: 'action.hover', borderRadius: 1, overflow: 'auto', maxHeight: 260, fontSize: 12 }}
    >
      {p.text}
    </Box>
  ) : (
    <Typography color="text.secondary">No preview for this kind of file.</Typography>
  );
}
