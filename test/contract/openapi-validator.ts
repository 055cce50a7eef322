/**
 * Validates JSON against the committed subset of GitHub's OpenAPI description
 * (test/contract/github-openapi-subset.json, derived by scripts/derive-github-openapi.mjs).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

export interface SubsetOperation {
  method: string;
  path: string;
  responses: Record<string, unknown>;
  requestBody: unknown;
}

export interface OpenApiSubset {
  source: Record<string, string>;
  operations: Record<string, SubsetOperation>;
  components: { schemas: Record<string, unknown> };
}

export const SUBSET_PATH = fileURLToPath(new URL('./github-openapi-subset.json', import.meta.url));

export interface ValidationOutcome {
  valid: boolean;
  /** Human-readable problems, e.g. `/0/user/login must be string`. */
  errors: string[];
}

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
const SUBSET_ID = 'github-openapi-subset';

export class OpenApiValidator {
  readonly subset: OpenApiSubset;
  private readonly ajv: Ajv;
  private readonly cache = new Map<string, ValidateFunction>();

  constructor(subset: OpenApiSubset = JSON.parse(readFileSync(SUBSET_PATH, 'utf8')) as OpenApiSubset) {
    this.subset = subset;
    // strict off: the schemas carry OpenAPI keywords ajv does not know (they are ignored, not guessed at).
    this.ajv = new Ajv({ strict: false, allErrors: true, validateFormats: true });
    addFormats(this.ajv);
    this.ajv.addSchema({ $id: SUBSET_ID, components: subset.components, operations: subset.operations });
  }

  operation(operationId: string): SubsetOperation {
    const op = this.subset.operations[operationId];
    if (!op)
      throw new Error(
        `operation ${operationId} is not in the OpenAPI subset; add it to scripts/derive-github-openapi.mjs`,
      );
    return op;
  }

  /** Whether the description documents a JSON body for this status (204s and redirects have none). */
  hasResponseSchema(operationId: string, status: number): boolean {
    const schema = this.operation(operationId).responses[String(status)];
    return schema !== undefined && schema !== null;
  }

  validateResponse(operationId: string, status: number, body: unknown): ValidationOutcome {
    const op = this.operation(operationId);
    const documented = op.responses[String(status)];
    if (documented === undefined) {
      // An undocumented error status (GitHub sends 404/401/403/429/5xx on most routes) must still carry basic-error.
      if (status >= 400) return this.run('#/components/schemas/basic-error', body);
      return { valid: false, errors: [`status ${status} is not documented for ${operationId}`] };
    }
    if (documented === null) return { valid: true, errors: [] };
    return this.run(`#/operations/${pointer(operationId)}/responses/${status}`, body);
  }

  validateRequestBody(operationId: string, body: unknown): ValidationOutcome {
    if (this.operation(operationId).requestBody === null) return { valid: true, errors: [] };
    return this.run(`#/operations/${pointer(operationId)}/requestBody`, body);
  }

  private run(fragment: string, data: unknown): ValidationOutcome {
    let validate = this.cache.get(fragment);
    if (!validate) {
      validate = this.ajv.compile({ $ref: `${SUBSET_ID}${fragment}` });
      this.cache.set(fragment, validate);
    }
    const valid = validate(data) as boolean;
    return {
      valid,
      errors: valid
        ? []
        : (validate.errors ?? []).map(
            (e) =>
              `${e.instancePath || '(root)'} ${e.message ?? 'is invalid'}${e.params ? ` ${JSON.stringify(e.params)}` : ''}`,
          ),
    };
  }
}

function pointer(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

let shared: OpenApiValidator | undefined;
/** One validator per process: compiling the schemas is the slow part. */
export function sharedValidator(): OpenApiValidator {
  shared ??= new OpenApiValidator();
  return shared;
}
