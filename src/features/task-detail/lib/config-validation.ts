import { parse as parseYaml } from 'yaml';

/** Null when a configuration object's text is valid for its type (JSON, YAML), else the problem. */
export function validateConfig(language: string, text: string): string | null {
  try {
    if (language === 'json') JSON.parse(text);
    else if (language === 'yaml') parseYaml(text);
    return null;
  } catch (e) {
    return (e as Error).message.split('\n')[0];
  }
}
