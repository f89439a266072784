/** Object paths in the files store, laid out as the ClearML SDK lays them out. */

/** The SDK quotes the project and task-name parts, leaving these characters alone. */
const SAFE = /[A-Za-z0-9' [\]{}()$^,.;\-_+=/]/;

export function quotePart(s: string): string {
  return [...s]
    .map((c) =>
      SAFE.test(c) ? c : [...Buffer.from(c, 'utf8')].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join(''),
    )
    .join('');
}

export function taskFolder(projectPath: string, taskName: string, taskId: string): string {
  return `${quotePart(projectPath)}/${quotePart(taskName)}.${taskId}`;
}

export const artifactPath = (folder: string, name: string, file: string) => `${folder}/artifacts/${name}/${file}`;

export function debugImagePath(folder: string, metric: string, variant: string, counter: number, ext: string): string {
  const n = String(counter).padStart(8, '0');
  return `${folder}/metrics/${metric}/${variant}/${metric}_${variant}_${n}.${ext}`;
}
