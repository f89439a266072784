import DarkModeIcon from '@mui/icons-material/DarkMode';
import LightModeIcon from '@mui/icons-material/LightMode';
import LogoutIcon from '@mui/icons-material/Logout';
import MenuIcon from '@mui/icons-material/Menu';
import SettingsBrightnessIcon from '@mui/icons-material/SettingsBrightness';
import AppBar from '@mui/material/AppBar';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import IconButton from '@mui/material/IconButton';
import { useTheme } from '@mui/material/styles';
import Toolbar from '@mui/material/Toolbar';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import useMediaQuery from '@mui/material/useMediaQuery';
import { Link, useNavigate, useRouterState } from '@tanstack/react-router';
import { useState, type ReactNode } from 'react';
import { useCurrentUser } from '../../features/auth';
import { LiveStatus } from '../../components/LiveStatus';
import { useColorMode } from '../theme';
import { NAV_ITEMS, SETTINGS_ITEM, type NavItem } from './nav-items';
import { NavDrawer } from './NavDrawer';
import { ProjectsPane } from './ProjectsPane';

const NEXT_MODE = { system: 'light', light: 'dark', dark: 'system' } as const;
const MODE_ICON = { system: <SettingsBrightnessIcon />, light: <LightModeIcon />, dark: <DarkModeIcon /> };

function NavButton({ item, path }: { item: NavItem; path: string }) {
  const navigate = useNavigate();
  const active = item.isActive(path);
  return (
    <Button
      href={item.href}
      color={active ? 'primary' : 'inherit'}
      aria-current={active ? 'page' : undefined}
      sx={{ whiteSpace: 'nowrap', flex: 'none' }}
      onClick={(e) => {
        e.preventDefault();
        void navigate({ to: item.href });
      }}
    >
      {item.label}
    </Button>
  );
}

/**
 * The frame: top bar with navigation, project tree on the left, the page on the right. Narrower than the links need
 * (a laptop's half screen), they go into a menu; narrower than the tree and a page need (a phone), the tree does too.
 */
export function Layout({ children, onLogout }: { children: ReactNode; onLogout: () => void }) {
  const { mode, setMode } = useColorMode();
  const theme = useTheme();
  // noSsr: the first render already knows the width, so a wide screen never flashes the menu button.
  const linksFit = useMediaQuery(theme.breakpoints.up('lg'), { noSsr: true });
  const treeFits = useMediaQuery(theme.breakpoints.up('md'), { noSsr: true });
  const nameFits = useMediaQuery(theme.breakpoints.up('sm'), { noSsr: true });
  const [menuOpen, setMenuOpen] = useState(false);
  const path = useRouterState({ select: (s) => s.location.pathname });
  const me = useCurrentUser();
  const items = NAV_ITEMS.filter((item) => !item.adminOnly || me.role === 'admin');
  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', height: '100vh' }}>
      <AppBar position="static" color="default" sx={{ borderBottom: 1, borderColor: 'divider', bgcolor: 'background.paper' }}>
        <Toolbar variant="dense" sx={{ gap: 1, px: { xs: 1, sm: 2 } }}>
          {!linksFit && (
            <IconButton aria-label="menu" aria-expanded={menuOpen} onClick={() => setMenuOpen(true)}>
              <MenuIcon />
            </IconButton>
          )}
          <Typography
            variant="h6"
            component={Link}
            to="/projects"
            sx={{ fontWeight: 800, color: 'primary.main', textDecoration: 'none', mr: { xs: 0, lg: 3 }, letterSpacing: -0.5 }}
          >
            Taskdeck
          </Typography>
          {linksFit && (
            <Box component="nav" aria-label="pages" sx={{ display: 'flex', gap: 1 }}>
              {items.map((item) => (
                <NavButton key={item.href} item={item} path={path} />
              ))}
            </Box>
          )}
          <Box sx={{ flex: 1 }} />
          <LiveStatus />
          {linksFit && <NavButton item={SETTINGS_ITEM} path={path} />}
          {/* A display name is whatever its user typed: a long one is cut here (whole in the tooltip), not wrapped
              over the bar's height while it squeezes the links. */}
          {nameFits && (
            <Box aria-label="signed in as" sx={{ display: 'flex', minWidth: 0, mx: 1, color: 'text.secondary' }}>
              <Typography variant="body2" noWrap title={me.name} sx={{ maxWidth: 240 }}>
                {me.name}
              </Typography>
              <Typography variant="body2" sx={{ whiteSpace: 'pre', flex: 'none' }}>
                {` · ${me.role}`}
              </Typography>
            </Box>
          )}
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
      {!linksFit && (
        <NavDrawer
          open={menuOpen}
          onClose={() => setMenuOpen(false)}
          items={[...items, SETTINGS_ITEM]}
          path={path}
          signedInAs={nameFits ? undefined : `${me.name} · ${me.role}`}
          withProjects={!treeFits}
        />
      )}
      <Box sx={{ display: 'flex', flex: 1, minHeight: 0 }}>
        {treeFits && (
          <Box
            component="aside"
            sx={{
              width: 260,
              flex: 'none',
              borderRight: 1,
              borderColor: 'divider',
              overflow: 'auto',
              bgcolor: 'background.paper',
            }}
          >
            <ProjectsPane path={path} />
          </Box>
        )}
        <Box
          component="main"
          sx={{ flex: 1, minWidth: 0, overflow: 'auto', p: { xs: 1.5, sm: 3 }, display: 'flex', flexDirection: 'column' }}
        >
          {children}
        </Box>
      </Box>
    </Box>
  );
}
