/**
 * schema_diff and calendar against a real git repository: v1.3.0 is tagged, then HEAD removes a JSON Schema
 * field, narrows a type, makes a field required, removes an OpenAPI path and operation, and adds a migration
 * that drops a column.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CalendarConfig } from '../../src/config/index.js';
import { runPreflight } from '../../src/preflight/runner.js';
import { check, commitAll, deps, git, initRepo, tempDir, writeFiles } from './support.js';

const orderSchema = (props: Record<string, unknown>, required: string[]) =>
  JSON.stringify(
    { $schema: 'https://json-schema.org/draft/2020-12/schema', type: 'object', properties: props, required },
    null,
    2,
  );

const OPENAPI_V1 = `openapi: 3.0.3
info: { title: orders, version: 1.3.0 }
paths:
  /orders:
    get: { responses: { '200': { description: ok } } }
    post: { responses: { '201': { description: created } } }
  /fills:
    get: { responses: { '200': { description: ok } } }
components:
  schemas:
    Order:
      type: object
      properties:
        qty: { type: integer }
        side: { type: string }
`;
const OPENAPI_V2 = `openapi: 3.0.3
info: { title: orders, version: 1.4.0 }
paths:
  /orders:
    get: { responses: { '200': { description: ok } } }
components:
  schemas:
    Order:
      type: object
      properties:
        qty: { type: string }
        side: { type: string }
`;

let breaking: ReturnType<typeof tempDir>;
let compatible: ReturnType<typeof tempDir>;
let untagged: ReturnType<typeof tempDir>;
const opts = (dir: string) => ({ version: '1.4.0', service: 'tradepulse', cwd: dir });
const schemaCheck = check({ name: 'schema-compat', schema_diff: { paths: ['schemas/**', 'migrations/**'] } });

beforeAll(() => {
  breaking = tempDir('preflight-schema-');
  initRepo(breaking.dir);
  writeFiles(breaking.dir, {
    'schemas/order.schema.json': orderSchema(
      { id: { type: 'integer' }, price: { type: 'number' }, venue: { type: 'string' } },
      ['id'],
    ),
    'schemas/api.openapi.yaml': OPENAPI_V1,
    'migrations/0001_init.sql':
      'CREATE TABLE orders (id bigint primary key, venue text, px numeric, qty int);\n',
    'README.md': 'orders\n',
  });
  commitAll(breaking.dir, 'v1.3.0', '2026-01-05T10:00:00Z');
  git(breaking.dir, ['tag', 'v1.3.0']);
  writeFiles(breaking.dir, {
    'schemas/order.schema.json': orderSchema({ id: { type: 'integer' }, price: { type: 'string' } }, [
      'id',
      'price',
    ]),
    'schemas/api.openapi.yaml': OPENAPI_V2,
    'migrations/0002_venues.sql': [
      '-- DROP TABLE fills is planned for 1.5 (a comment, not a statement)',
      'ALTER TABLE orders DROP COLUMN venue;',
      'ALTER TABLE orders ALTER COLUMN qty TYPE bigint, RENAME COLUMN px TO price;',
      "INSERT INTO audit VALUES ('DROP TABLE orders');",
    ].join('\n'),
    'README.md': 'orders v1.4\n',
  });
  commitAll(breaking.dir, 'breaking', '2026-02-01T10:00:00Z');

  compatible = tempDir('preflight-schema-ok-');
  initRepo(compatible.dir);
  writeFiles(compatible.dir, {
    'schemas/order.schema.json': orderSchema({ id: { type: 'integer' } }, ['id']),
    'migrations/0001.sql': 'CREATE TABLE t (id int);',
  });
  commitAll(compatible.dir, 'v1', '2026-01-05T10:00:00Z');
  git(compatible.dir, ['tag', 'v1.0.0']);
  writeFiles(compatible.dir, {
    'schemas/order.schema.json': orderSchema(
      { id: { type: 'integer' }, note: { type: ['string', 'null'] } },
      ['id'],
    ),
    'migrations/0002.sql': 'ALTER TABLE t ADD COLUMN note text; CREATE INDEX t_note ON t (note);',
  });
  commitAll(compatible.dir, 'compatible', '2026-02-01T10:00:00Z');

  untagged = tempDir('preflight-schema-none-');
  initRepo(untagged.dir);
  writeFiles(untagged.dir, { 'schemas/order.schema.json': orderSchema({ id: { type: 'integer' } }, ['id']) });
  commitAll(untagged.dir, 'first');
  writeFiles(untagged.dir, { 'schemas/order.schema.json': orderSchema({}, []) });
  commitAll(untagged.dir, 'second');
});
afterAll(() => {
  breaking?.cleanup();
  compatible?.cleanup();
  untagged?.cleanup();
});

describe('schema_diff', () => {
  it('fails on every breaking change since the previous tag and names each one', async () => {
    const report = await runPreflight([schemaCheck], deps(breaking.dir), opts(breaking.dir));
    const r = report.results[0]!;
    expect(r.status).toBe('fail');
    expect(report.previousTag).toBe('v1.3.0');
    const changes = (r.details as { changes: Array<{ file: string; kind: string; detail: string }> }).changes;
    const details = changes.map((c) => `${c.file}: ${c.detail}`);
    expect(details).toEqual(
      expect.arrayContaining([
        'schemas/order.schema.json: field venue removed',
        'schemas/order.schema.json: type of price changed from number to string',
        'schemas/order.schema.json: price is newly required',
        'schemas/api.openapi.yaml: path /fills removed',
        'schemas/api.openapi.yaml: operation POST /orders removed',
        'schemas/api.openapi.yaml: type of Order.qty changed from integer to string',
        'migrations/0002_venues.sql: DROP COLUMN orders.venue',
        'migrations/0002_venues.sql: ALTER COLUMN orders.qty TYPE bigint',
        'migrations/0002_venues.sql: RENAME COLUMN orders.px TO price',
      ]),
    );
    // The comment and the string literal mention DROP TABLE; neither is a statement.
    expect(changes.some((c) => c.kind === 'drop-table')).toBe(false);
    expect(changes).toHaveLength(9);
    expect(r.message).toMatch(/^9 breaking change\(s\) since v1\.3\.0: /);
    expect(r.message).toContain('migrations/0002_venues.sql: DROP COLUMN orders.venue');
  });

  it('passes additive changes (an optional field, a new column) and says what it compared', async () => {
    const report = await runPreflight([schemaCheck], deps(compatible.dir), opts(compatible.dir));
    const r = report.results[0]!;
    expect(r.status, r.message).toBe('pass');
    expect(r.message).toBe(
      'no breaking change since v1.0.0 in migrations/0002.sql, schemas/order.schema.json',
    );
  });

  it('passes with "no previous tag; nothing to compare" when there was no release before', async () => {
    const report = await runPreflight([schemaCheck], deps(untagged.dir), opts(untagged.dir));
    expect(report.results[0]!.status).toBe('pass');
    expect(report.results[0]!.message).toBe('no previous tag; nothing to compare');
  });

  it('compares with --previous-tag when given, and errors on a tag that does not exist', async () => {
    const sameAsHead = await runPreflight([schemaCheck], deps(breaking.dir), {
      ...opts(breaking.dir),
      previousTag: 'HEAD',
    });
    expect(sameAsHead.results[0]!.status).toBe('pass');
    const missing = await runPreflight([schemaCheck], deps(breaking.dir), {
      ...opts(breaking.dir),
      previousTag: 'v0.9.9',
    });
    expect(missing.results[0]!.status).toBe('error');
    expect(missing.results[0]!.message).toContain('--previous-tag: v0.9.9 does not name a commit');
  });
});

describe('calendar', () => {
  const calendar = CalendarConfig.parse({
    timezone: 'Europe/Istanbul',
    market_hours: { days: ['mon', 'tue', 'wed', 'thu', 'fri'], open: '09:30', close: '18:00' },
    no_schema_changes_during_market_hours: { paths: ['schemas/**', 'migrations/**'] },
    blackout: ['2026-12-31'],
  });
  const window = check({ name: 'window', calendar: {} });

  it('refuses the schema-changing release during BIST market hours, naming the rule and local time', async () => {
    const report = await runPreflight([window], deps(breaking.dir), {
      ...opts(breaking.dir),
      calendar,
      at: new Date('2026-03-03T08:00:00Z'),
    });
    const r = report.results[0]!;
    expect(r.status).toBe('fail');
    expect(r.message).toContain('calendar refuses 4 changed file(s) at 2026-03-03T11:00:00.000+03:00');
    expect(r.message).toContain(
      'touches schema paths (schemas/**, migrations/**): migrations/0002_venues.sql',
    );
  });

  it('allows it after the close, and refuses a blackout date', async () => {
    const evening = await runPreflight([window], deps(breaking.dir), {
      ...opts(breaking.dir),
      calendar,
      at: new Date('2026-03-03T16:30:00Z'),
    });
    expect(evening.results[0]!.status, evening.results[0]!.message).toBe('pass');
    const newYearsEve = await runPreflight([window], deps(breaking.dir), {
      ...opts(breaking.dir),
      calendar,
      at: new Date('2026-12-31T19:00:00Z'),
    });
    expect(newYearsEve.results[0]!.status).toBe('fail');
    expect(newYearsEve.results[0]!.message).toMatch(/blackout/i);
  });

  it('is an error without a calendar: section', async () => {
    const report = await runPreflight([window], deps(breaking.dir), opts(breaking.dir));
    expect(report.results[0]!.status).toBe('error');
    expect(report.results[0]!.message).toContain('needs a top-level calendar: section');
  });
});
