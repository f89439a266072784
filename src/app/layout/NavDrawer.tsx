import Divider from '@mui/material/Divider';
import Drawer from '@mui/material/Drawer';
import List from '@mui/material/List';
import ListItemButton from '@mui/material/ListItemButton';
import ListItemText from '@mui/material/ListItemText';
import Typography from '@mui/material/Typography';
import { useNavigate } from '@tanstack/react-router';
import type { MouseEvent } from 'react';
import type { NavItem } from './nav-items';
import { ProjectsPane } from './ProjectsPane';

/**
 * The top bar's links on a screen too narrow for them, in a panel from the left; below the width that has room for
 * the project tree beside the page, the tree too.
 */
export function NavDrawer({
  open,
  onClose,
  items,
  path,
  signedInAs,
  withProjects,
}: {
  open: boolean;
  onClose: () => void;
  items: readonly NavItem[];
  path: string;
  /** Shown at the top where the bar has no room for it. */
  signedInAs?: string;
  withProjects: boolean;
}) {
  const navigate = useNavigate();
  return (
    <Drawer open={open} onClose={onClose} slotProps={{ paper: { sx: { width: 280, maxWidth: '85vw' } } }}>
      {signedInAs !== undefined && (
        <Typography variant="body2" noWrap title={signedInAs} sx={{ px: 2, pt: 2, color: 'text.secondary' }}>
          {signedInAs}
        </Typography>
      )}
      <List component="nav" aria-label="pages">
        {items.map((item) => {
          const active = item.isActive(path);
          return (
            <ListItemButton
              key={item.href}
              component="a"
              href={item.href}
              selected={active}
              aria-current={active ? 'page' : undefined}
              onClick={(e: MouseEvent) => {
                e.preventDefault();
                onClose();
                void navigate({ to: item.href });
              }}
            >
              <ListItemText primary={item.label} />
            </ListItemButton>
          );
        })}
      </List>
      {withProjects && (
        <>
          <Divider />
          <ProjectsPane path={path} onPicked={onClose} />
        </>
      )}
    </Drawer>
  );
}
