import Box from '@mui/material/Box';
import CircularProgress from '@mui/material/CircularProgress';
import { useTheme } from '@mui/material/styles';
import type * as Monaco from 'monaco-editor';
import { useEffect, useRef, useState } from 'react';

export interface CodeEditorProps {
  value: string;
  language: string;
  readOnly?: boolean;
  height?: number | string;
  onChange?: (value: string) => void;
  /** Syntax problems Monaco found (JSON); empty when the text is valid. */
  onMarkers?: (messages: string[]) => void;
  'aria-label'?: string;
}

/** A height that shows `text` whole, up to `max` pixels (then the editor scrolls). */
export function fitHeight(text: string, max: number): number {
  return Math.min(max, 40 + 19 * text.split('\n').length);
}

/** A Monaco editor, loaded on first use. */
export function CodeEditor({ value, language, readOnly = true, height = 320, onChange, onMarkers, ...rest }: CodeEditorProps) {
  const el = useRef<HTMLDivElement>(null);
  const editor = useRef<Monaco.editor.IStandaloneCodeEditor | null>(null);
  const [loading, setLoading] = useState(true);
  const dark = useTheme().palette.mode === 'dark';
  const handlers = useRef({ onChange, onMarkers });
  handlers.current = { onChange, onMarkers };
  // Monaco arrives asynchronously: create it with the props of that moment, not of the first render.
  const latest = useRef({ value, language, readOnly, dark });
  const emitted = useRef(new Set<string>());
  latest.current = { value, language, readOnly, dark };

  useEffect(() => {
    let disposed = false;
    const subs: Monaco.IDisposable[] = [];
    void import('./monaco').then(({ monaco }) => {
      if (disposed || !el.current) return;
      const now = latest.current;
      const ed = monaco.editor.create(el.current, {
        value: now.value,
        language: now.language,
        readOnly: now.readOnly,
        theme: now.dark ? 'vs-dark' : 'vs',
        automaticLayout: true,
        minimap: { enabled: false },
        scrollBeyondLastLine: false,
        fontSize: 13,
        wordWrap: 'on',
        ariaLabel: rest['aria-label'],
      });
      subs.push(
        ed.onDidChangeModelContent(() => {
          const v = ed.getValue();
          emitted.current.add(v);
          if (emitted.current.size > 200) emitted.current = new Set([v]);
          handlers.current.onChange?.(v);
        }),
      );
      subs.push(
        monaco.editor.onDidChangeMarkers(() => {
          const model = ed.getModel();
          if (!model) return;
          handlers.current.onMarkers?.(
            monaco.editor.getModelMarkers({ resource: model.uri }).map((m) => `line ${m.startLineNumber}: ${m.message}`),
          );
        }),
      );
      editor.current = ed;
      setLoading(false);
    });
    return () => {
      disposed = true;
      subs.forEach((s) => s.dispose());
      editor.current?.dispose();
      editor.current = null;
    };
    // Created once; value, language and options are kept in sync below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // A value that comes back from our own onChange (one render late while typing) must not be
  // written into the editor again: that would move the cursor. Only outside changes are.
  useEffect(() => {
    const ed = editor.current;
    if (!ed || ed.getValue() === value || emitted.current.has(value)) return;
    emitted.current.clear();
    ed.setValue(value);
  }, [value]);

  useEffect(() => {
    void import('./monaco').then(({ monaco }) => {
      const model = editor.current?.getModel();
      if (model) monaco.editor.setModelLanguage(model, language);
      monaco.editor.setTheme(dark ? 'vs-dark' : 'vs');
    });
    editor.current?.updateOptions({ readOnly });
  }, [language, readOnly, dark]);

  return (
    <Box sx={{ position: 'relative', height, border: 1, borderColor: 'divider', borderRadius: 1, overflow: 'hidden' }}>
      {loading && <CircularProgress size={24} sx={{ position: 'absolute', top: 12, left: 12 }} aria-label="loading editor" />}
      <div ref={el} data-testid="code-editor" style={{ width: '100%', height: '100%' }} />
    </Box>
  );
}
