import DarkModeIcon from '@mui/icons-material/DarkMode';
import LightModeIcon from '@mui/icons-material/LightMode';
import LogoutIcon from '@mui/icons-material/Logout';
import SettingsBrightnessIcon from '@mui/icons-material/SettingsBrightness';
import AppBar from '@mui/material/AppBar';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import IconButton from '@mui/material/IconButton';
import Toolbar from '@mui/material/Toolbar';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import { Link, useNavigate, useRouterState } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { useCurrentUser } from '../features/auth';
import { ProjectTree } from '../features/projects';
import { useColorMode } from './theme';
import { LiveStatus } from '../components/LiveStatus';

const NEXT_MODE = { system: 'light', light: 'dark', dark: 'system' } as const;
const MODE_ICON = { system: <SettingsBrightnessIcon />, light: <LightModeIcon />, dark: <DarkModeIcon /> };

function NavButton({ href, active, children }: { href: string; active: boolean; children: ReactNode }) {
  const navigate = useNavigate();
  return (
    <Button
      href={href}
      color={active ? 'primary' : 'inherit'}
      aria-current={active ? 'page' : undefined}
      sx={{ whiteSpace: 'nowrap', flex: 'none' }}
      onClick={(e) => {
        e.preventDefault();
        void navigate({ to: href });
      }}
    >
      {children}
    </Button>
  );
}

/** The frame: top bar with navigation, project tree on the left, the page on the right. */
export function Layout({ children, onLogout }: { children: ReactNode; onLogout: () => void }) {
  const { mode, setMode } = useColorMode();
  const navigate = useNavigate();
  const path = useRouterState({ select: (s) => s.location.pathname });
  const projectId = /^\/projects\/([^/]+)/.exec(path)?.[1];
  const me = useCurrentUser();
  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', height: '100vh' }}>
      <AppBar position="static" color="default" sx={{ borderBottom: 1, borderColor: 'divider', bgcolor: 'background.paper' }}>
        <Toolbar variant="dense" sx={{ gap: 1 }}>
          <Typography
            variant="h6"
            component={Link}
            to="/projects"
            sx={{ fontWeight: 800, color: 'primary.main', textDecoration: 'none', mr: 3, letterSpacing: -0.5 }}
          >
            Taskdeck
          </Typography>
          <NavButton href="/projects" active={path === '/projects'}>
            Projects
          </NavButton>
          <NavButton href="/projects/*/tasks" active={path.startsWith('/projects/*/tasks')}>
            All tasks
          </NavButton>
          <NavButton href="/models" active={path.startsWith('/models') || path.endsWith('/models')}>
            Models
          </NavButton>
          <NavButton href="/datasets" active={path.startsWith('/datasets')}>
            Datasets
          </NavButton>
          <NavButton href="/pipelines" active={path.startsWith('/pipelines')}>
            Pipelines
          </NavButton>
          <NavButton href="/compare" active={path.startsWith('/compare')}>
            Compare
          </NavButton>
          <NavButton href="/workers-and-queues" active={path.startsWith('/workers')}>
            Workers &amp; Queues
          </NavButton>
          {me.role === 'admin' && (
            <NavButton href="/admin/users" active={path.startsWith('/admin')}>
              Admin → Users
            </NavButton>
          )}
          <Box sx={{ flex: 1 }} />
          <LiveStatus />
          <NavButton href="/settings" active={path.startsWith('/settings')}>
            Settings
          </NavButton>
          {/* A display name is whatever its user typed: a long one is cut here (whole in the tooltip), not wrapped
              over the bar's height while it squeezes the links. */}
          <Box aria-label="signed in as" sx={{ display: 'flex', minWidth: 0, mx: 1, color: 'text.secondary' }}>
            <Typography variant="body2" noWrap title={me.name} sx={{ maxWidth: 240 }}>
              {me.name}
            </Typography>
            <Typography variant="body2" sx={{ whiteSpace: 'pre', flex: 'none' }}>
              {` · ${me.role}`}
            </Typography>
          </Box>
          <Tooltip title={`Colours: ${mode} (click to change)`}>
            <IconButton aria-label={`colour mode ${mode}`} onClick={() => setMode(NEXT_MODE[mode])}>
              {MODE_ICON[mode]}
            </IconButton>
          </Tooltip>
          <Tooltip title="Sign out">
            <IconButton aria-label="sign out" onClick={onLogout}>
              <LogoutIcon />
            </IconButton>
          </Tooltip>
        </Toolbar>
      </AppBar>
      <Box sx={{ display: 'flex', flex: 1, minHeight: 0 }}>
        <Box
          component="aside"
          sx={{ width: 260, flex: 'none', borderRight: 1, borderColor: 'divider', overflow: 'auto', bgcolor: 'background.paper' }}
        >
          <Typography variant="overline" sx={{ px: 2, pt: 1, display: 'block', color: 'text.secondary' }}>
            Projects
          </Typography>
          <ProjectTree
            selected={projectId}
            onAllTasks={() => void navigate({ to: '/projects/*/tasks' })}
            onSelect={(id) =>
              // On a project's models, picking another project shows its models; elsewhere its tasks.
              void (/^\/(projects\/[^/]+\/)?models$/.test(path)
                ? navigate({ to: '/projects/$projectId/models', params: { projectId: id } })
                : navigate({ to: '/projects/$projectId/tasks', params: { projectId: id } }))
            }
          />
        </Box>
        <Box component="main" sx={{ flex: 1, minWidth: 0, overflow: 'auto', p: 3, display: 'flex', flexDirection: 'column' }}>
          {children}
        </Box>
      </Box>
    </Box>
  );
}
