import Alert from '@mui/material/Alert';
import { ReadOnlyTip } from '../../../components/ReadOnlyTip';
import { useViewerBlocker } from '../../../client/current-user';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import { useState } from 'react';
import type { Model } from '../../../shared/api/records';
import { useModelMutations } from '../api/queries';

const isArchived = (m: Model) => (m.system_tags ?? []).includes('archived');

/** Publish, archive or restore, delete: for one model (its page) or a selection (the table). */
export function ModelActions({ models, onDeleted }: { models: Model[]; onDeleted?: () => void }) {
  const m = useModelMutations();
  const [confirm, setConfirm] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [inUse, setInUse] = useState(false);
  const drafts = models.filter((x) => !x.ready);
  const allArchived = models.length > 0 && models.every(isArchived);
  // A viewer's buttons stay disabled (the server refuses their changes too).
  const viewer = useViewerBlocker();
  const busy = m.publish.isPending || m.archive.isPending || m.remove.isPending || !!viewer;
  const fail = (e: unknown) => setError(e instanceof Error ? e.message : String(e));
  const del = (force: boolean) =>
    m.remove.mutate(
      { ids: models.map((x) => x.id), force },
      {
        onSuccess: () => {
          setConfirm(false);
          onDeleted?.();
        },
        onError: (e) => {
          setInUse(!force);
          fail(e);
        },
      },
    );
  return (
    <ReadOnlyTip>
      <Box sx={{ display: 'flex', gap: 1, alignItems: 'center' }}>
        <Button
          size="small"
          variant="outlined"
          disabled={busy || !drafts.length}
          onClick={() =>
            m.publish.mutate(
              drafts.map((x) => x.id),
              { onError: fail },
            )
          }
        >
          Publish
        </Button>
        <Button
          size="small"
          variant="outlined"
          disabled={busy || !models.length}
          onClick={() => m.archive.mutate({ models, archived: !allArchived }, { onError: fail })}
        >
          {allArchived ? 'Restore' : 'Archive'}
        </Button>
        <Button
          size="small"
          variant="outlined"
          color="error"
          disabled={busy || !models.length}
          onClick={() => {
            setError(null);
            setInUse(false);
            setConfirm(true);
          }}
        >
          Delete
        </Button>
        {error && !confirm && (
          <Alert severity="error" onClose={() => setError(null)} sx={{ py: 0 }}>
            {error}
          </Alert>
        )}
        <Dialog open={confirm} onClose={() => setConfirm(false)}>
          <DialogTitle>Delete {models.length === 1 ? `model “${models[0].name}”` : `${models.length} models`}?</DialogTitle>
          <DialogContent>
            The model record is removed; its weights file stays where it was stored.
            {error && (
              <Alert severity="error" sx={{ mt: 2 }}>
                {error}
              </Alert>
            )}
          </DialogContent>
          <DialogActions>
            <Button onClick={() => setConfirm(false)}>Cancel</Button>
            {inUse ? (
              <Button color="error" disabled={busy} onClick={() => del(true)}>
                Delete anyway
              </Button>
            ) : (
              <Button color="error" disabled={busy} onClick={() => del(false)}>
                Delete
              </Button>
            )}
          </DialogActions>
        </Dialog>
      </Box>
    </ReadOnlyTip>
  );
}
