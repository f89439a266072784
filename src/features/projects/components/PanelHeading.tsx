import EditIcon from '@mui/icons-material/Edit';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import { useCanWrite } from '../../../client/current-user';

/** An overview panel's title, with the button that opens its editor (members only; hidden while editing). */
export function PanelHeading({
  title,
  editing,
  ready,
  action,
  onEdit,
}: {
  title: string;
  editing: boolean;
  /** The project has loaded. */
  ready: boolean;
  action: string;
  onEdit: () => void;
}) {
  const canWrite = useCanWrite();
  return (
    <Box sx={{ display: 'flex', alignItems: 'center', mb: 1 }}>
      <Typography variant="h6" component="h2" sx={{ flex: 1 }}>
        {title}
      </Typography>
      {!editing && (
        <Tooltip title={canWrite ? '' : 'Viewers cannot edit projects'}>
          <span>
            <Button size="small" startIcon={<EditIcon />} disabled={!canWrite || !ready} onClick={onEdit}>
              {action}
            </Button>
          </span>
        </Tooltip>
      )}
    </Box>
  );
}
