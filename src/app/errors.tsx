import Alert from '@mui/material/Alert';
import Snackbar from '@mui/material/Snackbar';
import { createContext, useCallback, useContext, useState, type ReactNode } from 'react';
import { ApiCallError } from '../client';

const Ctx = createContext<(e: unknown) => void>(() => undefined);

/** Shows a failed call as a readable message (the server's words), one at a time. */
export function ErrorSnackbar({ children, register }: { children: ReactNode; register?: (show: (e: unknown) => void) => void }) {
  const [msg, setMsg] = useState<string | null>(null);
  const show = useCallback(
    (e: unknown) => setMsg(e instanceof ApiCallError ? e.detail : e instanceof Error ? e.message : String(e)),
    [],
  );
  register?.(show);
  return (
    <Ctx.Provider value={show}>
      {children}
      <Snackbar
        open={!!msg}
        autoHideDuration={8000}
        onClose={() => setMsg(null)}
        anchorOrigin={{ vertical: 'bottom', horizontal: 'center' }}
      >
        <Alert severity="error" variant="filled" onClose={() => setMsg(null)} role="alert">
          {msg}
        </Alert>
      </Snackbar>
    </Ctx.Provider>
  );
}

export const useShowError = () => useContext(Ctx);
