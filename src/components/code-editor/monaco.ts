// Monaco, bundled from the monaco-editor package (never a CDN), with its workers built by
// Vite. Imported only dynamically (CodeEditor.tsx), so it stays out of the initial bundle.
import * as monaco from 'monaco-editor';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import JsonWorker from 'monaco-editor/language/json/json.worker?worker';

self.MonacoEnvironment = {
  getWorker(_id: string, label: string) {
    return label === 'json' ? new JsonWorker() : new EditorWorker();
  },
};

// Unified diffs (script.diff) and HOCON (ClearML's dictionary configuration) have no
// built-in Monaco language: small tokenizers give them colour.
monaco.languages.register({ id: 'diff' });
monaco.languages.setMonarchTokensProvider('diff', {
  tokenizer: {
    root: [
      [/^(\+\+\+|---).*$/, 'keyword'],
      [/^@@.*@@.*$/, 'type'],
      [/^\+.*$/, 'string'],
      [/^-.*$/, 'comment'],
      [/^diff --git.*$/, 'keyword'],
      [/^index .*$/, 'comment.doc'],
    ],
  },
});
monaco.languages.register({ id: 'hocon' });
monaco.languages.setMonarchTokensProvider('hocon', {
  tokenizer: {
    root: [
      [/#.*$/, 'comment'],
      [/\/\/.*$/, 'comment'],
      [/"([^"\\]|\\.)*"/, 'string'],
      [/\b(true|false|null)\b/, 'keyword'],
      [/-?\d+(\.\d+)?([eE][-+]?\d+)?/, 'number'],
      [/[\w.-]+(?=\s*[:={])/, 'variable'],
      [/[{}[\]]/, '@brackets'],
    ],
  },
});

export { monaco };
