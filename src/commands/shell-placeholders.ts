/**
 * Placeholders in a shell command are data, not shell. `./scale.sh {{weight}}` runs as `./scale.sh
 * "${CANARY_WEIGHT}"` with CANARY_WEIGHT in the environment, so a value such as a tag `v1.0.0;touch${IFS}x;#`
 * (legal in git) or a stage input `pilot; rm -rf /` is one argument, never code. The reference is written to
 * suit where the placeholder stands: bare -> "${VAR}", inside double quotes -> ${VAR}, inside single quotes ->
 * '"${VAR}"' (close, expand quoted, reopen). The shell expands a variable's value once and never re-parses it.
 */
import { renderTemplate, type TemplateContext } from '../config/template.js';
import { contextVariableName } from './environment.js';

const PLACEHOLDER = /^\{\{\s*([^{}]*?)\s*\}\}/;

export interface ShellCommand {
  /** The text given to `sh -c`: placeholders replaced by quoted variable references. */
  script: string;
  /** The command with the values written in, for people reading the evidence (never executed). */
  shown: string;
}

/**
 * Renders a shell command template. Every placeholder must have a value (same errors as renderTemplate); the
 * values themselves go in the environment (see contextVariables), not in the script.
 */
export function renderShellCommand(text: string, context: TemplateContext, field: string): ShellCommand {
  const shown = renderTemplate(text, context, field);
  let script = '';
  let quote: 'none' | 'single' | 'double' = 'none';
  for (let i = 0; i < text.length;) {
    const ch = text[i]!;
    const placeholder = ch === '{' ? PLACEHOLDER.exec(text.slice(i)) : null;
    if (placeholder) {
      const variable = contextVariableName(placeholder[1]!);
      script +=
        quote === 'double'
          ? `\${${variable}}`
          : quote === 'single'
            ? `'"\${${variable}}"'`
            : `"\${${variable}}"`;
      i += placeholder[0].length;
      continue;
    }
    if (ch === '\\' && quote !== 'single') {
      // An escaped character is literal, including an escaped quote.
      script += text.slice(i, i + 2);
      i += 2;
      continue;
    }
    if (ch === "'" && quote !== 'double') quote = quote === 'single' ? 'none' : 'single';
    else if (ch === '"' && quote !== 'single') quote = quote === 'double' ? 'none' : 'double';
    script += ch;
    i++;
  }
  return { script, shown };
}

/** An argv command needs no quoting (no shell parses it): each item is rendered as is. */
export function renderArgvCommand(
  parts: readonly string[],
  context: TemplateContext,
  field: string,
): string[] {
  return parts.map((part, i) => renderTemplate(part, context, `${field}[${i}]`));
}
