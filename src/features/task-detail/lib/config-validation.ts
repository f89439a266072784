/** The YAML parser is fetched when a YAML object is first edited, not with the app. */
export const CHECKING = 'checking…';
let parseYaml: ((text: string) => unknown) | null = null;

export async function loadYamlParser(): Promise<void> {
  parseYaml ??= (await import('yaml')).parse;
}

/**
 * Null when a configuration object's text is valid for its type (JSON, YAML), else the problem
 * (for YAML, "checking…" until the parser has loaded).
 */
export function validateConfig(language: string, text: string): string | null {
  try {
    if (language === 'json') JSON.parse(text);
    else if (language === 'yaml') {
      if (!parseYaml) return CHECKING;
      parseYaml(text);
    }
    return null;
  } catch (e) {
    return (e as Error).message.split('\n')[0];
  }
}
