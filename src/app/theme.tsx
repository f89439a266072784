import '@fontsource/roboto/400.css';
import '@fontsource/roboto/500.css';
import '@fontsource/roboto/700.css';
import CssBaseline from '@mui/material/CssBaseline';
import { createTheme, ThemeProvider } from '@mui/material/styles';
import useMediaQuery from '@mui/material/useMediaQuery';
import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';

export type ColorMode = 'system' | 'light' | 'dark';

const ModeCtx = createContext<{ mode: ColorMode; setMode: (m: ColorMode) => void }>({ mode: 'system', setMode: () => undefined });
export const useColorMode = () => useContext(ModeCtx);

/** Light or dark as the OS prefers, unless the user picked one (kept in localStorage). */
export function AppTheme({ children }: { children: ReactNode }) {
  const prefersDark = useMediaQuery('(prefers-color-scheme: dark)');
  const [mode, setModeState] = useState<ColorMode>(() => (localStorage.getItem('taskdeck.colorMode') as ColorMode) || 'system');
  const setMode = (m: ColorMode) => {
    localStorage.setItem('taskdeck.colorMode', m);
    setModeState(m);
  };
  const dark = mode === 'dark' || (mode === 'system' && prefersDark);
  const theme = useMemo(
    () =>
      createTheme({
        palette: {
          mode: dark ? 'dark' : 'light',
          primary: { main: dark ? '#64b5f6' : '#1565c0' },
          background: dark ? { default: '#0f1419', paper: '#161b22' } : { default: '#f5f7fa', paper: '#ffffff' },
        },
        shape: { borderRadius: 8 },
        typography: { fontFamily: 'Roboto, system-ui, sans-serif', button: { textTransform: 'none', fontWeight: 600 } },
        components: { MuiAppBar: { defaultProps: { elevation: 0 } } },
      }),
    [dark],
  );
  return (
    <ModeCtx.Provider value={{ mode, setMode }}>
      <ThemeProvider theme={theme}>
        <CssBaseline />
        {children}
      </ThemeProvider>
    </ModeCtx.Provider>
  );
}
