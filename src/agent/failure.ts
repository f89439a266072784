/**
 * What to say when a script fails: the error line of its traceback (Node's "Error [CODE]: …",
 * Python's "ValueError: …"), else the last lines it wrote to stderr.
 */
const ERROR_LINE = /^(?:Uncaught )?[\w.]*(?:Error|Exception|Interrupt|Exit)\b(?: \[[\w-]+\])?: \S/;

export function failureSummary(stderr: string[]): string {
  const lines = stderr.map((l) => l.trimEnd()).filter((l) => l.trim());
  for (let i = lines.length - 1; i >= 0; i--) {
    if (ERROR_LINE.test(lines[i].trim())) return lines[i].trim();
  }
  return lines.slice(-5).join('\n');
}
