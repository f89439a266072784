import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Tooltip from '@mui/material/Tooltip';

/** Edit / Save / Cancel for one section, with the server's refusal shown in place. */
export function EditBar({
  editing,
  canEdit,
  whyNot,
  saving,
  invalid,
  error,
  onEdit,
  onSave,
  onCancel,
  label,
}: {
  editing: boolean;
  canEdit: boolean;
  whyNot: string;
  saving: boolean;
  invalid: string | null;
  error: string | null;
  onEdit: () => void;
  onSave: () => void;
  onCancel: () => void;
  label: string;
}) {
  return (
    <Box sx={{ display: 'flex', gap: 1, alignItems: 'center' }}>
      {editing ? (
        <>
          <Tooltip title={invalid ?? ''}>
            <span>
              <Button
                size="small"
                variant="contained"
                disabled={saving || !!invalid}
                onClick={onSave}
                aria-label={`save ${label}`}
              >
                Save
              </Button>
            </span>
          </Tooltip>
          <Button size="small" onClick={onCancel} aria-label={`cancel editing ${label}`}>
            Cancel
          </Button>
        </>
      ) : (
        <Tooltip title={canEdit ? '' : whyNot}>
          <span>
            <Button size="small" disabled={!canEdit} onClick={onEdit} aria-label={`edit ${label}`}>
              Edit
            </Button>
          </span>
        </Tooltip>
      )}
      {error && (
        <Alert severity="error" role="alert" sx={{ py: 0 }}>
          {error}
        </Alert>
      )}
    </Box>
  );
}
