/**
 * Setting one scalar in a YAML file without touching anything else: the new value is spliced into the source
 * text at the scalar's own range (found with the `yaml` package's Document API), so comments, key order, quoting
 * and indentation stay byte for byte as the author wrote them, and the Git diff is one line.
 */
import { isScalar, parseAllDocuments, Scalar } from 'yaml';
import { ConfigurationError } from '../config/index.js';

/**
 * `spec.traffic.canary`, `spec.routes[0].weight` or `spec.routes.0.weight`, and keys with dots in brackets:
 * `metadata.annotations["nginx.ingress.kubernetes.io/canary-weight"]`.
 */
export function parseFieldPath(field: string, name = 'traffic.gitops.field'): Array<string | number> {
  const out: Array<string | number> = [];
  const pattern = /([^.[\]]+)|\[(\d+)\]|\["([^"]+)"\]|\['([^']+)'\]/gy;
  let expectSegment = true;
  let i = 0;
  while (i < field.length) {
    if (field[i] === '.' && !expectSegment) {
      i++;
      expectSegment = true;
      continue;
    }
    pattern.lastIndex = i;
    const m = pattern.exec(field);
    if (!m) break;
    if (m[1] !== undefined) {
      if (!expectSegment) break;
      out.push(/^\d+$/.test(m[1]) ? Number(m[1]) : m[1]);
    } else if (m[2] !== undefined) out.push(Number(m[2]));
    else out.push((m[3] ?? m[4])!);
    expectSegment = false;
    i = pattern.lastIndex;
  }
  if (i !== field.length || out.length === 0 || expectSegment) {
    throw new ConfigurationError(
      `${name}: "${field}" is not a field path (expected dotted keys such as spec.traffic.canary, [0] for list items, ["a.b"] for keys with dots)`,
    );
  }
  return out;
}

function locate(text: string, pathSegments: Array<string | number>, field: string, file: string): Scalar {
  const docs = parseAllDocuments(text);
  const hits: Scalar[] = [];
  for (const [i, doc] of docs.entries()) {
    if (!('errors' in doc) || doc.errors.length > 0)
      throw new ConfigurationError(`traffic.gitops.file: ${file} document ${i + 1} is not valid YAML`);
    if (!doc.hasIn(pathSegments)) continue;
    const node = doc.getIn(pathSegments, true);
    if (!isScalar(node) || !node.range) {
      throw new ConfigurationError(
        `traffic.gitops.field: ${field} in ${file} is not a scalar value (expected a number such as 25)`,
      );
    }
    hits.push(node);
  }
  if (hits.length !== 1) {
    throw new ConfigurationError(
      hits.length === 0
        ? `traffic.gitops.field: ${file} has no ${field} (the field must exist; a misspelt path must not add a new key)`
        : `traffic.gitops.field: ${field} occurs in ${hits.length} documents of ${file} (expected exactly one)`,
    );
  }
  return hits[0]!;
}

export function readYamlField(text: string, field: string, file: string): unknown {
  return locate(text, parseFieldPath(field), field, file).value;
}

export function setYamlField(text: string, field: string, value: number, file: string): string {
  const node = locate(text, parseFieldPath(field), field, file);
  const [start, end] = node.range!;
  let written: string;
  switch (node.type) {
    case Scalar.QUOTE_DOUBLE:
      written = `"${value}"`;
      break;
    case Scalar.QUOTE_SINGLE:
      written = `'${value}'`;
      break;
    case Scalar.PLAIN:
    case undefined:
      written = String(value);
      break;
    default:
      throw new ConfigurationError(
        `traffic.gitops.field: ${field} in ${file} is a block scalar (expected a plain or quoted number)`,
      );
  }
  return text.slice(0, start) + written + text.slice(end);
}
